package dev.threeways.core.ledger;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.threeways.core.http.Json;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.testing.CapturedLog;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.Waits;
import dev.threeways.core.webhook.StripeEventParser;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Ledger listeners run off the applying thread, in order, with a bounded backlog. */
class PaymentLedgerTest {
    private static LedgerEvent event(int i) {
        return StripeEventParser.parse(Json.readBody(bytes(paymentIntent("evt_n" + i, "payment_intent.succeeded", 100,
                "pi_n" + i, 10, 10, "succeeded"))));
    }

    private static List<String> eventIds(List<LedgerChange> changes) {
        return changes.stream().map(LedgerChange::eventId).toList();
    }

    @Test
    void aListenerThatBlocksDelaysNoApply() throws InterruptedException {
        var ledger = new PaymentLedger(new JdbcPaymentStore(H2Database.fresh()));
        var heard = new CopyOnWriteArrayList<LedgerChange>();
        var unblock = new CountDownLatch(1);
        ledger.onChange(change -> {
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            heard.add(change);
        });
        // on the applying thread the first apply would wait for the latch for ever
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> IntStream.range(0, 5).forEach(i ->
                assertEquals(ApplyOutcome.APPLIED, ledger.apply(event(i)))));
        assertEquals(List.of(), heard);

        unblock.countDown();
        Waits.until("all heard", Duration.ofSeconds(5), () -> heard.size() == 5);
        assertEquals(List.of("evt_n0", "evt_n1", "evt_n2", "evt_n3", "evt_n4"), eventIds(heard), "in order");
    }

    @Test
    void changesBeyondTheBacklogAreDroppedAndCountedNotQueued() throws InterruptedException {
        // the subject: a backlog of 2 instead of 1000
        var ledger = new PaymentLedger(new JdbcPaymentStore(H2Database.fresh()), 2);
        var heard = new CopyOnWriteArrayList<LedgerChange>();
        var entered = new CountDownLatch(1);
        var unblock = new CountDownLatch(1);
        ledger.onChange(change -> {
            entered.countDown();
            try {
                unblock.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            heard.add(change);
        });
        try (CapturedLog log = CapturedLog.start()) {
            ledger.apply(event(0));
            entered.await(); // the listener holds evt_n0: the backlog is empty
            for (int i = 1; i <= 6; i++) {
                assertEquals(ApplyOutcome.APPLIED, ledger.apply(event(i)), "a full backlog fails no apply");
            }
            assertEquals(4, ledger.droppedChanges(), "2 waited, 4 did not fit");
            var warnings = log.withMessage("ledger listeners behind: change dropped");
            assertEquals(List.of(1L, 2L, 4L), warnings.stream().map(w -> w.get("dropped").longValue()).toList(),
                    "a line at 1, 2, 4... drops, not one per drop");
            assertEquals(JsonLog.Level.WARN.name(), warnings.getFirst().get("level").stringValue());
        }
        unblock.countDown();
        Waits.until("the backlog heard", Duration.ofSeconds(5), () -> heard.size() == 3);
        assertEquals(List.of("evt_n0", "evt_n1", "evt_n2"), eventIds(heard));

        ledger.apply(event(7));
        Waits.until("heard again once the backlog drained", Duration.ofSeconds(5), () -> heard.size() == 4);
        assertEquals("evt_n7", heard.getLast().eventId());
    }
}
