package dev.threeways.bench;

import dev.threeways.advisor.cli.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.threeways.bench.report.Report;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code remote} against local HTTP servers standing in for deployed endpoints. */
class RemoteTest {
    @TempDir
    Path dir;

    private record StandIn(HttpServer server, AtomicInteger hits) implements AutoCloseable {
        static StandIn start() throws Exception {
            var hits = new AtomicInteger();
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                hits.incrementAndGet();
                byte[] body = exchange.getRequestURI().getPath().equals("/hello")
                        ? "{\"message\":\"hello, remote\"}".getBytes(StandardCharsets.UTF_8) : new byte[0];
                exchange.sendResponseHeaders(body.length == 0 ? 404 : 200, body.length == 0 ? -1 : body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return new StandIn(server, hits);
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static LambdaColdStarts noAws() {
        throw new AssertionError("no cold start was asked for, so no Lambda client may be made");
    }

    @Test
    void measuresEveryEndpointInTheOutputsFileAndOnlyThose() throws Exception {
        try (StandIn lambda = StandIn.start(); StandIn appRunner = StandIn.start(); StandIn bystander = StandIn.start()) {
            Path outputs = dir.resolve("outputs.json");
            // shaped as `cdk deploy --outputs-file` writes it: stack → output key → value
            Files.writeString(outputs, """
                    {"ThreeWaysLambda": {"LambdaHttpApiUrl": "%s", "FunctionName": "three-ways-http"},
                     "ThreeWaysAppRunner": {"AppRunnerUrl": "%s"}}
                    """.formatted(lambda.url("/"), appRunner.url("")));
            var plan = new Remote.Plan(outputs, new double[] {40}, Duration.ofMillis(500), 2, 0, RemoteTest::noAws,
                    Budget.of(Duration.ofMinutes(1), 10_000));
            Report report = new Remote(new Progress(new PrintStream(new ByteArrayOutputStream()))).run(plan, "test");

            assertEquals(List.of("Lambda", "App Runner"), report.loads().stream().map(Report.LoadRun::way).toList());
            for (Report.LoadRun run : report.loads()) {
                assertEquals(20L, run.statuses().get("200"), "40/s for half a second, all answered 200: " + run.statuses());
            }
            assertEquals(2, report.starts().size());
            assertEquals(2, report.starts().getFirst().totalMs().size(), "two first requests timed per endpoint");
            assertEquals(22, lambda.hits().get());
            assertEquals(22, appRunner.hits().get());
            assertEquals(0, bystander.hits().get(), "nothing but the endpoints given is ever a target");
        }
    }

    @Test
    void anEndpointThatDoesNotAnswer200FailsTheRunWithItsName() throws Exception {
        try (StandIn broken = StandIn.start()) {
            Path outputs = dir.resolve("outputs.json");
            Files.writeString(outputs, "{\"S\": {\"FargateUrl\": \"" + broken.url("/nothing-here") + "\"}}");
            var plan = new Remote.Plan(outputs, new double[] {5}, Duration.ofMillis(200), 1, 0, RemoteTest::noAws,
                    Budget.of(Duration.ofMinutes(1), 100));
            var e = assertThrows(IllegalStateException.class,
                    () -> new Remote(new Progress(new PrintStream(new ByteArrayOutputStream()))).run(plan, "test"));
            assertTrue(e.getMessage().contains("S.FargateUrl answered 404"), e.getMessage());
        }
    }

    @Test
    void anOutputsFileWithoutURLsOrNotJsonIsAUsageError() throws Exception {
        Path none = Files.writeString(dir.resolve("none.json"), "{\"S\": {\"Bucket\": \"my-bucket\"}}");
        assertThrows(Cli.UsageException.class, () -> Remote.endpoints(none));
        Path notJson = Files.writeString(dir.resolve("bad.json"), "LambdaHttpApiUrl=https://x");
        assertThrows(Cli.UsageException.class, () -> Remote.endpoints(notJson));
    }

    @Test
    void waysAreNamedFromTheStackAndOutputKey() throws Exception {
        Path outputs = Files.writeString(dir.resolve("o.json"), """
                {"A": {"ExpressModeUrl": "https://abc.ecs.us-east-1.on.aws"},
                 "B": {"FargateUrl": "http://alb.example/"}}""");
        var endpoints = Remote.endpoints(outputs);
        assertEquals(List.of("ECS Express Mode", "Fargate"), endpoints.stream().map(Remote.Endpoint::way).toList());
        assertEquals(URI.create("http://alb.example"), endpoints.get(1).base(), "a trailing slash is dropped");
    }
}
