package dev.threeways.bench.jmh;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.threeways.core.ledger.ApplyOutcome;
import dev.threeways.core.ledger.JdbcPaymentStore;
import dev.threeways.core.ledger.LedgerEvent;
import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.PaymentLedger;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.webhook.StripeEventParser;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ledger's apply, one transaction per event, on the embedded H2 and on the local PostgreSQL
 * (a fresh migrated schema from the test fixture, dropped afterwards): a new payment's first event,
 * which claims the event id and inserts the payment, and a redelivery of an event already applied,
 * which Stripe does routinely and the ledger must turn into a cheap no-op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LedgerBench {

    @State(Scope.Benchmark)
    public static class Ledger {
        @Param({"h2", "postgresql"})
        public String database;

        private TestDatabase postgres;
        private DataSource fixture;
        private HikariDataSource pool;
        PaymentLedger ledger;
        LedgerEvent delivered;
        /** Shared, so that runs with several threads (-t) still never reuse an id. */
        final AtomicLong sequence = new AtomicLong();

        @Setup
        public void setUp() {
            QuietLog.discard();
            switch (database) {
                case "h2" -> fixture = H2Database.fresh();
                case "postgresql" -> {
                    postgres = TestDatabase.postgres();
                    fixture = postgres.dataSource();
                }
                default -> throw new IllegalArgumentException("database " + database);
            }
            // open connections, as the servers hold them in HikariCP and Lambda holds its one: a connect
            // per apply would measure PostgreSQL's authentication rather than the ledger
            var config = new HikariConfig();
            config.setPoolName("jmh-ledger");
            config.setDataSource(fixture);
            config.setMaximumPoolSize(4);
            config.setMinimumIdle(1);
            pool = new HikariDataSource(config);
            ledger = new PaymentLedger(new JdbcPaymentStore(pool));
            delivered = nextNewPayment();
            expect(ApplyOutcome.APPLIED, ledger.apply(delivered));
            expect(ApplyOutcome.DUPLICATE, ledger.apply(delivered));
            expect(ApplyOutcome.APPLIED, ledger.apply(nextNewPayment()));
        }

        @TearDown
        public void tearDown() throws SQLException {
            try {
                pool.close();
                if (postgres != null) {
                    postgres.close();
                } else {
                    // an in-memory H2 kept open (DB_CLOSE_DELAY=-1) lives until told to go
                    try (Connection c = fixture.getConnection(); Statement st = c.createStatement()) {
                        st.execute("SHUTDOWN");
                    }
                }
            } finally {
                QuietLog.restore();
            }
        }

        /**
         * The first event of a payment nobody has seen: Stripe's published payment_intent.succeeded fixture
         * with a new event id and intent, parsed as the webhook endpoint parses it.
         */
        LedgerEvent nextNewPayment() {
            long n = sequence.incrementAndGet();
            String body = StripeEvents.paymentIntent("evt_jmh_" + n, "payment_intent.succeeded", 1_795_000_000L + n,
                    "pi_jmh_" + n, 2_000, 2_000, "succeeded");
            return StripeEventParser.parse(Json.readBody(body.getBytes(StandardCharsets.UTF_8)));
        }

        private static void expect(ApplyOutcome expected, ApplyOutcome actual) {
            if (actual != expected) {
                throw new IllegalStateException("apply gave " + actual + ", not " + expected);
            }
        }
    }

    /** The next new payment, parsed before the call is timed: parsing has its own benchmark (WebhookBench). */
    @State(Scope.Thread)
    public static class NewPayment {
        LedgerEvent event;

        @Setup(Level.Invocation)
        public void next(Ledger l) {
            event = l.nextNewPayment();
        }
    }

    @Benchmark
    public ApplyOutcome applyNewPayment(Ledger l, NewPayment next) {
        return l.ledger.apply(next.event);
    }

    @Benchmark
    public ApplyOutcome applyDuplicateDelivery(Ledger l) {
        return l.ledger.apply(l.delivered);
    }
}
