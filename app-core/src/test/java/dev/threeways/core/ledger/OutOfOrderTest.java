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

/** Every permutation of a payment's lifecycle events ends in the state in-order delivery gives (PostgreSQL). */
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

    static Stream<Arguments> lifecycles() {
        return Stream.of(
                Arguments.of("succeeded", (Lifecycle) pi -> Lifecycles.succeeded(pi, 4200, 1_700_000_000L)),
                Arguments.of("failed", (Lifecycle) pi -> Lifecycles.failed(pi, 1300, 1_700_000_000L)),
                Arguments.of("canceled", (Lifecycle) pi -> Lifecycles.canceled(pi, 999, 1_700_000_000L)),
                Arguments.of("refunded", (Lifecycle) pi -> Lifecycles.refunded(pi, 3000, 1_700_000_000L)),
                Arguments.of("failedThenSucceeded", (Lifecycle) pi -> Lifecycles.failedThenSucceeded(pi, 5100, 1_700_000_000L)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycles")
    void everyPermutationEndsInTheInOrderState(String name, Lifecycle lifecycle) {
        String reference = "pi_" + name + "_inorder";
        lifecycle.apply(reference).forEach(OutOfOrderTest::apply);
        Payment expected = normalized(store.find(reference).orElseThrow(), reference);

        int n = lifecycle.apply("x").size();
        List<int[]> permutations = permutations(n);
        for (int k = 0; k < permutations.size(); k++) {
            String pi = "pi_" + name + "_p" + k;
            List<String> events = lifecycle.apply(pi);
            for (int i : permutations.get(k)) {
                apply(events.get(i));
            }
            assertEquals(expected, normalized(store.find(pi).orElseThrow(), pi),
                    name + " in order " + java.util.Arrays.toString(permutations.get(k)));
        }
        assertEquals(factorial(n), permutations.size());
    }

    private static void apply(String json) {
        store.apply(StripeEventParser.parse(Json.readBody(bytes(json))));
    }

    /** The state with the payment's own id replaced, so payments of different ids compare. */
    private static Payment normalized(Payment p, String id) {
        Payment a = p.withoutAudit();
        return new Payment("pi", a.status(), a.amount(), a.amountReceived(), a.amountRefunded(), a.currency(),
                a.entries().stream().map(e -> new LedgerEntry(e.kind(), e.key().replace(id, "pi"), e.amount(),
                        e.currency(), e.eventId())).toList(), a.updatedAt());
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
