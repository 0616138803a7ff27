package dev.threeways.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.threeways.core.testing.ElasticMq;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * PostgreSQL killed (kill -9 of the server and its backends) in the middle of a webhook storm and
 * started again 5 s later, under each way at its shipped defaults. The client may see the documented
 * 503 while the database is gone (App Runner applies in the request); nothing acknowledged may be
 * lost, nothing applied twice, and nothing logged as an unexpected error.
 */
class DatabaseKilledIT extends FaultSuite {
    // enough that the storm is still running when the database dies, on every way
    private static final int EVENTS = 200;
    private static final Duration DOWN = Duration.ofSeconds(5);

    @Test
    void appRunner() throws Exception {
        try (ServerWay way = Deployments.appRunner(pg.url())) {
            killMidStorm(way, "kill_ar", null);
        }
    }

    @Test
    void fargate() throws Exception {
        String queue = Deployments.queue(sqs, client, "killed-fargate");
        try (ServerWay way = Deployments.fargate(pg.url(), sqs.endpoint(), queue)) {
            killMidStorm(way, "kill_fg", queue);
        }
    }

    @Test
    void lambda() throws Exception {
        String queue = Deployments.queue(sqs, client, "killed-lambda");
        try (LambdaWay way = Deployments.lambda(pg.url(), sqs.endpoint(), client, queue)) {
            way.get("/hello"); // the HTTP function's first environment, before the storm
            killMidStorm(way, "kill_lm", queue);
        }
    }

    private static void killMidStorm(Way way, String prefix, String queueUrl) throws Exception {
        List<Storm.Event> events = Storm.events(prefix, EVENTS);
        Run run = stormThrough(way, prefix, events, DOWN, () -> {
            pg.kill();
            Thread.sleep(DOWN);
            pg.start();
        });
        Invariants.ledgerHolds(pg.dataSource(), events, run.outcome());
        Invariants.onlyTheDocumentedRefusal(run.outcome());
        if (queueUrl != null) {
            assertEquals(0, ElasticMq.count(client, queueUrl + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    "no valid event dead-lettered");
        }
        Invariants.noStackTraces(way.logs());
        SuiteTable.row("PostgreSQL killed (kill -9) mid-storm, back after " + DOWN.toSeconds() + " s", way.name(),
                run.outcome().summary(), "0 of " + EVENTS, run.recovery());
    }
}
