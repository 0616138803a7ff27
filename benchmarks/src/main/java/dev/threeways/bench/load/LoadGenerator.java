package dev.threeways.bench.load;

import dev.threeways.bench.Budget;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives an {@link HttpTarget} in one of two ways.
 *
 * <p>The <b>open model</b> is how users arrive: at a constant rate, whether or not the server kept up.
 * Request {@code i} is due at {@code start + i / rate}; its latency is measured from that due time,
 * so a server that stalls for a second is charged the second for every request that arrived during
 * the stall (the correction for coordinated omission), not just for the one it was serving. The time
 * from going on the wire is kept beside it, as the figure a naive closed-loop tool would report.
 *
 * <p>The <b>closed model</b> — N clients each sending the next request when the last is answered —
 * finds the throughput at saturation.
 */
public final class LoadGenerator {
    /** After the schedule ends, how long requests still in flight may take before they count as lost. */
    public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(35);
    /** Latencies are recorded in microseconds up to this; anything longer is clamped, not dropped. */
    static final long HIGHEST_TRACKABLE_MICROS = TimeUnit.MINUTES.toMicros(2);

    private LoadGenerator() {}

    /**
     * Sends {@code ratePerSecond} requests a second for {@code duration} (fewer if the budget runs out).
     *
     * @param requests makes each request's bytes (called once per request, off the schedule thread)
     */
    public static LoadResult open(HttpTarget target, Supplier<byte[]> requests, double ratePerSecond,
                                  Duration duration, Budget budget) throws InterruptedException {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("the arrival rate must be positive: " + ratePerSecond);
        }
        var recorder = new Recorder();
        long interval = (long) (1e9 / ratePerSecond);
        long length = duration.toNanos();
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        var scheduled = new AtomicLong();
        try (ExecutorService inFlight = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; ; i++) {
                long due = start + i * interval;
                if (due - start >= length || !budget.tryTake()) {
                    break;
                }
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                scheduled.incrementAndGet();
                inFlight.execute(() -> recorder.exchange(target, requests, due));
            }
            inFlight.shutdown();
            if (!inFlight.awaitTermination(DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                inFlight.shutdownNow();
            }
        }
        return recorder.result(ratePerSecond, start, budget.wasCut());
    }

    /** {@code clients} loops, each sending its next request when the last one is answered. */
    public static LoadResult closed(HttpTarget target, Supplier<byte[]> requests, int clients, Duration duration,
                                    Budget budget) throws InterruptedException {
        if (clients <= 0) {
            throw new IllegalArgumentException("a closed model needs at least one client: " + clients);
        }
        var recorder = new Recorder();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        try (ExecutorService loops = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < clients; c++) {
                loops.execute(() -> {
                    while (System.nanoTime() < end && budget.tryTake()) {
                        recorder.exchange(target, requests, System.nanoTime());
                    }
                });
            }
            loops.shutdown();
            if (!loops.awaitTermination(duration.toMillis() + DRAIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                loops.shutdownNow();
            }
        }
        return recorder.result(0, start, budget.wasCut());
    }

    /** Collects latencies and statuses from many threads. */
    private static final class Recorder {
        private final Histogram corrected = new ConcurrentHistogram(HIGHEST_TRACKABLE_MICROS, 3);
        private final Histogram service = new ConcurrentHistogram(HIGHEST_TRACKABLE_MICROS, 3);
        private final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
        private final LongAdder completed = new LongAdder();
        private final AtomicLong lastCompletion = new AtomicLong();

        void exchange(HttpTarget target, Supplier<byte[]> requests, long dueNanos) {
            String status;
            long sent;
            try {
                HttpTarget.Exchange exchange = target.send(requests.get());
                status = String.valueOf(exchange.response().status());
                sent = exchange.sentNanos();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                status = "error: " + e.getClass().getSimpleName();
                sent = dueNanos;
            }
            long now = System.nanoTime();
            corrected.recordValue(micros(now - dueNanos));
            service.recordValue(micros(now - sent));
            statuses.computeIfAbsent(status, s -> new LongAdder()).increment();
            completed.increment();
            lastCompletion.accumulateAndGet(now, Math::max);
        }

        private static long micros(long nanos) {
            return Math.min(Math.max(nanos / 1000, 1), HIGHEST_TRACKABLE_MICROS);
        }

        LoadResult result(double offered, long startNanos, boolean cut) {
            var counts = new java.util.TreeMap<String, Long>();
            statuses.forEach((k, v) -> counts.put(k, v.sum()));
            long n = completed.sum();
            double seconds = n == 0 ? 0 : (lastCompletion.get() - startNanos) / 1e9;
            return new LoadResult(offered, n, seconds, corrected.copy(), service.copy(), counts, cut);
        }
    }
}
