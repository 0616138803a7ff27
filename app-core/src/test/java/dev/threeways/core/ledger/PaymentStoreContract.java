package dev.threeways.core.ledger;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.chargeRefunded;
import static dev.threeways.core.testing.StripeEvents.chargeRefundedWithEmbeddedRefunds;
import static dev.threeways.core.testing.StripeEvents.customerCreated;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static dev.threeways.core.testing.StripeEvents.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.http.Json;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.webhook.StripeFixtures.Refund;
import dev.threeways.core.testing.Waits;
import dev.threeways.core.webhook.StripeEventParser;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

    private Payment payment(String id) {
        return store().find(id).orElseThrow();
    }

    @Test
    void succeededWritesOneCaptureAndDuplicateChangesNothing() {
        String ev = paymentIntent("evt_1", "payment_intent.succeeded", 100, "pi_1", 5000, 5000, "succeeded");
        assertEquals(ApplyOutcome.APPLIED, apply(ev));
        assertEquals(ApplyOutcome.DUPLICATE, apply(ev));
        Payment p = payment("pi_1");
        assertEquals("succeeded", p.status());
        assertEquals(5000, p.amountReceived());
        assertEquals(List.of(new LedgerEntry(LedgerEntry.Kind.CAPTURE, "pi_1", 5000, "usd", "succeeded", "evt_1")),
                p.entries());
        assertEquals(1, Sql.count(ds, "webhook_events"));
    }

    @Test
    void eventsRecordTheirModeAndApiVersion() {
        apply(paymentIntent("evt_m", "payment_intent.created", 100, "pi_m", 10, 0, "requires_payment_method"));
        assertEquals(StripeEvents.API_VERSION,
                Sql.queryString(ds, "SELECT api_version FROM webhook_events WHERE event_id = 'evt_m'"));
        assertEquals(0, Sql.queryLong(ds, "SELECT COUNT(*) FROM webhook_events WHERE livemode"));
        assertFalse(payment("pi_m").livemode());
    }

    @Test
    void aSecondSucceededEventWithAnotherIdStillCapturesOnce() {
        apply(paymentIntent("evt_a", "payment_intent.succeeded", 100, "pi_2", 700, 700, "succeeded"));
        ApplyOutcome second = apply(paymentIntent("evt_b", "payment_intent.succeeded", 101, "pi_2", 700, 700, "succeeded"));
        assertEquals(ApplyOutcome.APPLIED, second, "the newer snapshot replaces the kept one");
        assertEquals(1, payment("pi_2").entries().size());
        assertEquals(700, payment("pi_2").captured());
    }

    @Test
    void lateProcessingAfterSucceededIsRecordedButDoesNotMoveBack() {
        apply(paymentIntent("evt_s", "payment_intent.succeeded", 200, "pi_3", 900, 900, "succeeded"));
        assertEquals(ApplyOutcome.STALE, apply(paymentIntent("evt_p", "payment_intent.processing", 150, "pi_3", 900, 0, "processing")));
        assertEquals(ApplyOutcome.STALE, apply(paymentIntent("evt_late", "payment_intent.processing", 250, "pi_3", 900, 0,
                "processing")), "succeeded is final even against a newer event");
        Payment p = payment("pi_3");
        assertEquals("succeeded", p.status());
        assertEquals(900, p.amountReceived());
        assertEquals(3, Sql.count(ds, "webhook_events"));
        assertEquals(2, Sql.queryLong(ds, "SELECT COUNT(*) FROM webhook_events WHERE outcome = 'stale'"));
    }

    @Test
    void aRetryAfterAFailedPaymentIsProcessingAgainAndShowsAsStalled() {
        apply(paymentIntent("evt_f", "payment_intent.payment_failed", 100, "pi_r", 300, 0, "requires_payment_method"));
        assertEquals("requires_payment_method", payment("pi_r").status());
        assertEquals(ApplyOutcome.APPLIED, apply(paymentIntent("evt_p2", "payment_intent.processing", 101, "pi_r", 300, 0,
                "processing")), "the retry is newer than the failure");
        assertEquals("processing", payment("pi_r").status());
        assertEquals(List.of("pi_r"), store().stalled("processing", Instant.now().plusSeconds(60), 10).stream()
                .map(StalledPayment::id).toList());
    }

    @Test
    void refundEventsWriteOneEntryPerRefundAndChargeRefundedKeepsStripesFigure() {
        apply(paymentIntent("evt_s", "payment_intent.succeeded", 100, "pi_4", 3000, 3000, "succeeded"));
        assertEquals(ApplyOutcome.APPLIED, apply(refund("evt_r1", "refund.created", 101, "re_1", "ch_4", "pi_4", 1000, "succeeded")));
        assertEquals(ApplyOutcome.APPLIED, apply(chargeRefunded("evt_c1", 102, "ch_4", "pi_4", 3000, 1000)));
        assertEquals(ApplyOutcome.APPLIED, apply(refund("evt_r2", "refund.created", 103, "re_2", "ch_4", "pi_4", 500, "pending")));
        assertEquals(ApplyOutcome.STALE, apply(refund("evt_r2_old", "refund.updated", 102, "re_2", "ch_4", "pi_4", 500, "succeeded")),
                "an older snapshot of the refund loses");
        Payment p = payment("pi_4");
        assertEquals(1500, p.refunded(), "pending refunds count");
        assertEquals(Optional.of(1000L), p.stripeAmountRefunded());
        assertEquals(Optional.of(false), p.refundsAgree(), "Stripe's figure is from before the second refund");
        apply(chargeRefunded("evt_c2", 104, "ch_4", "pi_4", 3000, 1500));
        assertEquals(Optional.of(true), payment("pi_4").refundsAgree());
        assertEquals(ApplyOutcome.STALE, apply(chargeRefunded("evt_c0", 99, "ch_4", "pi_4", 3000, 0)), "older charge figure loses");
        assertEquals(3000, payment("pi_4").captured());
        assertEquals(List.of("pending", "succeeded"), payment("pi_4").entries().stream()
                .filter(e -> e.kind() == LedgerEntry.Kind.REFUND).map(LedgerEntry::status).sorted().toList());
    }

    @Test
    void aRefundThatFailsStopsCountingAndStaysFailed() {
        apply(paymentIntent("evt_s", "payment_intent.succeeded", 100, "pi_f", 2000, 2000, "succeeded"));
        apply(refund("evt_r", "refund.created", 101, "re_f", "ch_f", "pi_f", 2000, "succeeded"));
        assertEquals(2000, payment("pi_f").refunded());
        assertEquals(ApplyOutcome.APPLIED, apply(refund("evt_rf", "refund.failed", 102, "re_f", "ch_f", "pi_f", 2000, "failed")));
        assertEquals(0, payment("pi_f").refunded(), "a failed refund gave nothing back");
        assertEquals(ApplyOutcome.STALE, apply(refund("evt_late", "refund.updated", 103, "re_f", "ch_f", "pi_f", 2000, "succeeded")),
                "failed is final");
        assertEquals("failed", payment("pi_f").entries().stream().filter(e -> e.key().equals("re_f")).findFirst()
                .orElseThrow().status());
    }

    @Test
    void aRefundIdAlreadyRecordedUnderAnotherIntentIsStaleNotAnOutage() {
        apply(refund("evt_x1", "refund.created", 101, "re_x", "ch_x", "pi_x1", 100, "succeeded"));
        assertEquals(ApplyOutcome.STALE, apply(refund("evt_x2", "refund.updated", 102, "re_x", "ch_x", "pi_x2", 100, "failed")));
        assertEquals(100, payment("pi_x1").refunded(), "the first intent's entry is untouched");
        assertEquals(0, payment("pi_x2").refunded());
    }

    @Test
    void refundsEmbeddedByOlderApiVersionsAreEntriesToo() {
        apply(paymentIntent("evt_s", "payment_intent.succeeded", 100, "pi_e", 3000, 3000, "succeeded"));
        var r1 = new Refund("re_e1", 1000);
        var r2 = new Refund("re_e2", 500);
        assertEquals(ApplyOutcome.APPLIED, apply(chargeRefundedWithEmbeddedRefunds("evt_e2", 102, "ch_e", "pi_e", 3000, 1500,
                List.of(r1, r2))));
        assertEquals(ApplyOutcome.STALE, apply(chargeRefundedWithEmbeddedRefunds("evt_e1", 101, "ch_e", "pi_e", 3000, 1000,
                List.of(r1))));
        Payment p = payment("pi_e");
        assertEquals(1500, p.refunded());
        assertEquals(Optional.of(1500L), p.stripeAmountRefunded());
        assertEquals(3, p.entries().size());
    }

    @Test
    void refundBeforeThePaymentIsKnownKeepsItsEntryAndTheLaterEventFillsTheRest() {
        apply(refund("evt_r", "refund.created", 101, "re_5", "ch_5", "pi_5", 2500, "succeeded"));
        assertEquals("unknown", payment("pi_5").status());
        assertEquals(0, payment("pi_5").amount());
        apply(paymentIntent("evt_s", "payment_intent.succeeded", 100, "pi_5", 2500, 2500, "succeeded"));
        Payment p = payment("pi_5");
        assertEquals("succeeded", p.status());
        assertEquals(2500, p.amount());
        assertEquals(2500, p.captured());
        assertEquals(2500, p.refunded());
        assertEquals(Optional.empty(), p.stripeAmountRefunded());
    }

    @Test
    void unknownTypesAreAcknowledgedAndNotStored() {
        assertEquals(ApplyOutcome.IGNORED, apply(customerCreated("evt_c", 100)));
        assertEquals(ApplyOutcome.IGNORED, apply(customerCreated("evt_c", 100)));
        assertEquals(0, Sql.count(ds, "payments"));
        assertEquals(0, Sql.count(ds, "webhook_events"));
    }

    @Test
    void findOfAnUnknownPaymentIsEmpty() {
        assertTrue(store().find("pi_nope").isEmpty());
    }

    @Test
    void stalledListsPaymentsLeftInAStatusOldestFirstByStripesTime() {
        long now = Instant.now().getEpochSecond();
        apply(paymentIntent("evt_p1", "payment_intent.processing", now - 7200, "pi_s1", 100, 0, "processing"));
        apply(paymentIntent("evt_p2", "payment_intent.processing", now - 5400, "pi_s2", 200, 0, "processing"));
        apply(paymentIntent("evt_p4", "payment_intent.processing", now - 60, "pi_s4", 400, 0, "processing"));
        apply(paymentIntent("evt_s3", "payment_intent.succeeded", now - 7200, "pi_s3", 300, 300, "succeeded"));
        // a refund or charge event touching the payment does not make it look fresh
        apply(chargeRefunded("evt_c1", now - 30, "ch_s1", "pi_s1", 100, 0));
        Instant anHourAgo = Instant.now().minusSeconds(3600);
        List<StalledPayment> stuck = store().stalled("processing", anHourAgo, 10);
        assertEquals(List.of("pi_s1", "pi_s2"), stuck.stream().map(StalledPayment::id).toList());
        assertEquals(200, stuck.get(1).amount());
        assertEquals(Instant.ofEpochSecond(now - 7200), stuck.get(0).since());
        assertEquals(1, store().stalled("processing", anHourAgo, 1).size(), "limit");
        assertTrue(store().stalled("processing", Instant.ofEpochSecond(now - 7200), 10).isEmpty(), "not stalled yet");
    }

    @Test
    void totalsCoverTheWindowOnlyAndCountOnlyLiveRefunds() {
        long t = Instant.now().getEpochSecond() - 600;
        apply(paymentIntent("evt_t1", "payment_intent.succeeded", t, "pi_t1", 1000, 1000, "succeeded"));
        apply(refund("evt_t2", "refund.created", t + 1, "re_t1", "ch_t1", "pi_t1", 400, "succeeded"));
        apply(refund("evt_t5", "refund.created", t + 1, "re_t2", "ch_t1", "pi_t1", 100, "canceled"));
        apply(paymentIntent("evt_t3", "payment_intent.processing", t, "pi_t2", 50, 0, "processing"));
        apply(paymentIntent("evt_t6", "payment_intent.processing", t - 200_000, "pi_t3", 50, 0, "processing"));
        apply(customerCreated("evt_t4", t));
        Instant now = Instant.now();
        LedgerTotals day = store().totals(now.minusSeconds(86_400), now.plusSeconds(60));
        assertEquals(5, day.events(), "received today, whatever Stripe's time");
        assertEquals(1000, day.captured());
        assertEquals(400, day.refunded());
        assertEquals(java.util.Map.of("succeeded", 1L, "processing", 1L), day.paymentsByStatus(),
                "by Stripe's time of the kept snapshot: pi_t3 has been processing for two days");
        LedgerTotals before = store().totals(now.minusSeconds(172_800), now.minusSeconds(86_400));
        assertEquals(new LedgerTotals(0, java.util.Map.of(), 0, 0), before);
    }

    @Test
    void listenersHearOfAppliedChangesOnly() throws InterruptedException {
        var ledger = new PaymentLedger(store());
        var heard = new java.util.concurrent.CopyOnWriteArrayList<LedgerChange>();
        ledger.onChange(heard::add);
        ledger.onChange(change -> {
            throw new IllegalStateException("a broken listener does not break the apply");
        });
        String ev = paymentIntent("evt_l1", "payment_intent.succeeded", 100, "pi_l1", 10, 10, "succeeded");
        assertEquals(ApplyOutcome.APPLIED, ledger.apply(StripeEventParser.parse(Json.readBody(bytes(ev)))));
        assertEquals(ApplyOutcome.DUPLICATE, ledger.apply(StripeEventParser.parse(Json.readBody(bytes(ev)))));
        ledger.apply(StripeEventParser.parse(Json.readBody(bytes(customerCreated("evt_l2", 100)))));
        String last = paymentIntent("evt_l3", "payment_intent.succeeded", 100, "pi_l3", 10, 10, "succeeded");
        ledger.apply(StripeEventParser.parse(Json.readBody(bytes(last))));
        // listeners hear in order: once the last change is heard, anything the others caused would be too
        Waits.until("the last change heard", Duration.ofSeconds(5), () -> heard.size() >= 2);
        assertEquals(List.of(new LedgerChange("pi_l1", "evt_l1", "payment_intent.succeeded"),
                new LedgerChange("pi_l3", "evt_l3", "payment_intent.succeeded")), heard);
    }

    @Test
    void pingAnswersOnAReachableDatabase() {
        store().ping(Duration.ofSeconds(2));
    }
}
