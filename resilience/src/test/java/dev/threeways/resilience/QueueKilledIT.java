package dev.threeways.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.threeways.core.testing.Sql;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SQS-compatible server stopped for 5 s and started again while webhooks arrive, under the two ways
 * that put webhooks on a queue (App Runner applies them in the request and has no queue). The intake
 * answers 503 while it cannot enqueue — Stripe retries — and the consumers, idle on a long poll or
 * failing to receive, resume by themselves.
 */
class QueueKilledIT extends FaultSuite {
    private static final int EVENTS = 20;
    private static final Duration DOWN = Duration.ofSeconds(5);

    @Test
    void fargate() throws Exception {
        try (RestartableSqs sqs = RestartableSqs.start(); SqsClient client = sqs.client()) {
            String queue = sqs.queue(client, "qk-fargate");
            try (ServerWay way = Deployments.fargate(pg.url(), sqs.endpoint(), queue)) {
                queueOutage(way, sqs, client, "qk-fargate", "qk_fg");
            }
        }
    }

    @Test
    void lambda() throws Exception {
        try (RestartableSqs sqs = RestartableSqs.start(); SqsClient client = sqs.client()) {
            String queue = sqs.queue(client, "qk-lambda");
            try (LambdaWay way = Deployments.lambda(pg.url(), sqs.endpoint(), client, queue)) {
                way.get("/hello");
                queueOutage(way, sqs, client, "qk-lambda", "qk_lm");
            }
        }
    }

    private static void queueOutage(Way way, RestartableSqs sqs, SqsClient client, String queueName, String prefix)
            throws Exception {
        // a first storm, applied, so the consumer is warm and the queue drained before the server goes
        List<Storm.Event> before = Storm.events(prefix + "b", 5);
        Storm.send(way, before, 2, Duration.ofSeconds(60));
        awaitApplied(prefix + "b", before.size());

        List<Storm.Event> during = Storm.events(prefix + "d", EVENTS);
        sqs.down();
        var storm = CompletableFuture.supplyAsync(() -> {
            try {
                return Storm.send(way, during, 4, Duration.ofSeconds(120));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, Executors.newVirtualThreadPerTaskExecutor());
        Thread.sleep(DOWN);
        sqs.up();
        sqs.queue(client, queueName);
        long restarted = System.nanoTime();
        Storm.Outcome outcome = storm.get();
        awaitApplied(prefix + "d", EVENTS);
        long recovered = System.nanoTime();

        var all = new ArrayList<>(before);
        all.addAll(during);
        Invariants.ledgerHolds(pg.dataSource(), during, outcome);
        assertEquals(all.size(), Sql.queryLong(pg.dataSource(), "SELECT COUNT(*) FROM webhook_events WHERE event_id LIKE 'evt_"
                + prefix + "%'"));
        Invariants.onlyTheDocumentedRefusal(outcome);
        Invariants.noStackTraces(way.logs());
        SuiteTable.row("SQS server stopped " + DOWN.toSeconds() + " s and restarted", way.name(), outcome.summary(),
                "0 of " + EVENTS, SuiteTable.seconds(recovered - restarted) + " to the last event applied");
    }
}
