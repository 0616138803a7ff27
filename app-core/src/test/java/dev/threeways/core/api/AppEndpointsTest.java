package dev.threeways.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.DataSourceSupport;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.SlowQueue;
import dev.threeways.core.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The HTTP surface on the embedded default (H2, in-memory queue). */
class AppEndpointsTest {
    private final AppConfig config = AppConfig.embedded();
    private final App app = new App(config, H2Database.fresh(), new InMemoryWebhookQueue(config.queueMaxMessageBytes()),
            InstantSource.system());

    private HttpResponse send(String method, String path, Headers headers, String body) {
        return app.handler().handle(HttpRequest.of(method, path, headers, body.getBytes(StandardCharsets.UTF_8), ""));
    }

    private HttpResponse get(String path) {
        return app.handler().handle(HttpRequest.get(path));
    }

    private static JsonNode json(HttpResponse r) {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void helloGreetsByName() {
        assertEquals("hello, world", json(get("/hello")).get("message").stringValue());
        assertEquals("hello, Ada Lovelace", json(get("/hello?name=Ada%20Lovelace")).get("message").stringValue());
        assertEquals("application/json", get("/hello").headers().first("content-type").orElseThrow());
    }

    @Test
    void helloNameAtTheLimitIsReadAndOnePastIsA400() {
        assertEquals(200, get("/hello?name=" + "a".repeat(Endpoints.MAX_NAME_LENGTH)).status());
        HttpResponse r = get("/hello?name=" + "a".repeat(Endpoints.MAX_NAME_LENGTH + 1));
        assertEquals(400, r.status());
        assertEquals(HttpResponse.PROBLEM_JSON, r.headers().first("content-type").orElseThrow());
    }

    @Test
    void echoReturnsTheInput() {
        HttpResponse r = send("POST", "/echo", Headers.of("Content-Type", "application/json"), "{\"a\":[1,2,{\"b\":null}]}");
        assertEquals(200, r.status());
        assertEquals("{\"message\":\"ok\",\"input\":{\"a\":[1,2,{\"b\":null}]}}", r.bodyAsString());
        assertEquals("{\"message\":\"ok\",\"input\":{}}", send("POST", "/echo", Headers.empty(), "").bodyAsString());
    }

    @Test
    void echoRejectsBadInputWithProblems() {
        assertEquals(400, send("POST", "/echo", Headers.of("Content-Type", "application/json"), "{nope").status());
        assertEquals(415, send("POST", "/echo", Headers.of("Content-Type", "text/plain"), "hi").status());
        int limit = config.maxBodyBytes();
        String atLimit = "{\"s\":\"" + "x".repeat(limit - 8) + "\"}";
        assertEquals(limit, atLimit.length());
        assertEquals(200, send("POST", "/echo", Headers.of("Content-Type", "application/json"), atLimit).status());
        assertEquals(413, send("POST", "/echo", Headers.of("Content-Type", "application/json"), atLimit + " ").status());
    }

    @Test
    void healthAndReadiness() {
        assertEquals(200, get("/healthz").status());
        HttpResponse ready = get("/readyz");
        assertEquals(200, ready.status());
        assertEquals("up", json(ready).get("checks").get("database").stringValue());
        assertNull(json(ready).get("checks").get("queue"), "apply mode takes webhooks without the queue");

        app.readiness().startDraining();
        HttpResponse draining = get("/readyz");
        assertEquals(503, draining.status());
        assertEquals("yes", json(draining).get("checks").get("draining").stringValue());
        assertEquals(200, get("/healthz").status(), "a draining instance is still alive");
    }

    @Test
    void readinessFailsWhenTheDatabaseIsDown() {
        var down = new App(config, TestDatabase.unreachable(),
                new InMemoryWebhookQueue(1024), InstantSource.system());
        HttpResponse r = down.handler().handle(HttpRequest.get("/readyz"));
        assertEquals(503, r.status());
        assertEquals("down", json(r).get("checks").get("database").stringValue());
        assertEquals(503, down.handler().handle(Reads.get("/payments/pi_1")).status());

        // enqueue mode takes webhooks with the queue alone: a database blip keeps the intake in rotation
        var enqueueing = new App(config.withWebhookMode(AppConfig.WebhookMode.ENQUEUE), TestDatabase.unreachable(),
                new InMemoryWebhookQueue(1024), InstantSource.system());
        HttpResponse intake = enqueueing.handler().handle(HttpRequest.get("/readyz"));
        assertEquals(200, intake.status());
        assertEquals("up", json(intake).get("checks").get("queue").stringValue());
        assertNull(json(intake).get("checks").get("database"));
    }

    /** A database whose connect hangs for 30 s. */
    private static DataSourceSupport hangingDatabase() {
        return new DataSourceSupport() {
            @Override
            public Connection getConnection() throws SQLException {
                try {
                    Thread.sleep(Duration.ofSeconds(30));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new SQLException("gave up");
            }
        };
    }

    @Test
    void aHangingDependencyMakesTheInstanceUnreadyWithinTheReadinessTimeout() {
        AppConfig enqueue = AppConfig.fromEnv(Map.of("READINESS_TIMEOUT_MS", "300")).withWebhookMode(AppConfig.WebhookMode.ENQUEUE);
        var hangingQueue = new App(enqueue, H2Database.fresh(), new SlowQueue(Duration.ofSeconds(30)), InstantSource.system());
        long start = System.nanoTime();
        HttpResponse r = hangingQueue.handler().handle(HttpRequest.get("/readyz"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, r.status());
        assertEquals("down", json(r).get("checks").get("queue").stringValue());
        assertTrue(tookMs < 5_000, "answered after " + tookMs + " ms, not after the dependency's 30 s");

        AppConfig apply = AppConfig.fromEnv(Map.of("READINESS_TIMEOUT_MS", "300"));
        var hangingStore = new App(apply, hangingDatabase(), new InMemoryWebhookQueue(1024), InstantSource.system());
        start = System.nanoTime();
        r = hangingStore.handler().handle(HttpRequest.get("/readyz"));
        tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(503, r.status());
        assertEquals("down", json(r).get("checks").get("database").stringValue());
        assertTrue(tookMs < 5_000, "answered after " + tookMs + " ms, not after the dependency's 30 s");

        var slowButInTime = new App(AppConfig.fromEnv(Map.of("READINESS_TIMEOUT_MS", "5000")).withWebhookMode(AppConfig.WebhookMode.ENQUEUE),
                H2Database.fresh(), new SlowQueue(Duration.ofMillis(50)), InstantSource.system());
        assertEquals(200, slowButInTime.handler().handle(HttpRequest.get("/readyz")).status());
    }

    @Test
    void aModeDoesNotWaitForWhatItDoesNotUse() {
        AppConfig enqueue = AppConfig.fromEnv(Map.of("READINESS_TIMEOUT_MS", "2000")).withWebhookMode(AppConfig.WebhookMode.ENQUEUE);
        var app = new App(enqueue, hangingDatabase(), new InMemoryWebhookQueue(1024), InstantSource.system());
        long start = System.nanoTime();
        HttpResponse r = app.handler().handle(HttpRequest.get("/readyz"));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, r.status());
        assertTrue(tookMs < 1_000, "the hanging database was not even asked: " + tookMs + " ms");
    }

    @Test
    void unknownPaymentIsA404Problem() {
        HttpResponse r = app.handler().handle(Reads.get("/payments/pi_missing"));
        assertEquals(404, r.status());
        assertEquals("urn:three-ways:problem:payment-not-found", json(r).get("type").stringValue());
    }

    @Test
    void paymentReadsNeedAReadToken() {
        HttpResponse none = get("/payments/pi_missing");
        assertEquals(401, none.status());
        assertEquals("Bearer realm=\"payments\"", none.headers().first("WWW-Authenticate").orElseThrow());
        assertEquals("urn:three-ways:problem:unauthorized", json(none).get("type").stringValue());
        HttpResponse wrong = app.handler().handle(HttpRequest.of("GET", "/payments/pi_missing",
                Headers.of("Authorization", "Bearer " + Reads.TOKEN + "x"), new byte[0], ""));
        assertEquals(401, wrong.status());
        HttpResponse otherScheme = app.handler().handle(HttpRequest.of("GET", "/payments/pi_missing",
                Headers.of("Authorization", "Basic " + Reads.TOKEN), new byte[0], ""));
        assertEquals(401, otherScheme.status());
        HttpResponse lowerCase = app.handler().handle(HttpRequest.of("GET", "/payments/pi_missing",
                Headers.of("Authorization", "bearer " + Reads.TOKEN), new byte[0], ""));
        assertEquals(404, lowerCase.status(), "the scheme is case-insensitive (RFC 9110)");
    }

    @Test
    void withARealDatabaseTheDevelopmentTokenIsRefusedAndAConfiguredOneAccepted() {
        AppConfig real = AppConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:h2:file:/nonexistent/x", "STRIPE_WEBHOOK_SECRETS", "whsec_x"));
        assertEquals(java.util.List.of(), real.readApiTokens(), "reads closed unless a token is configured");
        AppConfig configured = AppConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:h2:file:/nonexistent/x",
                "STRIPE_WEBHOOK_SECRETS", "whsec_x", "READ_API_TOKENS", "t1, t2"));
        assertEquals(java.util.List.of("t1", "t2"), configured.readApiTokens());
        var closed = new ReadAccess(() -> java.util.List.of()).deny(java.util.Optional.of("Bearer anything"));
        assertEquals(401, closed.orElseThrow().status());
        assertTrue(closed.orElseThrow().bodyAsString().contains("READ_API_TOKENS"), "says what to set");
        var access = new ReadAccess(configured::readApiTokens);
        assertTrue(access.deny(java.util.Optional.of("Bearer t2")).isEmpty(), "either token of a rotation");
        assertTrue(access.deny(java.util.Optional.of("Bearer t3")).isPresent());
    }

    @Test
    void routingProblems() {
        assertEquals(404, get("/nowhere").status());
        HttpResponse r = get("/webhooks/stripe");
        assertEquals(405, r.status());
        assertEquals("POST", r.headers().first("Allow").orElseThrow());
    }

    @Test
    void requestIdIsKeptOrMade() {
        HttpResponse given = app.handler().handle(HttpRequest.of("GET", "/healthz", Headers.empty(), new byte[0], "req-123"));
        assertEquals("req-123", given.headers().first("X-Request-Id").orElseThrow());
        String made = get("/healthz").headers().first("X-Request-Id").orElseThrow();
        assertTrue(made.length() >= 32);
        HttpResponse callers = app.handler().handle(HttpRequest.of("GET", "/healthz",
                Headers.of("X-Request-Id", "caller-7"), new byte[0], "runtime-id"));
        assertEquals("caller-7", callers.headers().first("X-Request-Id").orElseThrow(), "the caller's id wins the runtime's");
        HttpResponse unsafe = app.handler().handle(HttpRequest.of("GET", "/healthz",
                Headers.of("X-Request-Id", "a b\"c"), new byte[0], "runtime-id"));
        assertEquals("runtime-id", unsafe.headers().first("X-Request-Id").orElseThrow(), "an id unfit for a log is not used");
    }
}
