package dev.threeways.core.ledger;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.chargeRefunded;
import static dev.threeways.core.testing.StripeEvents.customerCreated;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.http.Json;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.StripeEvents.Refund;
import dev.threeways.core.webhook.StripeEventParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** What every {@link PaymentStore} backend must do; run against PostgreSQL and against H2. */
abstract class PaymentStoreContract {
    /** A fresh, migrated, empty database for each test. */
    protected abstract DataSource freshDatabase();

    private DataSource ds;
    private PaymentStore store;

    private PaymentStore store() {
        if (store == null) {
            ds = freshDatabase();
            store = new JdbcPaymentStore(ds);
        }
        return store;
    }

    private ApplyOutcome apply(String json) {
        return store().apply(StripeEventParser.parse(Json.readBody(bytes(json))));
    }

    @Test
    void succeededWritesOneCaptureAndDuplicateChangesNothing() {
        String ev = paymentIntent("evt_1", "payment_intent.succeeded", 100, "pi_1", 5000, 5000, "succeeded");
        assertEquals(ApplyOutcome.APPLIED, apply(ev));
        assertEquals(ApplyOutcome.DUPLICATE, apply(ev));
        Payment p = store().find("pi_1").orElseThrow();
        assertEquals("succeeded", p.status());
        assertEquals(5000, p.amountReceived());
        assertEquals(List.of(new LedgerEntry(LedgerEntry.Kind.CAPTURE, "pi_1", 5000, "usd", "evt_1")), p.entries());
        assertEquals(1, Sql.count(ds, "webhook_events"));
    }

    @Test
    void aSecondSucceededEventWithAnotherIdStillCapturesOnce() {
        apply(paymentIntent("evt_a", "payment_intent.succeeded", 100, "pi_2", 700, 700, "succeeded"));
        ApplyOutcome second = apply(paymentIntent("evt_b", "payment_intent.succeeded", 101, "pi_2", 700, 700, "succeeded"));
        assertEquals(ApplyOutcome.APPLIED, second, "the later event moves the status triple forward");
        assertEquals(1, store().find("pi_2").orElseThrow().entries().size());
        assertEquals(700, store().find("pi_2").orElseThrow().captured());
    }

    @Test
    void lateProcessingAfterSucceededIsRecordedButDoesNotMoveBack() {
        apply(paymentIntent("evt_s", "payment_intent.succeeded", 200, "pi_3", 900, 900, "succeeded"));
        assertEquals(ApplyOutcome.STALE, apply(paymentIntent("evt_p", "payment_intent.processing", 150, "pi_3", 900, 0, "processing")));
        Payment p = store().find("pi_3").orElseThrow();
        assertEquals("succeeded", p.status());
        assertEquals(900, p.amountReceived());
        assertEquals(2, Sql.count(ds, "webhook_events"));
        assertEquals(1, Sql.queryLong(ds, "SELECT COUNT(*) FROM webhook_events WHERE outcome = 'stale'"));
    }

    @Test
    void refundsAreUniquePerRefundIdAndTotalsOnlyGrow() {
        apply(paymentIntent("evt_s", "payment_intent.succeeded", 100, "pi_4", 3000, 3000, "succeeded"));
        var r1 = new Refund("re_1", 1000);
        var r2 = new Refund("re_2", 500);
        assertEquals(ApplyOutcome.APPLIED, apply(chargeRefunded("evt_r2", 102, "ch_4", "pi_4", 3000, 1500, List.of(r1, r2))));
        assertEquals(ApplyOutcome.STALE, apply(chargeRefunded("evt_r1", 101, "ch_4", "pi_4", 3000, 1000, List.of(r1))));
        Payment p = store().find("pi_4").orElseThrow();
        assertEquals(1500, p.amountRefunded());
        assertEquals(1500, p.refunded());
        assertEquals(3000, p.captured());
        assertEquals(3, p.entries().size());
    }

    @Test
    void refundBeforeThePaymentIsKnownKeepsItsEntriesAndTheLaterEventFillsTheRest() {
        apply(chargeRefunded("evt_r", 101, "ch_5", "pi_5", 2500, 2500, List.of(new Refund("re_5", 2500))));
        assertEquals("unknown", store().find("pi_5").orElseThrow().status());
        apply(paymentIntent("evt_s", "payment_intent.succeeded", 100, "pi_5", 2500, 2500, "succeeded"));
        Payment p = store().find("pi_5").orElseThrow();
        assertEquals("succeeded", p.status());
        assertEquals(2500, p.captured());
        assertEquals(2500, p.refunded());
        assertEquals(2500, p.amountRefunded());
    }

    @Test
    void unknownTypesAreRecordedAsIgnoredAndTouchNoPayment() {
        assertEquals(ApplyOutcome.IGNORED, apply(customerCreated("evt_c", 100)));
        assertEquals(ApplyOutcome.DUPLICATE, apply(customerCreated("evt_c", 100)));
        assertEquals(0, Sql.count(ds, "payments"));
        assertEquals(1, Sql.count(ds, "webhook_events"));
    }

    @Test
    void findOfAnUnknownPaymentIsEmpty() {
        assertTrue(store().find("pi_nope").isEmpty());
    }

    @Test
    void stalledListsPaymentsLeftInAStatusOldestFirst() {
        apply(paymentIntent("evt_p1", "payment_intent.processing", 100, "pi_s1", 100, 0, "processing"));
        apply(paymentIntent("evt_p2", "payment_intent.processing", 100, "pi_s2", 200, 0, "processing"));
        apply(paymentIntent("evt_s3", "payment_intent.succeeded", 100, "pi_s3", 300, 300, "succeeded"));
        List<StalledPayment> later = store().stalled("processing", Instant.now().plusSeconds(3600), 10);
        assertEquals(List.of("pi_s1", "pi_s2"), later.stream().map(StalledPayment::id).toList());
        assertEquals(200, later.get(1).amount());
        assertEquals(1, store().stalled("processing", Instant.now().plusSeconds(3600), 1).size(), "limit");
        assertTrue(store().stalled("processing", Instant.now().minusSeconds(3600), 10).isEmpty(), "not stalled yet");
    }

    @Test
    void totalsCoverTheWindowOnly() {
        apply(paymentIntent("evt_t1", "payment_intent.succeeded", 100, "pi_t1", 1000, 1000, "succeeded"));
        apply(chargeRefunded("evt_t2", 101, "ch_t1", "pi_t1", 1000, 400, List.of(new Refund("re_t1", 400))));
        apply(paymentIntent("evt_t3", "payment_intent.processing", 100, "pi_t2", 50, 0, "processing"));
        apply(customerCreated("evt_t4", 100));
        Instant now = Instant.now();
        LedgerTotals day = store().totals(now.minusSeconds(86_400), now.plusSeconds(60));
        assertEquals(4, day.events());
        assertEquals(1000, day.captured());
        assertEquals(400, day.refunded());
        assertEquals(java.util.Map.of("succeeded", 1L, "processing", 1L), day.paymentsByStatus());
        LedgerTotals before = store().totals(now.minusSeconds(172_800), now.minusSeconds(86_400));
        assertEquals(new LedgerTotals(0, java.util.Map.of(), 0, 0), before);
    }

    @Test
    void listenersHearOfAppliedChangesOnly() {
        var ledger = new PaymentLedger(store());
        var heard = new java.util.ArrayList<LedgerChange>();
        ledger.onChange(heard::add);
        ledger.onChange(change -> {
            throw new IllegalStateException("a broken listener does not break the apply");
        });
        String ev = paymentIntent("evt_l1", "payment_intent.succeeded", 100, "pi_l1", 10, 10, "succeeded");
        assertEquals(ApplyOutcome.APPLIED, ledger.apply(StripeEventParser.parse(Json.readBody(bytes(ev)))));
        assertEquals(ApplyOutcome.DUPLICATE, ledger.apply(StripeEventParser.parse(Json.readBody(bytes(ev)))));
        ledger.apply(StripeEventParser.parse(Json.readBody(bytes(customerCreated("evt_l2", 100)))));
        assertEquals(List.of(new LedgerChange("pi_l1", "evt_l1", "payment_intent.succeeded")), heard);
    }

    @Test
    void pingAnswersOnAReachableDatabase() {
        store().ping(Duration.ofSeconds(2));
    }
}
