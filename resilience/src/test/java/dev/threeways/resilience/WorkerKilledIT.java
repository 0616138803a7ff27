package dev.threeways.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.Waits;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * kill -9 of the Fargate worker in the middle of a batch (the service shape with a separate worker,
 * {@code -c fargateWorkerService=true}): what it had received and not deleted comes back after the
 * queue's visibility timeout (the data stack's 60 s), and a new worker applies it — once, whatever the
 * first one had already written.
 */
class WorkerKilledIT extends FaultSuite {
    private static final int EVENTS = 40;

    @Test
    void fargateWorkerKilledMidBatch() throws Exception {
        String queue = Deployments.queue(sqs, client, "worker-killed");
        var intakeEnv = new HashMap<>(Deployments.withQueue(Deployments.wiring(pg.url()), sqs.endpoint(), queue));
        intakeEnv.put("WORKER_ENABLED", "false");
        List<Storm.Event> events = Storm.events("wk", EVENTS);
        Storm.Outcome outcome;
        try (ServerWay intake = ServerWay.start("Fargate intake", "fargate.jar", intakeEnv, "serve")) {
            outcome = Storm.send(intake, events, 4, Duration.ofSeconds(60));
        }
        var workerEnv = Deployments.withQueue(Deployments.wiring(pg.url()), sqs.endpoint(), queue);
        long killed;
        String firstLog;
        try (ServerWay first = ServerWay.start("Fargate worker", "fargate.jar", workerEnv, "worker")) {
            Waits.until("the first worker applying", Duration.ofSeconds(30), () -> applied() > 0);
            first.process().sigkill();
            killed = System.nanoTime();
            first.process().awaitExit(Duration.ofSeconds(10));
            firstLog = first.logs();
        }
        long appliedByFirst = applied();
        assertTrue(appliedByFirst < EVENTS, "the kill came mid-work: the first worker had applied " + appliedByFirst
                + " of " + EVENTS);
        int inFlight = ElasticMq.count(client, queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE);
        try (ServerWay second = ServerWay.start("Fargate worker", "fargate.jar", workerEnv, "worker")) {
            // the ledger may be complete before the queue is: what the first worker applied and did not delete
            // comes back after the visibility timeout, and must then be taken as a duplicate
            Waits.until("every event applied and the queue drained, redeliveries included", Duration.ofSeconds(150),
                    () -> applied() == EVENTS && queueDrained(queue));
            long recovered = System.nanoTime();
            Invariants.ledgerHolds(pg.dataSource(), events, outcome);
            Invariants.onlyTheDocumentedRefusal(outcome);
            assertEquals(0, ElasticMq.count(client, queue + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            Invariants.noStackTraces(firstLog + second.logs());
            SuiteTable.row("kill -9 of the worker mid-batch (" + appliedByFirst + " applied, " + inFlight
                            + " received and not deleted)", "Fargate", "(nothing: the intake had answered 200 × "
                            + EVENTS + ")", "0 of " + EVENTS + ", none applied twice",
                    SuiteTable.seconds(recovered - killed) + " to the queue drained (the 60 s visibility timeout)");
        }
    }

    private static boolean queueDrained(String queue) {
        return ElasticMq.count(client, queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 0
                && ElasticMq.count(client, queue, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) == 0;
    }

    private static long applied() {
        return Sql.queryLong(pg.dataSource(), "SELECT COUNT(*) FROM webhook_events WHERE event_id LIKE 'evt_wk_%'");
    }
}
