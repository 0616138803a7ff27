package dev.threeways.bench;

import dev.threeways.advisor.cli.Cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.threeways.bench.report.Report;
import dev.threeways.core.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import tools.jackson.databind.JsonNode;

/**
 * {@code remote --lambda-cold-starts}: the real AWS SDK Lambda client against a stand-in of the Lambda
 * API on loopback (the REST calls the SDK makes, answered as Lambda answers them), and a stand-in HTTP
 * API that says which version behind the alias served each request.
 */
class ForcedColdStartTest {
    @TempDir
    Path dir;

    /** Lambda's control plane for one function with a {@code live} alias, keeping what it was told. */
    private static final class LambdaApiStandIn implements AutoCloseable {
        final HttpServer server;
        final List<String> calls = new CopyOnWriteArrayList<>();
        volatile Map<String, String> variables = Map.of("QUEUE_URL", "https://sqs.example/q");
        volatile int versions;
        volatile String aliasVersion = "0";

        LambdaApiStandIn() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/2015-03-31/functions/three-ways-http", this::answer);
            server.start();
        }

        URI endpoint() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        }

        private String configuration(String version) {
            StringBuilder env = new StringBuilder();
            variables.forEach((k, v) -> env.append(env.isEmpty() ? "" : ",").append('"').append(k).append("\":\"").append(v).append('"'));
            return "{\"FunctionName\":\"three-ways-http\",\"Version\":\"" + version + "\",\"State\":\"Active\","
                    + "\"LastUpdateStatus\":\"Successful\",\"Environment\":{\"Variables\":{" + env + "}}}";
        }

        private void answer(HttpExchange exchange) throws IOException {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath().substring("/2015-03-31/functions/three-ways-http".length());
            String query = exchange.getRequestURI().getQuery();
            calls.add(method + " " + (path.isEmpty() ? "/" : path));
            String body;
            int status = 200;
            if (method.equals("GET") && path.equals("/configuration")) {
                body = configuration(query != null && query.startsWith("Qualifier=") ? query.substring(10) : "$LATEST");
            } else if (method.equals("PUT") && path.equals("/configuration")) {
                JsonNode update = Json.readBody(exchange.getRequestBody().readAllBytes());
                var vars = new java.util.HashMap<String, String>();
                update.path("Environment").path("Variables").properties().forEach(e -> vars.put(e.getKey(), e.getValue().asString()));
                variables = Map.copyOf(vars);
                body = configuration("$LATEST");
            } else if (method.equals("GET") && path.isEmpty()) {
                body = "{\"Configuration\":" + configuration("$LATEST") + "}";
            } else if (method.equals("POST") && path.equals("/versions")) {
                body = configuration(String.valueOf(++versions));
                status = 201;
            } else if (method.equals("PUT") && path.equals("/aliases/live")) {
                aliasVersion = Json.readBody(exchange.getRequestBody().readAllBytes()).path("FunctionVersion").asString();
                body = "{\"Name\":\"live\",\"FunctionVersion\":\"" + aliasVersion + "\"}";
            } else {
                body = "{\"Type\":\"User\",\"message\":\"not in the stand-in: " + method + " " + path + "\"}";
                status = 404;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        }

        LambdaColdStarts client() {
            return new LambdaColdStarts(LambdaClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                    .httpClient(UrlConnectionHttpClient.create()).build());
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void eachForcedColdStartIsTheFirstRequestToANewVersionBehindTheAlias() throws Exception {
        try (var lambda = new LambdaApiStandIn()) {
            var servedBy = new CopyOnWriteArrayList<String>();
            HttpServer api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
            api.createContext("/", exchange -> {
                servedBy.add(lambda.aliasVersion);
                byte[] body = "{\"message\":\"hello, remote\"}".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            api.start();
            try {
                Path outputs = Files.writeString(dir.resolve("outputs.json"), """
                        {"ThreeWaysLambda": {"LambdaHttpApiUrl": "http://127.0.0.1:%d/",
                                             "LambdaHttpFunctionName": "three-ways-http"}}
                        """.formatted(api.getAddress().getPort()));
                var plan = new Remote.Plan(outputs, new double[] {10}, Duration.ofMillis(200), 1, 2, lambda::client,
                        Budget.of(Duration.ofMinutes(1), 1000));
                Report report = new Remote(new Progress(new PrintStream(new ByteArrayOutputStream()))).run(plan, "test");

                var forced = report.starts().stream().filter(s -> s.variant().contains("after a new version")).findFirst()
                        .orElseThrow();
                assertEquals(2, forced.totalMs().size());
                assertEquals(2, lambda.versions, "one new version per forced cold start");
                assertEquals(List.of("0", "1", "2"), servedBy.subList(0, 3),
                        "the plain first request met the old version; each forced one the version just published");
                assertTrue(lambda.variables.containsKey(LambdaColdStarts.NONCE_VARIABLE), "a configuration change made it new");
                assertEquals("https://sqs.example/q", lambda.variables.get("QUEUE_URL"), "the function's own settings kept");
                int update = lambda.calls.indexOf("PUT /configuration");
                int publish = lambda.calls.indexOf("POST /versions");
                int alias = lambda.calls.indexOf("PUT /aliases/live");
                assertTrue(update >= 0 && update < publish && publish < alias, "change, publish, then move the alias: " + lambda.calls);
            } finally {
                api.stop(0);
            }
        }
    }

    @Test
    void forcingWithoutTheFunctionInTheOutputsIsAUsageErrorBeforeAnyRequest() throws Exception {
        Path outputs = Files.writeString(dir.resolve("o.json"), "{\"L\": {\"LambdaHttpApiUrl\": \"http://127.0.0.1:9/\"}}");
        var plan = new Remote.Plan(outputs, new double[] {1}, Duration.ofMillis(100), 1, 1,
                () -> { throw new AssertionError("not reached"); }, Budget.of(Duration.ofMinutes(1), 10));
        var e = assertThrows(Cli.UsageException.class,
                () -> new Remote(new Progress(new PrintStream(new ByteArrayOutputStream()))).run(plan, "test"));
        assertTrue(e.getMessage().contains(Remote.FUNCTION_OUTPUT), e.getMessage());
    }
}
