package dev.threeways.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BudgetTest {
    @Test
    void theRequestBudgetIsNeverOverspentEvenFromManyThreads() throws Exception {
        Budget budget = Budget.of(Duration.ofMinutes(1), 1000);
        var taken = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                pool.execute(() -> {
                    while (budget.tryTake()) {
                        taken.incrementAndGet();
                    }
                });
            }
        }
        assertEquals(1000, taken.get());
        assertEquals(1000, budget.spentRequests());
        assertTrue(budget.wasCut(), "refusing a request marks the run as cut, so the report says so");
    }

    @Test
    void theTimeBudgetStopsWorkAndCapsSteps() throws Exception {
        Budget budget = Budget.of(Duration.ofMillis(150), Long.MAX_VALUE);
        assertTrue(budget.hasTime());
        assertFalse(budget.wasCut());
        assertTrue(budget.cap(Duration.ofHours(1)).compareTo(Duration.ofMillis(150)) <= 0,
                "a step asked for longer than what is left gets what is left");
        assertEquals(Duration.ofMillis(10), budget.cap(Duration.ofMillis(10)));
        Thread.sleep(200);
        assertFalse(budget.tryTake());
        assertFalse(budget.hasTime());
        assertEquals(Duration.ZERO, budget.timeLeft());
        assertTrue(budget.wasCut());
    }

    @Test
    void refusesABudgetThatAllowsNothing() {
        assertThrows(IllegalArgumentException.class, () -> Budget.of(Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> Budget.of(Duration.ofSeconds(1), 0));
    }
}
