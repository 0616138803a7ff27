package dev.threeways.resilience;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.Waits;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What every fault class shares: a PostgreSQL cluster of its own (migrated, as the deploy leaves it),
 * the shared SQS-compatible server, and the run of a storm through a fault.
 */
abstract class FaultSuite {
    static PrivatePostgres pg;
    static final ElasticMq sqs = ElasticMq.shared();
    static final SqsClient client = sqs.client();

    /** A fault: starts it, waits as long as it lasts, ends it. */
    @FunctionalInterface
    interface Fault {
        void inflict() throws Exception;
    }

    /** What the storm saw, when the fault ended, and when the last event was in the ledger. */
    record Run(Storm.Outcome outcome, long endedNanos, long recoveredNanos) {
        String recovery() {
            return SuiteTable.seconds(recoveredNanos - endedNanos) + " to the last event applied";
        }
    }

    @BeforeAll
    static void database() throws Exception {
        pg = PrivatePostgres.startMigrated();
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        pg.close();
    }

    /**
     * Sends {@code events} as Stripe would, their first attempts spread over {@code lasting} and the 300 ms
     * before it, while {@code fault} happens; then waits until all are in the ledger. Fails if no attempt
     * was sent during the fault: a storm over before the fault began would prove nothing.
     */
    static Run stormThrough(Way way, String prefix, List<Storm.Event> events, Duration lasting, Fault fault)
            throws Exception {
        Duration before = Duration.ofMillis(300);
        var storm = CompletableFuture.supplyAsync(() -> {
            try {
                return Storm.send(way, events, 4, before.plus(lasting), Duration.ofSeconds(180));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
        Thread.sleep(before);
        long began = System.nanoTime();
        fault.inflict();
        long ended = System.nanoTime();
        Storm.Outcome outcome = storm.get();
        long during = outcome.sentBetween(began, ended);
        assertTrue(during > 0, "the storm met the fault: no webhook was sent while it lasted");
        awaitApplied(prefix, events.size());
        return new Run(outcome, ended, System.nanoTime());
    }

    static void awaitApplied(String prefix, int count) throws InterruptedException {
        Waits.until(count + " events of " + prefix + " in the ledger", Duration.ofSeconds(180), () ->
                Sql.queryLong(pg.dataSource(), "SELECT COUNT(*) FROM webhook_events WHERE event_id LIKE 'evt_"
                        + prefix + "_%'") == count);
    }
}
