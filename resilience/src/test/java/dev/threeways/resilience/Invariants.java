package dev.threeways.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.Sql;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/** What must hold after every fault and every attack, whatever the way. */
final class Invariants {
    private static final Pattern STACK_FRAME = Pattern.compile("(?m)^\\s+at [\\w$.]+\\(");

    private Invariants() {}

    /** Each acknowledged event in the ledger once, each payment captured at most once and never beyond its amount. */
    static void ledgerHolds(DataSource db, List<Storm.Event> events, Storm.Outcome outcome) {
        assertEquals(List.of(), List.copyOf(outcome.unacknowledged()), "every event was acknowledged in the end");
        long stored = Sql.queryLong(db, "SELECT COUNT(*) FROM webhook_events WHERE event_id IN ("
                + quoted(events) + ")");
        assertEquals(events.size(), stored, "no acknowledged event lost");
        assertEquals(0, Sql.queryLong(db, """
                SELECT COUNT(*) FROM (SELECT payment_intent_id FROM ledger_entries WHERE kind = 'capture'
                                      GROUP BY payment_intent_id HAVING COUNT(*) > 1) doubled"""), "no double capture");
        assertEquals(0, Sql.queryLong(db, """
                SELECT COUNT(*) FROM ledger_entries e JOIN payments p USING (payment_intent_id)
                WHERE e.kind = 'capture' AND e.amount > p.amount"""), "no capture beyond its payment");
        assertEquals(events.size(), Sql.queryLong(db, "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'capture' "
                + "AND event_id IN (" + quoted(events) + ")"), "every payment captured once");
    }

    static void onlyTheDocumentedRefusal(Storm.Outcome outcome) {
        assertEquals(Map.of(), outcome.unexpected(), "no answer but 2xx and the documented 503: " + outcome.summary());
    }

    /** No ERROR line with a stack trace, and no bare stack trace on stderr, for conditions that were expected. */
    static void noStackTraces(String logs) {
        List<String> errors = logs.lines().filter(l -> l.contains("\"level\":\"ERROR\"") && l.contains("\"stack\""))
                .map(l -> l.substring(0, Math.min(l.length(), 400))).limit(3).toList();
        assertEquals(List.of(), errors, "ERROR lines with a stack trace");
        var bare = STACK_FRAME.matcher(logs);
        assertTrue(!bare.find(), () -> "a bare stack trace in the log: "
                + logs.substring(Math.max(0, bare.start() - 500), Math.min(logs.length(), bare.end() + 200)));
    }

    private static String quoted(List<Storm.Event> events) {
        return String.join(",", events.stream().map(e -> "'" + e.eventId() + "'").toList());
    }
}
