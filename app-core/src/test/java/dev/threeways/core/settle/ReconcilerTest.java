package dev.threeways.core.settle;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.JdbcPaymentStore;
import dev.threeways.core.ledger.StalledPayment;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.webhook.StripeEventParser;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import org.junit.jupiter.api.Test;

/** The reconcile job on PostgreSQL: stuck payments make a nonzero exit code; a clean ledger exits 0. */
class ReconcilerTest {
    @Test
    void paymentsStuckInProcessingAreReportedWithExitCode3() {
        try (TestDatabase db = TestDatabase.postgres()) {
            var store = new JdbcPaymentStore(db.dataSource());
            store.apply(StripeEventParser.parse(Json.readBody(bytes(
                    paymentIntent("evt_1", "payment_intent.processing", Instant.now().getEpochSecond(), "pi_stuck", 900, 0,
                            "processing")))));
            store.apply(StripeEventParser.parse(Json.readBody(bytes(
                    paymentIntent("evt_2", "payment_intent.succeeded", Instant.now().getEpochSecond(), "pi_done", 500, 500,
                            "succeeded")))));

            Settlement now = new Reconciler(store, InstantSource.system(), Duration.ofHours(1)).run();
            assertEquals(Settlement.OK, now.exitCode(), "nothing has been processing for an hour yet");
            assertEquals(500, now.lastDay().captured());

            InstantSource twoHoursLater = InstantSource.fixed(Instant.now().plus(Duration.ofHours(2)));
            Settlement later = new Reconciler(store, twoHoursLater, Duration.ofHours(1)).run();
            assertEquals(Settlement.STUCK_PAYMENTS, later.exitCode());
            assertEquals("pi_stuck", later.stuck().getFirst().id());
            assertEquals(1, later.stuck().size());
            StalledPayment stuck = later.stuck().getFirst();
            assertEquals(900, stuck.amount());
        }
    }
}
