package dev.threeways.advisor.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reference article's "per-use-case instant answers", one row each, as the advisor must give them. */
class AdvisorUseCasesTest {

    private static final Advisor ADVISOR = new Advisor();

    /** An always-on HTTP API: 10 M requests a month around the clock. */
    private static final Workload HTTP_API = Workload.DEFAULT.withTraffic(TrafficProfile.STEADY);

    /** A run a night, in one active hour: 30 requests a month, all of each day's in that hour. */
    private static final TrafficProfile NIGHTLY_RUN = new TrafficProfile("nightly run", "one run a night",
            30, 1, 1, 24, 1);

    /** An internal tool: 150 k requests a month over a 10-hour working day (2.4× the month's mean). */
    private static final TrafficProfile WORKING_DAY = new TrafficProfile("working day",
            "150 k requests a month over 10 working hours", 150_000, 10, 10, 2.4, 0.01);

    private static Workload batch(Duration mean, Duration max) {
        return Workload.DEFAULT.withInvocation(Invocation.ASYNC).withTraffic(NIGHTLY_RUN).withDurations(mean, max);
    }

    private static Workload queueWorker(Duration mean, Duration max) {
        return Workload.DEFAULT.withInvocation(Invocation.QUEUE).withTraffic(TrafficProfile.SPIKY)
                .withRequestBytes(64 * Units.KB).withDurations(mean, max);
    }

    static Stream<Arguments> useCases() {
        return Stream.of(
                // HTTP API / web app (always on)
                row("HTTP API, always on, no VPC control, minimal ops, account with App Runner",
                        HTTP_API.withMinimalOps(true).withAppRunnerAvailable(true), Way.APP_RUNNER, null),
                row("HTTP API, always on, no VPC control, minimal ops, new account",
                        HTTP_API.withMinimalOps(true), Way.ECS_EXPRESS_MODE, "closed to new customers since 2026-04-30"),
                row("HTTP API needing a private DB with detailed security groups",
                        HTTP_API.withNetwork(Network.FINE_GRAINED).withMinimalOps(true).withAppRunnerAvailable(true),
                        Way.FARGATE, null),
                row("HTTP API with gRPC", HTTP_API.withProtocols(Protocol.HTTP, Protocol.GRPC), Way.FARGATE,
                        "needs gRPC: App Runner serves HTTP/HTTPS only"),
                row("HTTP API with WebSocket", HTTP_API.withProtocols(Protocol.HTTP, Protocol.WEBSOCKET)
                        .withAppRunnerAvailable(true).withMinimalOps(true), Way.FARGATE,
                        "needs WebSocket: App Runner serves HTTP/HTTPS only"),
                row("HTTP API with extremely irregular traffic",
                        HTTP_API.withTraffic(TrafficProfile.SPIKY).withMinimalOps(true), Way.LAMBDA, null),
                row("HTTP API used a few times an hour", HTTP_API.withTraffic(TrafficProfile.MOSTLY_IDLE), Way.LAMBDA, null),
                row("HTTP API with 5-minute requests, minimal ops, account with App Runner",
                        HTTP_API.withDurations(Duration.ofSeconds(40), Duration.ofMinutes(5)).withMinimalOps(true)
                                .withAppRunnerAvailable(true), Way.ECS_EXPRESS_MODE,
                        "request 5 min (300 s) > App Runner's 120 s request timeout"),

                // cron / scheduled batch
                row("cron batch within 15 minutes, one hour a night",
                        batch(Duration.ofMinutes(8), Duration.ofMinutes(12)), Way.LAMBDA, null),
                row("cron batch of 40 minutes", batch(Duration.ofMinutes(30), Duration.ofMinutes(40)), Way.FARGATE,
                        "runs 40 min (2,400 s) > Lambda's 900 s limit"),
                row("batch needing 16 GB of memory",
                        batch(Duration.ofMinutes(5), Duration.ofMinutes(10)).withMemoryMb(16 * 1024), Way.FARGATE,
                        "memory 16 GB > Lambda's 10,240 MB"),

                // event-driven worker (SQS, SNS, EventBridge)
                row("SQS queue worker, bursty events of seconds each",
                        queueWorker(Duration.ofSeconds(2), Duration.ofSeconds(30)), Way.LAMBDA, null),
                row("queue worker whose messages take more than 15 minutes",
                        queueWorker(Duration.ofMinutes(10), Duration.ofMinutes(20)), Way.FARGATE, "900 s"),
                row("queue worker with 8 MB messages",
                        queueWorker(Duration.ofSeconds(2), Duration.ofSeconds(30)).withRequestBytes(8 * Units.MB),
                        Way.FARGATE, "message 8 MB > Lambda's 6 MB"),
                row("queue worker, steady, run as its own container (the article's webhook worker)",
                        queueWorker(Duration.ofMillis(200), Duration.ofSeconds(30)).withTraffic(TrafficProfile.STEADY),
                        Way.FARGATE, "consumes a queue"),
                row("event worker with 2 MB events",
                        batch(Duration.ofSeconds(1), Duration.ofSeconds(10)).withTraffic(TrafficProfile.SPIKY)
                                .withRequestBytes(2 * Units.MB), Way.FARGATE, "event 2 MB > Lambda's 1 MB asynchronous limit"),

                // long-running processing
                row("video transcoding, hours per file",
                        batch(Duration.ofHours(1), Duration.ofHours(3)).withMemoryMb(8 * 1024), Way.FARGATE, "900 s"),
                row("large CSV import, two hours",
                        batch(Duration.ofMinutes(90), Duration.ofHours(2)).withMemoryMb(30 * 1024), Way.FARGATE,
                        "runs 2 h (7,200 s) > Lambda's 900 s limit"),

                // WebSocket residency
                row("WebSocket residency", HTTP_API.withProtocols(Protocol.WEBSOCKET)
                        .withDurations(Duration.ofMinutes(10), Duration.ofHours(2)), Way.FARGATE, "WebSocket"),

                // ML inference / AI backend
                row("ML inference, short, stateless, spiky", Workload.DEFAULT.withTraffic(TrafficProfile.SPIKY)
                        .withDurations(Duration.ofMillis(300), Duration.ofSeconds(5)).withMemoryMb(3 * 1024), Way.LAMBDA, null),
                row("inference batch of several GB, long-running",
                        batch(Duration.ofMinutes(40), Duration.ofHours(1)).withMemoryMb(12 * 1024), Way.FARGATE, "900 s"),
                row("GPU inference", Workload.DEFAULT.withTraffic(TrafficProfile.SPIKY).withGpu(true)
                        .withDurations(Duration.ofMillis(300), Duration.ofSeconds(5)), Way.EC2_OR_SAGEMAKER, "GPU"),
                row("in-memory analytics needing 200 GB", batch(Duration.ofMinutes(30), Duration.ofHours(1))
                        .withMemoryMb(200 * 1024), Way.EC2_OR_SAGEMAKER, "memory 200 GB > Fargate's 120 GB"),

                // internal tool / admin panel
                row("internal tool over the working day, minimal ops, account with App Runner",
                        HTTP_API.withTraffic(WORKING_DAY).withMinimalOps(true).withAppRunnerAvailable(true),
                        Way.APP_RUNNER, null),
                row("internal tool over the working day, minimal ops, new account",
                        HTTP_API.withTraffic(WORKING_DAY).withMinimalOps(true), Way.ECS_EXPRESS_MODE, "App Runner"),
                row("internal tool published only inside a VPC, strict network control",
                        HTTP_API.withTraffic(WORKING_DAY).withNetwork(Network.FINE_GRAINED).withMinimalOps(true)
                                .withAppRunnerAvailable(true), Way.FARGATE, null));
    }

    private static Arguments row(String name, Workload workload, Way expected, String constraint) {
        return Arguments.of(name, workload, expected, constraint);
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("useCases")
    void recommendsWhatTheArticleAnswers(String name, Workload workload, Way expected, String constraint) {
        Recommendation r = ADVISOR.recommend(workload);

        assertEquals(expected, r.choice(), () -> name + ": " + r.summary() + "\n" + r.constraints());
        assertFalse(r.ruledOut().contains(r.choice()), r::summary);
        if (constraint != null) {
            assertTrue(r.constraints().stream().anyMatch(c -> c.text().contains(constraint)),
                    () -> name + ": no constraint contains \"" + constraint + "\": " + r.constraints());
        }
        if (expected == Way.LAMBDA || expected == Way.APP_RUNNER) {
            // the tree reached them unhindered: nothing may rule out the way it chose
            assertTrue(r.constraints().stream().noneMatch(c -> c.way() == expected), r.constraints()::toString);
        }
    }
}
