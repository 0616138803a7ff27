package dev.threeways.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.TcpProxy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * PostgreSQL unreachable — packets dropped, nothing refused, only timeouts notice — for 25 s in the
 * middle of a storm. For the queue ways the queue's own settings are this test's subject: 5 s
 * visibility × 3 receives = 15 s, shorter than the outage, so a consumer that burned a receive per
 * failed try would dead-letter valid events. The apps run at their shipped defaults.
 */
class DatabaseUnreachableIT extends FaultSuite {
    private static final int EVENTS = 30;
    private static final Duration DOWN = Duration.ofSeconds(25);
    private static final int SHORT_VISIBILITY = 5;
    private static final int SHORT_RECEIVES = 3;

    private static String viaProxy(TcpProxy proxy) {
        return "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres";
    }

    private static String shortQueue(String purpose) {
        return sqs.queueWithDlq(client, purpose + "-" + System.nanoTime(), SHORT_VISIBILITY, SHORT_RECEIVES);
    }

    @Test
    void appRunner() throws Exception {
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", pg.port());
             ServerWay way = Deployments.appRunner(viaProxy(proxy))) {
            Storm.Outcome outcome = outage(way, proxy, "unr_ar", null);
            // a statement stalled mid-flight waits DATABASE_SOCKET_TIMEOUT_SECONDS (30); a new one, the pool's 3 s
            assertTrue(outcome.slowestAnswerNanos() < Duration.ofSeconds(35).toNanos(),
                    "every request answered within the database timeouts: " + outcome.slowestAnswerNanos() / 1_000_000 + " ms");
        }
    }

    @Test
    void fargate() throws Exception {
        String queue = shortQueue("unr-fargate");
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", pg.port());
             ServerWay way = Deployments.fargate(viaProxy(proxy), sqs.endpoint(), queue)) {
            outage(way, proxy, "unr_fg", queue);
        }
    }

    @Test
    void lambda() throws Exception {
        String queue = shortQueue("unr-lambda");
        try (TcpProxy proxy = TcpProxy.to("127.0.0.1", pg.port());
             LambdaWay way = Deployments.lambda(viaProxy(proxy), sqs.endpoint(), client, queue)) {
            way.get("/hello");
            outage(way, proxy, "unr_lm", queue);
        }
    }

    private static Storm.Outcome outage(Way way, TcpProxy proxy, String prefix, String queueUrl) throws Exception {
        List<Storm.Event> events = Storm.events(prefix, EVENTS);
        Run run = stormThrough(way, prefix, events, DOWN, () -> {
            proxy.blackhole();
            Thread.sleep(DOWN);
            proxy.restore();
        });
        Storm.Outcome outcome = run.outcome();
        Invariants.ledgerHolds(pg.dataSource(), events, outcome);
        Invariants.onlyTheDocumentedRefusal(outcome);
        if (queueUrl != null) {
            assertEquals(0, ElasticMq.count(client, queueUrl + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    "25 s down > 3 receives × 5 s visibility: yet no valid event dead-lettered");
        }
        Invariants.noStackTraces(way.logs());
        SuiteTable.row("PostgreSQL unreachable (packets dropped) " + DOWN.toSeconds() + " s"
                        + (queueUrl == null ? "" : ", longer than 3 receives × 5 s visibility"), way.name(),
                outcome.summary() + "; slowest answer " + SuiteTable.seconds(outcome.slowestAnswerNanos()),
                "0 of " + EVENTS, run.recovery());
        return outcome;
    }
}
