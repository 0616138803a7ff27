package dev.threeways.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.secrets.AppSecrets;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A webhook that finds every pooled connection busy — as when PostgreSQL stops answering and the
 * connections already lent out hang — waits the shipped connection timeout and gets the documented
 * 503. HikariCP's timeout then carries no SQLSTATE (no connection attempt failed), which once made
 * the ledger's retry check throw a NullPointerException and the request a 500 (seen in the resilience
 * suite's "PostgreSQL unreachable" run for App Runner).
 */
class PoolExhaustedTest {
    @Test
    void aWebhookThatFindsThePoolExhaustedGetsA503NotA500() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            AppConfig config = AppConfig.fromEnv(Map.of("DATABASE_URL", db.url(), "DATABASE_USER", db.user(),
                    "DATABASE_PASSWORD", db.password(), "STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET));
            // the shipped pool: DATABASE_POOL_SIZE and the connection timeout at their defaults
            try (HikariDataSource pool = ResidentApp.pool(config, AppSecrets.from(config), ServerConfig.fromEnv(Map.of()))) {
                List<Connection> held = new ArrayList<>();
                try {
                    for (int i = 0; i < pool.getMaximumPoolSize(); i++) {
                        held.add(pool.getConnection());
                    }
                    Instant now = Instant.now();
                    var app = new App(config, pool, new InMemoryWebhookQueue(4096), InstantSource.fixed(now));
                    String body = StripeEvents.paymentIntent("evt_pool_exhausted", "payment_intent.succeeded",
                            now.getEpochSecond(), "pi_pool_exhausted", 1000, 1000, "succeeded");
                    HttpResponse r = app.handler().handle(HttpRequest.of("POST", "/webhooks/stripe",
                            StripeEvents.signed(StripeEvents.SECRET, now, body), body.getBytes(StandardCharsets.UTF_8), "pool"));
                    assertEquals(503, r.status(), new String(r.body(), StandardCharsets.UTF_8));
                    assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("dependency-unavailable"));
                } finally {
                    for (Connection c : held) {
                        c.close();
                    }
                }
            }
            assertEquals(0, db.count("webhook_events"), "nothing half-written");
        }
    }
}
