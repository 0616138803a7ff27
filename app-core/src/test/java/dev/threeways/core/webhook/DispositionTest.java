package dev.threeways.core.webhook;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.customerCreated;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.ledger.ApplyOutcome;
import dev.threeways.core.ledger.LedgerEvent;
import dev.threeways.core.ledger.LedgerTotals;
import dev.threeways.core.ledger.Payment;
import dev.threeways.core.ledger.PaymentLedger;
import dev.threeways.core.ledger.PaymentStore;
import dev.threeways.core.ledger.StalledPayment;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one decision every queue consumer translates: applied, retry later, or poison — with the
 * shipped retry waits.
 */
class DispositionTest {
    private static final String GOOD = paymentIntent("evt_d", "payment_intent.succeeded", 100, "pi_d", 10, 10, "succeeded");

    private static StripeWebhooks webhooks(DataSource dataSource) {
        AppConfig config = AppConfig.fromEnv(Map.of("STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET,
                "WEBHOOK_MODE", "enqueue"));
        return new App(config, dataSource, new InMemoryWebhookQueue(1024), InstantSource.system()).webhooks();
    }

    private static final StripeWebhooks UP = webhooks(H2Database.fresh());
    private static final StripeWebhooks DOWN = webhooks(
            TestDatabase.unreachable());

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("a good event, store up", UP, GOOD, 1, new Disposition.Applied(ApplyOutcome.APPLIED)),
                Arguments.of("the same event again", UP, GOOD, 2, new Disposition.Applied(ApplyOutcome.DUPLICATE)),
                Arguments.of("a type the ledger ignores", UP, customerCreated("evt_c", 1), 1,
                        new Disposition.Applied(ApplyOutcome.IGNORED)),
                Arguments.of("a type the ledger ignores, store down", DOWN, customerCreated("evt_c", 1), 1,
                        new Disposition.Applied(ApplyOutcome.IGNORED)),
                Arguments.of("store down, first try", DOWN, GOOD, 1, new Disposition.RetryLater(Duration.ofSeconds(5), "")),
                Arguments.of("store down, second try", DOWN, GOOD, 2, new Disposition.RetryLater(Duration.ofSeconds(10), "")),
                Arguments.of("store down, eighth try", DOWN, GOOD, 8, new Disposition.RetryLater(Duration.ofSeconds(640), "")),
                Arguments.of("store down, ninth try: the cap", DOWN, GOOD, 9, new Disposition.RetryLater(Duration.ofSeconds(900), "")),
                Arguments.of("store down, 1000th try", DOWN, GOOD, 1000, new Disposition.RetryLater(Duration.ofSeconds(900), "")),
                Arguments.of("not JSON", UP, "{not json", 1, new Disposition.Poison("")),
                Arguments.of("not an event", UP, "[]", 1, new Disposition.Poison("")),
                Arguments.of("malformed, store down", DOWN, "{\"id\":1}", 1, new Disposition.Poison("")),
                Arguments.of("an event of the other mode", UP, StripeEvents.inLiveMode(GOOD), 1, new Disposition.Poison("")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, StripeWebhooks webhooks, String payload, int attempt, Disposition expected) {
        Disposition actual = webhooks.process(bytes(payload), attempt);
        switch (expected) {
            case Disposition.Applied a -> assertEquals(a, actual, name);
            case Disposition.RetryLater r -> assertEquals(r.delay(),
                    assertInstanceOf(Disposition.RetryLater.class, actual, name).delay(), name);
            case Disposition.Poison p -> assertTrue(
                    !assertInstanceOf(Disposition.Poison.class, actual, name).reason().isBlank(), name);
        }
    }

    @Test
    void anUnexpectedFailureIsPoisonSoTheRedrivePolicyCountsIt() {
        var broken = new StripeWebhooks(new StripeSignature(List.of("whsec_x"), Duration.ofMinutes(5), 4096,
                InstantSource.system()), AppConfig.WebhookMode.ENQUEUE, false, new RetryBackoff(Duration.ofSeconds(5),
                Duration.ofSeconds(900)), new PaymentLedger(new BrokenStore()),
                new InMemoryWebhookQueue(1024));
        var poison = assertInstanceOf(Disposition.Poison.class, broken.process(bytes(GOOD), 1));
        assertTrue(poison.reason().contains("a bug"), poison.reason());
    }

    /** A store with a bug in it: not an outage, so waiting will not help. */
    private static final class BrokenStore implements PaymentStore {
        @Override
        public ApplyOutcome apply(LedgerEvent event) {
            throw new IllegalStateException("a bug");
        }

        @Override
        public Optional<Payment> find(String id) {
            throw new IllegalStateException("a bug");
        }

        @Override
        public List<StalledPayment> stalled(String status, Instant before, int limit) {
            throw new IllegalStateException("a bug");
        }

        @Override
        public LedgerTotals totals(Instant from, Instant to) {
            throw new IllegalStateException("a bug");
        }

        @Override
        public void ping(Duration timeout) {}
    }
}
