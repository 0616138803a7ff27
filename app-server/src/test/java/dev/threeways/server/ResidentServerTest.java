package dev.threeways.server;

import static dev.threeways.core.testing.StripeEvents.SECRET;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.DataSourceSupport;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.server.testing.RawHttp;
import dev.threeways.server.testing.TestServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The app over real HTTP on an ephemeral port: every endpoint, the body limit, stalled clients, the drain. */
class ResidentServerTest {
    private static final int BODY_LIMIT = 2048;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ResidentServer server;
    private App app;

    private ResidentServer start(Map<String, String> serverEnv) {
        var running = TestServer.start(Map.of("STRIPE_WEBHOOK_SECRETS", SECRET, "HTTP_MAX_BODY_BYTES",
                String.valueOf(BODY_LIMIT)), serverEnv);
        app = running.app();
        server = running.server();
        return server;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.drain();
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private HttpResponse<String> get(String path) throws Exception {
        // the read token the embedded default accepts: GET /payments needs it, the other routes ignore it
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer read_local_development_only").build(),
                BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String contentType, String body, String... headers) throws Exception {
        var b = HttpRequest.newBuilder(uri(path)).POST(BodyPublishers.ofString(body)).header("Content-Type", contentType);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void everyEndpointOverHttp() throws Exception {
        start(Map.of());
        assertEquals("hello, http", json(get("/hello?name=http")).get("message").stringValue());
        assertEquals("{\"message\":\"ok\",\"input\":{\"x\":[1]}}", post("/echo", "application/json", "{\"x\":[1]}").body());
        assertEquals(200, get("/healthz").statusCode());
        assertEquals(200, get("/readyz").statusCode());

        String event = paymentIntent("evt_http", "payment_intent.succeeded", 1, "pi_http", 500, 500, "succeeded");
        var signed = StripeEvents.signed(event);
        HttpResponse<String> hook = post("/webhooks/stripe", "application/json", event,
                "Stripe-Signature", signed.first("Stripe-Signature").orElseThrow());
        assertEquals(200, hook.statusCode(), hook.body());
        assertEquals("applied", json(hook).get("outcome").stringValue());
        assertEquals(400, post("/webhooks/stripe", "application/json", event, "Stripe-Signature", "t=1,v1=00").statusCode());

        HttpResponse<String> payment = get("/payments/pi_http");
        assertEquals(200, payment.statusCode());
        assertEquals(500, json(payment).get("captured").longValue());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/payments/pi_http")).build(), BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        assertEquals("application/problem+json", anonymous.headers().firstValue("content-type").orElseThrow());
        assertTrue(anonymous.headers().firstValue("www-authenticate").orElseThrow().startsWith("Bearer"));
        assertFalse(anonymous.body().contains("pi_http"), "nothing of the payment");
        HttpResponse<String> missing = get("/payments/pi_none");
        assertEquals(404, missing.statusCode());
        assertEquals("application/problem+json", missing.headers().firstValue("content-type").orElseThrow());

        HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(uri("/hello")).DELETE().build(), BodyHandlers.ofString());
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("GET", wrongMethod.headers().firstValue("allow").orElseThrow());
        assertEquals(404, get("/nowhere").statusCode());
    }

    @Test
    void aReadinessFloodOverHttpAsksTheDatabaseAboutOncePerCachePeriod() throws Exception {
        var connections = new java.util.concurrent.atomic.AtomicInteger();
        javax.sql.DataSource h2 = H2Database.fresh();
        var counted = new DataSourceSupport() {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                connections.incrementAndGet();
                return h2.getConnection();
            }
        };
        var running = TestServer.start(Map.of(), Map.of(), counted);
        server = running.server();
        int before = connections.get();
        long start = System.nanoTime();
        var probes = new java.util.ArrayList<java.util.concurrent.CompletableFuture<HttpResponse<String>>>();
        for (int i = 0; i < 100; i++) {
            probes.add(http.sendAsync(HttpRequest.newBuilder(uri("/readyz")).build(), BodyHandlers.ofString()));
        }
        for (var probe : probes) {
            assertEquals(200, probe.get().statusCode());
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        int checks = connections.get() - before;
        assertTrue(checks >= 1 && checks <= 1 + tookMs / 1000, checks + " database checks for 100 probes in " + tookMs + " ms");
    }

    @Test
    void requestIdsComeFromTheCallerOrAreMade() throws Exception {
        start(Map.of());
        var given = http.send(HttpRequest.newBuilder(uri("/healthz")).header("X-Request-Id", "abc-123").build(), BodyHandlers.ofString());
        assertEquals("abc-123", given.headers().firstValue("x-request-id").orElseThrow());
        var trace = http.send(HttpRequest.newBuilder(uri("/healthz"))
                .header("X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678").build(), BodyHandlers.ofString());
        assertEquals("Root=1-67891233-abcdef012345678912345678", trace.headers().firstValue("x-request-id").orElseThrow());
        var unsafe = http.send(HttpRequest.newBuilder(uri("/healthz")).header("X-Request-Id", "a b\"c").build(), BodyHandlers.ofString());
        assertFalse(unsafe.headers().firstValue("x-request-id").orElseThrow().contains("\""));
    }

    @Test
    void noServerHeaderGivesAwayVersions() throws Exception {
        start(Map.of());
        var r = get("/healthz");
        assertTrue(r.headers().firstValue("server").map(v -> !v.matches(".*\\d.*")).orElse(true), r.headers().map().toString());
    }

    @Test
    void bodyAtTheLimitIsReadAndOneBytePastIsA413() throws Exception {
        start(Map.of());
        String atLimit = "{\"s\":\"" + "x".repeat(BODY_LIMIT - 8) + "\"}";
        assertEquals(BODY_LIMIT, atLimit.length());
        assertEquals(200, post("/echo", "application/json", atLimit).statusCode());
        HttpResponse<String> over = post("/echo", "application/json", atLimit + " ");
        assertEquals(413, over.statusCode());
        assertEquals("application/problem+json", over.headers().firstValue("content-type").orElseThrow());
    }

    @Test
    void oversizedBodyIsRefusedFromItsDeclaredLengthWithoutWaitingForIt() throws Exception {
        start(Map.of());
        try (RawHttp client = RawHttp.connect(server.port(), Duration.ofSeconds(5))) {
            client.startPost("/echo", "application/json", 10 * 1024 * 1024);
            RawHttp.Response r = client.read();
            assertEquals(413, r.status());
            assertEquals("close", r.header("connection"));
            assertTrue(client.closedByServer(), "the unread body is not left on a kept-alive connection");
        }
    }

    @Test
    void chunkedBodyPastTheLimitIsA413() throws Exception {
        start(Map.of());
        try (RawHttp client = RawHttp.connect(server.port(), Duration.ofSeconds(5))) {
            String chunk = "x".repeat(BODY_LIMIT + 1);
            client.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(chunk.length()) + "\r\n" + chunk + "\r\n0\r\n\r\n");
            assertEquals(413, client.read().status());
        }
    }

    @Test
    void aClientThatStallsMidBodyIsCutOffAfterTheReadTimeout() throws Exception {
        start(Map.of("SERVER_READ_TIMEOUT_MS", "500"));
        try (RawHttp client = RawHttp.connect(server.port(), Duration.ofSeconds(10))) {
            client.startPost("/echo", "application/json", 100).send("{\"partial\":");
            long start = System.nanoTime();
            boolean answeredOrClosed;
            try {
                RawHttp.Response r = client.read();
                answeredOrClosed = r.status() == 408;
            } catch (IOException e) {
                answeredOrClosed = true;
            }
            assertTrue(answeredOrClosed);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 8, "cut off by the server, not by our own timeout");
        }
        assertEquals(200, get("/healthz").statusCode(), "the server serves on");
    }

    @Test
    void aBodyTrickledUnderTheReadTimeoutIsCutOffAtTheRequestDeadline() throws Exception {
        // the deadline is this test's subject; the read timeout stays at its 30 s default, which a byte
        // every 200 ms never trips
        start(Map.of("HTTP_REQUEST_DEADLINE_MS", "2000"));
        try (RawHttp client = RawHttp.connect(server.port(), Duration.ofSeconds(20))) {
            client.startPost("/echo", "application/json", 1000).send("{\"pad\":\"");
            long start = System.nanoTime();
            boolean cut = false;
            try {
                for (int i = 0; i < 60; i++) {
                    Thread.sleep(200);
                    client.send("x");
                }
                client.read();
            } catch (IOException closed) {
                cut = true;
            }
            long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(cut, "the connection was closed");
            assertTrue(tookMs >= 1500 && tookMs < 5000, "cut at the 2 s deadline: " + tookMs + " ms");
        }
        assertEquals(200, get("/healthz").statusCode(), "the server serves on");
    }

    @Test
    void aBodyThatArrivesWithinTheDeadlineIsServedWhateverItsPace() throws Exception {
        start(Map.of("HTTP_REQUEST_DEADLINE_MS", "3000"));
        try (RawHttp client = RawHttp.connect(server.port(), Duration.ofSeconds(10))) {
            client.startPost("/echo", "application/json", 11).send("{\"a\":");
            Thread.sleep(1000);
            client.send("[1,2]}");
            assertEquals(200, client.read().status());
        }
    }

    @Test
    void headerAndParameterLimitsAreNamedSettings() throws Exception {
        start(Map.of("HTTP_MAX_HEADERS", "20", "HTTP_MAX_PARAMETERS", "5"));
        var many = HttpRequest.newBuilder(uri("/hello"));
        for (int i = 0; i < 30; i++) {
            many.header("X-H" + i, "v");
        }
        assertEquals(400, http.send(many.build(), BodyHandlers.ofString()).statusCode(), "30 headers > 20");
        assertEquals(200, get("/hello?a=1&b=2&c=3&d=4").statusCode(), "4 parameters (and name) within 5");
        assertEquals(400, get("/hello?a=1&b=2&c=3&d=4&e=5&f=6").statusCode(), "6 parameters > 5");
    }

    @Test
    void drainLetsInFlightRequestsFinishAndTurnsNewOnesAway() throws Exception {
        start(Map.of("SERVER_DRAIN_SECONDS", "10"));
        String event = paymentIntent("evt_drain", "payment_intent.succeeded", 1, "pi_drain", 700, 700, "succeeded");
        String signature = StripeEvents.signed(event).first("Stripe-Signature").orElseThrow();
        byte[] body = event.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (RawHttp slow = RawHttp.connect(server.port(), Duration.ofSeconds(10));
             RawHttp keptAlive = RawHttp.connect(server.port(), Duration.ofSeconds(10))) {
            // a kept-alive connection that has already been served once
            keptAlive.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
            assertEquals(200, keptAlive.read().status());
            // a webhook whose body is still arriving when the drain starts
            slow.send("POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nStripe-Signature: "
                    + signature + "\r\nContent-Length: " + body.length + "\r\n\r\n");
            slow.send(java.util.Arrays.copyOf(body, body.length / 2));
            Thread.sleep(200);

            var drain = new java.util.concurrent.CompletableFuture<Boolean>();
            Thread.ofPlatform().start(() -> drain.complete(server.drain()));
            while (!server.isDraining()) {
                Thread.sleep(5);
            }
            // a new request on the kept-alive connection: 503, and the connection is closed
            keptAlive.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
            RawHttp.Response refused = keptAlive.read();
            assertEquals(503, refused.status());
            assertEquals("close", refused.header("connection"));
            assertTrue(refused.body().contains("draining"));
            assertTrue(keptAlive.closedByServer());
            assertFalse(drain.isDone(), "the drain waits for the request in flight");

            // the in-flight request completes
            slow.send(java.util.Arrays.copyOfRange(body, body.length / 2, body.length));
            RawHttp.Response done = slow.read();
            assertEquals(200, done.status(), done.body());
            assertTrue(done.body().contains("\"applied\""));

            assertTrue(drain.get(10, java.util.concurrent.TimeUnit.SECONDS), "clean: nothing left in flight");
            assertEquals(0, server.inFlight());
        }
        assertThrows(ConnectException.class, () -> get("/healthz"), "after the drain, connections are refused");
        assertEquals("succeeded", app.ledger().find("pi_drain").orElseThrow().status());
    }

    @Test
    void aStalledClientDoesNotHoldTheDrainPastTheDrainTime() throws Exception {
        start(Map.of("SERVER_DRAIN_SECONDS", "1", "SERVER_READ_TIMEOUT_MS", "60000"));
        try (RawHttp stalled = RawHttp.connect(server.port(), Duration.ofSeconds(10))) {
            stalled.startPost("/echo", "application/json", 100).send("{");
            Thread.sleep(200);
            long start = System.nanoTime();
            assertFalse(server.drain(), "not clean: the stalled request was abandoned");
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs < 3_000, "took " + tookMs + " ms");
        }
    }
}
