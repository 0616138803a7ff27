package dev.threeways.core.ledger;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.threeways.core.http.Json;
import dev.threeways.core.testing.Lifecycles;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.webhook.StripeEventParser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every permutation of a payment's lifecycle events, each event delivered twice, ends in the state
 * in-order delivery gives, and that state is the one Stripe's lifecycle means (PostgreSQL).
 */
class OutOfOrderTest {
    private static TestDatabase db;
    private static PaymentStore store;

    @BeforeAll
    static void database() {
        db = TestDatabase.postgres();
        store = new JdbcPaymentStore(db.dataSource());
    }

    @AfterAll
    static void drop() {
        db.close();
    }

    interface Lifecycle extends Function<String, List<String>> {}

    /** What the ledger must end with, whatever the order: the in-order state must be this one too. */
    record Expected(String status, long captured, long refunded, Long stripeAmountRefunded) {}

    static Stream<Arguments> lifecycles() {
        long t0 = 1_700_000_000L;
        return Stream.of(
                Arguments.of("succeeded", (Lifecycle) pi -> Lifecycles.succeeded(pi, 4200, t0),
                        new Expected("succeeded", 4200, 0, null)),
                Arguments.of("failed", (Lifecycle) pi -> Lifecycles.failed(pi, 1300, t0),
                        new Expected("requires_payment_method", 0, 0, null)),
                Arguments.of("canceled", (Lifecycle) pi -> Lifecycles.canceled(pi, 999, t0),
                        new Expected("canceled", 0, 0, null)),
                Arguments.of("manualCapture", (Lifecycle) pi -> Lifecycles.manualCapture(pi, 5000, 4500, t0),
                        new Expected("succeeded", 4500, 0, null)),
                Arguments.of("failedThenSucceeded", (Lifecycle) pi -> Lifecycles.failedThenSucceeded(pi, 5100, t0),
                        new Expected("succeeded", 5100, 0, null)),
                Arguments.of("failedTwice", (Lifecycle) pi -> Lifecycles.failedTwice(pi, 5100, t0),
                        new Expected("requires_payment_method", 0, 0, null)),
                Arguments.of("retryInProcessing", (Lifecycle) pi -> Lifecycles.retryInProcessing(pi, 700, t0),
                        new Expected("processing", 0, 0, null)),
                Arguments.of("refunded", (Lifecycle) pi -> Lifecycles.refunded(pi, 3000, t0),
                        new Expected("succeeded", 3000, 3000, 3000L)),
                Arguments.of("refundFails", (Lifecycle) pi -> Lifecycles.refundFails(pi, 2000, t0),
                        new Expected("succeeded", 2000, 0, 2000L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycles")
    void everyPermutationDeliveredTwiceEndsInTheExpectedState(String name, Lifecycle lifecycle, Expected expected) {
        String reference = "pi_" + name + "_inorder";
        lifecycle.apply(reference).forEach(OutOfOrderTest::apply);
        Payment inOrder = store.find(reference).orElseThrow();
        assertEquals(expected, new Expected(inOrder.status(), inOrder.captured(), inOrder.refunded(),
                inOrder.stripeAmountRefunded().orElse(null)), name + " in order");
        Payment normalizedInOrder = normalized(inOrder, reference);

        int n = lifecycle.apply("x").size();
        List<int[]> permutations = permutations(n);
        for (int k = 0; k < permutations.size(); k++) {
            String pi = "pi_" + name + "_p" + k;
            List<String> events = lifecycle.apply(pi);
            for (int i : permutations.get(k)) {
                apply(events.get(i));
            }
            String order = name + " in order " + java.util.Arrays.toString(permutations.get(k));
            assertEquals(normalizedInOrder, normalized(store.find(pi).orElseThrow(), pi), order);
            // Stripe redelivers: every event again, last first, changes nothing
            for (String event : events.reversed()) {
                assertEquals(ApplyOutcome.DUPLICATE, apply(event), order + ", redelivered");
            }
            assertEquals(normalizedInOrder, normalized(store.find(pi).orElseThrow(), pi), order + ", redelivered");
        }
        assertEquals(factorial(n), permutations.size());
    }

    private static ApplyOutcome apply(String json) {
        return store.apply(StripeEventParser.parse(Json.readBody(bytes(json))));
    }

    /** The state with the payment's own id replaced, so payments of different ids compare. */
    private static Payment normalized(Payment p, String id) {
        Payment a = p.withoutAudit();
        return new Payment("pi", a.status(), a.amount(), a.amountReceived(), a.currency(), a.livemode(),
                a.stripeAmountRefunded(), a.entries().stream().map(e -> new LedgerEntry(e.kind(),
                        e.key().replace(id, "pi"), e.amount(), e.currency(), e.status(), e.eventId().replace(id, "pi")))
                .toList(), a.updatedAt());
    }

    private static List<int[]> permutations(int n) {
        var out = new ArrayList<int[]>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] current, boolean[] used, int depth, List<int[]> out) {
        if (depth == current.length) {
            out.add(current.clone());
            return;
        }
        for (int i = 0; i < current.length; i++) {
            if (!used[i]) {
                used[i] = true;
                current[depth] = i;
                permute(current, used, depth + 1, out);
                used[i] = false;
            }
        }
    }

    private static int factorial(int n) {
        return n <= 1 ? 1 : n * factorial(n - 1);
    }
}
