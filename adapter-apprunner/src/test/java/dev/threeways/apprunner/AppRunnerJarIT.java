package dev.threeways.apprunner;

import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.server.testing.JarProcess;
import dev.threeways.server.testing.RawHttp;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The built jar as its own process, the way App Runner and ECS Express Mode run it. */
class AppRunnerJarIT {
    private static final Path JAR = JarProcess.jarFromSystemProperty();
    private static final String LOCAL_SECRET = "whsec_local_development_only";
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void startsWithEmbeddedDefaultsAndServes() throws Exception {
        try (JarProcess app = JarProcess.start(JAR, Map.of(), "embedded")) {
            app.awaitFirst200("/healthz", Duration.ofSeconds(60));
            var hello = http.send(HttpRequest.newBuilder(app.uri("/hello?name=runner")).build(), BodyHandlers.ofString());
            assertEquals("{\"message\":\"hello, runner\"}", hello.body());
            assertEquals(200, http.send(HttpRequest.newBuilder(app.uri("/readyz")).build(), BodyHandlers.discarding()).statusCode());

            String event = paymentIntent("evt_jar", "payment_intent.succeeded", 1, "pi_jar", 100, 100, "succeeded");
            var hook = postWebhook(app, event, LOCAL_SECRET);
            assertEquals(200, hook.statusCode(), hook.body());
            assertTrue(hook.body().contains("\"applied\""), "App Runner applies in the request: " + hook.body());
            var payment = http.send(HttpRequest.newBuilder(app.uri("/payments/pi_jar"))
                    .header("Authorization", Reads.AUTHORIZATION).build(), BodyHandlers.ofString());
            assertTrue(payment.body().contains("\"status\":\"succeeded\""), payment.body());

            app.sigterm();
            assertEquals(0, app.awaitExit(Duration.ofSeconds(20)));
        }
    }

    private HttpResponse<String> postWebhook(JarProcess app, String event, String secret) throws Exception {
        var signed = StripeEvents.signed(secret, java.time.Instant.now(), event);
        return http.send(HttpRequest.newBuilder(app.uri("/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", signed.first("Stripe-Signature").orElseThrow())
                .POST(BodyPublishers.ofString(event)).build(), BodyHandlers.ofString());
    }

    @Test
    void sigtermDrainsInFlightWorkTurnsNewWorkAwayAndExitsZero() throws Exception {
        int drainSeconds = 10;
        try (JarProcess app = JarProcess.start(JAR, Map.of("SERVER_DRAIN_SECONDS", String.valueOf(drainSeconds)), "drain")) {
            app.awaitFirst200("/healthz", Duration.ofSeconds(60));
            String event = paymentIntent("evt_term", "payment_intent.succeeded", 1, "pi_term", 300, 300, "succeeded");
            String signature = StripeEvents.signed(LOCAL_SECRET, java.time.Instant.now(), event)
                    .first("Stripe-Signature").orElseThrow();
            byte[] body = event.getBytes(StandardCharsets.UTF_8);

            try (RawHttp slow = RawHttp.connect(app.port(), Duration.ofSeconds(20));
                 RawHttp keptAlive = RawHttp.connect(app.port(), Duration.ofSeconds(20))) {
                slow.send("POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nStripe-Signature: "
                        + signature + "\r\nContent-Length: " + body.length + "\r\n\r\n");
                slow.send(Arrays.copyOf(body, body.length / 2));
                Thread.sleep(300);

                long sigtermAt = System.nanoTime();
                app.sigterm();

                // keep asking on one kept-alive connection: every answer is whole, 200 before the drain and
                // 503 once it has started; the server then closes the connection
                RawHttp.Response answer;
                boolean sawUnready = false;
                do {
                    keptAlive.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n");
                    answer = keptAlive.read();
                    assertTrue(answer.status() == 200 || answer.status() == 503, answer.toString());
                    assertTrue(!sawUnready || answer.status() == 503, "once unready, never ready again");
                    sawUnready |= answer.status() == 503;
                    if (!"close".equals(answer.header("connection"))) {
                        Thread.sleep(20);
                    }
                } while (!"close".equals(answer.header("connection")));
                assertEquals(503, answer.status(), "readiness during the drain");
                assertTrue(keptAlive.closedByServer());

                // a new connection during the drain is answered 503 or refused, never accepted and dropped
                try (RawHttp late = RawHttp.connect(app.port(), Duration.ofSeconds(5))) {
                    late.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
                    assertEquals(503, late.read().status());
                } catch (java.net.ConnectException refused) {
                    // the listener is already closed: also fine
                }

                slow.send(Arrays.copyOfRange(body, body.length / 2, body.length));
                RawHttp.Response done = slow.read();
                assertEquals(200, done.status(), done.body());
                assertTrue(done.body().contains("\"applied\""));

                int exit = app.awaitExit(Duration.ofSeconds(drainSeconds + 5));
                long tookMs = (System.nanoTime() - sigtermAt) / 1_000_000;
                assertEquals(0, exit, app.log());
                assertTrue(tookMs < drainSeconds * 1000L, "exited " + tookMs + " ms after SIGTERM");
                assertTrue(app.log().contains("\"msg\":\"shutdown finished\""), app.log());
            }
        }
    }

    @Test
    void theSameWebhookSentTwentyTimesAtOnceCapturesOnceInPostgres() throws Exception {
        try (TestDatabase db = TestDatabase.postgres();
             JarProcess app = JarProcess.start(JAR, Map.of(
                     "DATABASE_URL", db.url(),
                     "DATABASE_USER", db.user(),
                     "DATABASE_PASSWORD", db.password(),
                     "STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET,
                     "DATABASE_POOL_SIZE", "8"), "postgres")) {
            app.awaitFirst200("/readyz", Duration.ofSeconds(60));
            String event = paymentIntent("evt_twenty", "payment_intent.succeeded", 1, "pi_twenty", 4200, 4200, "succeeded");
            List<Callable<HttpResponse<String>>> sends = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sends.add(() -> postWebhook(app, event, StripeEvents.SECRET));
            }
            int applied = 0;
            try (var pool = Executors.newFixedThreadPool(20)) {
                for (Future<HttpResponse<String>> f : pool.invokeAll(sends)) {
                    HttpResponse<String> r = f.get();
                    assertEquals(200, r.statusCode(), r.body());
                    applied += r.body().contains("\"applied\"") ? 1 : 0;
                }
            }
            assertEquals(1, applied);
            assertEquals(1, Sql.queryLong(db.dataSource(), "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'capture'"));
            assertEquals(4200, Sql.queryLong(db.dataSource(), "SELECT SUM(amount) FROM ledger_entries"));
            assertEquals(1, Sql.count(db.dataSource(), "webhook_events"));
            app.sigterm();
            assertEquals(0, app.awaitExit(Duration.ofSeconds(30)));
        }
    }

}
