package dev.threeways.bench.ways;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.infra.DeployedSizes;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The queue path's arithmetic and plumbing, without a queue. */
class QueuePathTest {
    private static final long MS = 1_000_000;

    @Test
    void theRateRunsFromTheFirstAppliedToTheLastAndLeavesTheStartOut() {
        var s = new QueuePath.Sampler(100, 0);
        // start-up: nothing applied for 5 s
        assertFalse(s.add(1_000 * MS, 100).done());
        assertFalse(s.add(5_000 * MS, 100).done());
        assertFalse(s.add(5_100 * MS, 90).done()); // first seen: 10 applied
        assertFalse(s.add(5_600 * MS, 40).done());
        var rate = s.add(6_100 * MS, 0);
        assertTrue(rate.done());
        // the 90 after the first sample over the second between them
        assertEquals(90.0, rate.perSecond(), 1e-9);
    }

    @Test
    void everythingBetweenTwoSamplesIsTimedFromTheSampleBefore() {
        var s = new QueuePath.Sampler(40, 0);
        assertFalse(s.add(2_000 * MS, 40).done());
        var rate = s.add(2_100 * MS, 0);
        assertTrue(rate.done());
        assertEquals(400.0, rate.perSecond(), 1e-9);
    }

    @Test
    void aStallIsTheTimeSinceTheCountLastMoved() {
        var s = new QueuePath.Sampler(10, 0);
        s.add(100 * MS, 10);
        assertEquals(100 * MS, s.stalledFor());
        s.add(200 * MS, 5);
        s.add(900 * MS, 5);
        assertEquals(700 * MS, s.stalledFor());
        assertEquals(5, s.applied());
        // a message coming back (a failed batch) does not count as progress, nor as applied less
        s.add(1_000 * MS, 7);
        assertEquals(5, s.applied());
        assertEquals(800 * MS, s.stalledFor());
    }

    @Test
    void theCeilingsFindTheIntentOfAWebhooksEvent() {
        var event = new Webhooks("t").next();
        String intent = QueuePath.intentOf(event.id());
        assertTrue(event.body().contains("\"" + intent + "\""), intent + " in " + event.body());
        assertThrows(IllegalArgumentException.class, () -> QueuePath.intentOf("pi_x"));
    }

    @Test
    void theMedianIsTheLowerMiddleObservedValue() {
        assertEquals(2.0, QueuePath.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.0, QueuePath.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(5.0, QueuePath.median(List.of(5.0)));
    }

    @Test
    void theLambdaConsumerRunsAtTheDeployedSizes() {
        assertEquals(DeployedSizes.QUEUE_FUNCTION_MAX_CONCURRENCY, QueuePath.LAMBDA_CONCURRENCY);
        assertEquals(DeployedSizes.QUEUE_FUNCTION_BATCH_SIZE, QueuePath.LAMBDA_BATCH);
        assertTrue(QueuePath.LAMBDA_BATCH <= QueuePath.SQS_MAX_RECEIVE, "one receive per invocation");
    }

    @Test
    void loopsStopAtTheFirstFailureAndSayIt() throws Exception {
        var turns = new AtomicInteger();
        try (var loops = QueuePath.Loops.start("test", 3, i -> Thread.ofVirtual().factory(), i -> () -> {
            if (turns.incrementAndGet() == 50) {
                throw new IllegalStateException("boom");
            }
            Thread.sleep(1);
        })) {
            long deadline = System.nanoTime() + 10_000 * MS;
            IllegalStateException failed = null;
            while (failed == null && System.nanoTime() < deadline) {
                try {
                    loops.check();
                    Thread.sleep(5);
                } catch (IllegalStateException e) {
                    failed = e;
                }
            }
            assertTrue(failed != null && failed.getMessage().contains("boom"), String.valueOf(failed));
        }
    }
}
