package dev.threeways.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.server.testing.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * SIGTERM — what App Runner, Express Mode and ECS send before they stop a task — while a client is
 * half-way through uploading a body, and (Fargate) while the worker sits in its 20 s long poll on an
 * idle queue. The upload is finished and answered, the process exits 0, and well within its drain budget
 * (SERVER_DRAIN_SECONDS, 20 s; the stacks give the platform's stop timeout 30 s).
 */
class DrainIT extends FaultSuite {
    private static final Duration DRAIN_BUDGET = Duration.ofSeconds(20);

    @Test
    void appRunner() throws Exception {
        try (ServerWay way = Deployments.appRunner(pg.url())) {
            drainWithUploadInFlight(way, "");
        }
    }

    @Test
    void fargateWithAnIdleLongPoll() throws Exception {
        String queue = Deployments.queue(sqs, client, "drain");
        try (ServerWay way = Deployments.fargate(pg.url(), sqs.endpoint(), queue)) {
            Thread.sleep(2000); // the worker is now inside its 20 s receive
            drainWithUploadInFlight(way, ", worker in an idle 20 s long poll");
        }
    }

    private static void drainWithUploadInFlight(ServerWay way, String also) throws Exception {
        byte[] body = ("{\"pad\":\"" + "x".repeat(2000) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (RawHttp upload = RawHttp.connect(way.process().port(), Duration.ofSeconds(30))) {
            upload.startPost("/echo", "application/json", body.length);
            upload.send(java.util.Arrays.copyOf(body, body.length / 2));
            // the upload in progress, its headers read by the server: one that races the signal is a new
            // request, which a draining server answers 503
            Thread.sleep(500);
            long term = System.nanoTime();
            way.process().sigterm();
            Thread.sleep(1000);
            Way.Answer during = way.get("/hello");
            upload.send(java.util.Arrays.copyOfRange(body, body.length / 2, body.length));
            RawHttp.Response answered = upload.read();
            int exit = way.process().awaitExit(DRAIN_BUDGET.plusSeconds(10));
            long drained = System.nanoTime() - term;

            assertEquals(200, answered.status(), "the upload begun before SIGTERM is finished and answered");
            assertTrue(during.status() == 503 || during.status() == 0,
                    "a new request while draining is refused (503) or finds the listener closed: " + during.status());
            assertEquals(0, exit, "a clean drain exits 0:\n" + way.logs());
            assertTrue(drained < DRAIN_BUDGET.toNanos(), "drained in " + drained / 1_000_000 + " ms");
            // one upload to finish and an idle poll to abandon: nothing that should take seconds
            assertTrue(drained < Duration.ofSeconds(5).toNanos(), "an idle worker must not hold the drain for its long poll: "
                    + drained / 1_000_000 + " ms");
            Invariants.noStackTraces(way.logs());
            SuiteTable.row("SIGTERM with an upload half sent" + also, way.name(),
                    "upload answered 200; new request " + (during.status() == 0 ? "refused at connect" : during.status()),
                    "nothing", "exit 0 after " + SuiteTable.seconds(drained) + " (budget " + DRAIN_BUDGET.toSeconds() + " s)");
        }
    }
}
