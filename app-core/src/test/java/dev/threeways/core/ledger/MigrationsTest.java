package dev.threeways.core.ledger;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.threeways.core.http.Json;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.webhook.StripeEventParser;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/** A ledger written by the first schema keeps its meaning when V2 (Stripe snapshots) is applied (PostgreSQL). */
class MigrationsTest {
    @Test
    void aVersionOneLedgerMigratesToSnapshotsAndTakesNewEvents() throws SQLException {
        try (TestDatabase db = TestDatabase.emptyPostgres()) {
            Flyway.configure().dataSource(db.dataSource()).locations("classpath:db/migration").target("1").load().migrate();
            try (Connection c = db.dataSource().getConnection(); var st = c.createStatement()) {
                st.execute("""
                        INSERT INTO payments (payment_intent_id, status, status_rank, status_event_created, status_event_id,
                                              amount, amount_received, amount_refunded, currency)
                        VALUES ('pi_failed', 'payment_failed', 3, 100, 'evt_f', 500, 0, 0, 'usd'),
                               ('pi_paid', 'succeeded', 5, 100, 'evt_s', 900, 900, 300, 'usd')""");
                st.execute("""
                        INSERT INTO ledger_entries (payment_intent_id, kind, entry_key, amount, currency, event_id)
                        VALUES ('pi_paid', 'capture', 'pi_paid', 900, 'usd', 'evt_s'),
                               ('pi_paid', 'refund', 're_1', 300, 'usd', 'evt_r')""");
            }
            assertEquals(1, Migrations.migrate(db.dataSource()), "V2 only");

            var store = new JdbcPaymentStore(db.dataSource());
            Payment paid = store.find("pi_paid").orElseThrow();
            assertEquals("succeeded", paid.status());
            assertEquals(900, paid.captured());
            assertEquals(300, paid.refunded(), "old refund entries count as succeeded refunds");
            assertEquals(Optional.of(300L), paid.stripeAmountRefunded());
            assertEquals(List.of("succeeded", "succeeded"), paid.entries().stream().map(LedgerEntry::status).toList());
            assertEquals("requires_payment_method", store.find("pi_failed").orElseThrow().status());

            assertEquals(ApplyOutcome.APPLIED, store.apply(StripeEventParser.parse(Json.readBody(bytes(paymentIntent(
                    "evt_retry", "payment_intent.processing", 101, "pi_failed", 500, 0, "processing"))))),
                    "a retry after the failure recorded by V1 moves it");
            assertEquals("processing", store.find("pi_failed").orElseThrow().status());
            assertEquals(ApplyOutcome.STALE, store.apply(StripeEventParser.parse(Json.readBody(bytes(paymentIntent(
                    "evt_late", "payment_intent.processing", 200, "pi_paid", 900, 0, "processing"))))),
                    "succeeded, final under V1, stays final");
        }
    }
}
