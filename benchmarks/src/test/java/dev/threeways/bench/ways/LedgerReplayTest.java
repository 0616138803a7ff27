package dev.threeways.bench.ways;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.bench.Budget;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The ledger's apply recorded from the app's own JdbcPaymentStore and replayed, on a real PostgreSQL. */
class LedgerReplayTest {
    private static TestDatabase db;
    private static LedgerReplay replay;

    @BeforeAll
    static void record() {
        db = TestDatabase.postgres();
        replay = LedgerReplay.record(db.dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    @Test
    void theRecordingIsTheLedgersOneTransaction() {
        List<String> sql = replay.statements().stream().map(s -> s.replaceAll("\\s+", " ").strip()).toList();
        assertFalse(sql.isEmpty());
        assertTrue(sql.getFirst().startsWith("INSERT INTO webhook_events"), "the event is claimed first: " + sql);
        assertTrue(sql.stream().anyMatch(s -> s.startsWith("INSERT INTO payments")), "the payment row: " + sql);
        assertTrue(sql.stream().anyMatch(s -> s.startsWith("INSERT INTO ledger_entries")), "the capture: " + sql);
        assertTrue(sql.stream().anyMatch(s -> s.contains("FOR UPDATE")), "the payment locked: " + sql);

        List<LedgerReplay.Step> steps = replay.steps();
        var first = assertInstanceOf(LedgerReplay.ConnectionCall.class, steps.getFirst(), "auto-commit off first: " + steps);
        assertEquals("setAutoCommit", first.name());
        assertEquals(List.of(false), first.args());
        var last = assertInstanceOf(LedgerReplay.ConnectionCall.class, steps.getLast(), "the commit last: " + steps);
        assertEquals("commit", last.name());
        assertEquals(1, steps.stream().filter(s -> s instanceof LedgerReplay.ConnectionCall c && c.name().equals("commit")).count());

        var claim = (LedgerReplay.Execution) steps.get(1);
        assertTrue(claim.parameters().contains(replay.recordedEventId()), "the claim's parameters: " + claim);
        assertTrue(claim.parameters().contains(replay.recordedIntentId()), "the claim's parameters: " + claim);
        assertEquals(1, claim.result(), "a new event's claim inserts its row");
        assertTrue(replay.describe().endsWith("statements, 1 commit"), replay.describe());
    }

    @Test
    void aReplayAppliesANewEventAndLeavesTheRecordedOneAlone() throws Exception {
        long events = db.count("webhook_events");
        String eventId = "evt_replaytest_" + System.nanoTime();
        String intentId = "pi_replaytest_" + System.nanoTime();
        try (Connection c = db.dataSource().getConnection()) {
            replay.replay(c, eventId, intentId);
        }
        assertEquals(events + 1, db.count("webhook_events"));
        assertEquals("applied", Sql.queryString(db.dataSource(),
                "SELECT outcome FROM webhook_events WHERE event_id = '" + eventId + "'"));
        assertEquals(intentId, Sql.queryString(db.dataSource(),
                "SELECT payment_intent_id FROM webhook_events WHERE event_id = '" + eventId + "'"));
        assertEquals("succeeded", Sql.queryString(db.dataSource(),
                "SELECT status FROM payments WHERE payment_intent_id = '" + intentId + "'"));
        assertEquals(eventId, Sql.queryString(db.dataSource(),
                "SELECT status_event_id FROM payments WHERE payment_intent_id = '" + intentId + "'"));
        assertEquals(1, Sql.queryLong(db.dataSource(),
                "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'capture' AND payment_intent_id = '" + intentId + "'"));
        // nothing of the replay went to the recorded event's rows
        assertEquals(1, Sql.queryLong(db.dataSource(),
                "SELECT COUNT(*) FROM ledger_entries WHERE payment_intent_id = '" + replay.recordedIntentId() + "'"));
        assertEquals(replay.recordedEventId(), Sql.queryString(db.dataSource(),
                "SELECT status_event_id FROM payments WHERE payment_intent_id = '" + replay.recordedIntentId() + "'"));
    }

    @Test
    void aReplayThatWouldNotDoTheLedgersWorkFailsAndRollsBack() throws Exception {
        String eventId = "evt_replaytwice_" + System.nanoTime();
        String intentId = "pi_replaytwice_" + System.nanoTime();
        try (Connection c = db.dataSource().getConnection()) {
            replay.replay(c, eventId, intentId);
            long payments = db.count("payments");
            // the same ids again: the claim finds the event taken, which the recording's new event did not
            var diverged = assertThrows(IllegalStateException.class, () -> replay.replay(c, eventId, "pi_other_" + System.nanoTime()));
            assertTrue(diverged.getMessage().contains("diverged"), diverged.getMessage());
            assertEquals(payments, db.count("payments"), "rolled back: no payment row for the second intent");
        }
    }

    @Test
    void theWebhookCeilingAppliesNewEventsAtAMeasurableRate() throws Exception {
        long before = db.count("webhook_events");
        double perSecond = LedgerReplay.perSecond(db, 2, Duration.ofMillis(300), Budget.of(Duration.ofSeconds(30), 40));
        long applied = db.count("webhook_events") - before;
        assertTrue(perSecond > 0, "rate " + perSecond);
        // one recording plus the replays, the budget's 40 at most
        assertTrue(applied > 1 && applied <= 41, "rows " + applied);
    }
}
