package dev.threeways.core.ledger;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.http.Json;
import dev.threeways.core.testing.Lifecycles;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.webhook.StripeEventParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * At-least-once delivery at its worst: every event of 240 payments delivered 10 times, shuffled, from
 * 16 threads at once against PostgreSQL. The ledger must end exactly as one in-order delivery leaves it.
 */
class DuplicateStormTest {
    private static final int PAYMENTS = 240;
    private static final int DELIVERIES = 10;
    private static final int THREADS = 16;

    @Test
    void duplicatedShuffledConcurrentDeliveryEqualsOneInOrderDelivery() throws Exception {
        List<String> intents = new ArrayList<>();
        List<List<String>> lifecycles = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            String pi = "pi_storm_" + i;
            long amount = 1000 + 7L * i;
            long t0 = 1_700_000_000L + i;
            intents.add(pi);
            lifecycles.add(switch (i % 5) {
                case 0 -> Lifecycles.succeeded(pi, amount, t0);
                case 1 -> Lifecycles.failedThenSucceeded(pi, amount, t0);
                case 2 -> Lifecycles.refunded(pi, amount, t0);
                case 3 -> Lifecycles.canceled(pi, amount, t0);
                default -> Lifecycles.failed(pi, amount, t0);
            });
        }
        List<String> distinct = lifecycles.stream().flatMap(List::stream).toList();
        assertTrue(distinct.size() >= 200, "at least 200 distinct events");

        try (TestDatabase reference = TestDatabase.postgres(); TestDatabase stormed = TestDatabase.postgres()) {
            var inOrder = new JdbcPaymentStore(reference.dataSource());
            distinct.forEach(json -> inOrder.apply(parse(json)));

            List<String> deliveries = new ArrayList<>();
            for (int d = 0; d < DELIVERIES; d++) {
                deliveries.addAll(distinct);
            }
            Collections.shuffle(deliveries, new Random(20261126L));

            var store = new JdbcPaymentStore(stormed.dataSource());
            Map<ApplyOutcome, LongAdder> outcomes = new EnumMap<>(ApplyOutcome.class);
            for (ApplyOutcome o : ApplyOutcome.values()) {
                outcomes.put(o, new LongAdder());
            }
            Map<String, Integer> firstApplications = new ConcurrentHashMap<>();
            var next = new AtomicInteger();
            var start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    workers.add(pool.submit(() -> {
                        start.await();
                        for (int i; (i = next.getAndIncrement()) < deliveries.size(); ) {
                            LedgerEvent event = parse(deliveries.get(i));
                            ApplyOutcome outcome = store.apply(event);
                            outcomes.get(outcome).increment();
                            if (outcome != ApplyOutcome.DUPLICATE) {
                                firstApplications.merge(event.eventId(), 1, Integer::sum);
                            }
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> w : workers) {
                    w.get();
                }
            } finally {
                pool.shutdownNow();
            }

            assertEquals(distinct.size() * (DELIVERIES - 1L), outcomes.get(ApplyOutcome.DUPLICATE).sum(),
                    "all but one delivery of each event is a duplicate");
            assertEquals(distinct.size(), firstApplications.size());
            assertTrue(firstApplications.values().stream().allMatch(n -> n == 1), "each event taken exactly once");
            assertEquals(distinct.size(), Sql.count(stormed.dataSource(), "webhook_events"));

            long succeeded = intents.stream().filter(pi -> inOrder.find(pi).orElseThrow().status().equals("succeeded")).count();
            assertEquals(succeeded, Sql.queryLong(stormed.dataSource(),
                    "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'capture'"), "exactly one capture per succeeded intent");
            assertEquals(0, Sql.queryLong(stormed.dataSource(), """
                    SELECT COUNT(*) FROM (SELECT payment_intent_id FROM ledger_entries WHERE kind = 'capture'
                                          GROUP BY payment_intent_id HAVING COUNT(*) > 1) doubled"""));

            for (String pi : intents) {
                assertEquals(inOrder.find(pi).orElseThrow().withoutAudit(), store.find(pi).orElseThrow().withoutAudit(), pi);
            }
            String sums = "SELECT COALESCE(SUM(CASE kind WHEN 'capture' THEN amount ELSE -amount END), 0) FROM ledger_entries";
            assertEquals(Sql.queryLong(reference.dataSource(), sums), Sql.queryLong(stormed.dataSource(), sums),
                    "net ledger sum");
            assertEquals(Sql.queryLong(reference.dataSource(), "SELECT SUM(amount) FROM ledger_entries WHERE kind = 'refund'"),
                    Sql.queryLong(stormed.dataSource(), "SELECT SUM(amount) FROM ledger_entries WHERE kind = 'refund'"));
        }
    }

    private static LedgerEvent parse(String json) {
        return StripeEventParser.parse(Json.readBody(bytes(json)));
    }
}
