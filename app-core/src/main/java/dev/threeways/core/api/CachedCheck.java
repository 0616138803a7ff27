package dev.threeways.core.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A check whose answer is reused for {@code ttl}, and which runs at most once at a time: callers that
 * arrive while it runs wait for that run instead of starting their own. A flood of readiness probes
 * then costs one database or queue round trip per period, not a pooled connection and two threads each.
 * A caller that must not wait (a server's I/O thread) takes {@link #answer()}: the last answer while it is
 * at most a period and one run's time past fresh (the next run started behind it), else a stage that
 * completes when the run does; the run itself is on a thread of its own.
 */
final class CachedCheck {
    private record Answer(String value, long atNanos) {}

    private final Supplier<String> check;
    private final long ttlNanos;
    private final long staleNanos;
    private volatile Answer last;
    private CompletableFuture<String> running;

    /** @param runsAtMost how long one run may take (the check's own timeout): a stale answer is served that much longer */
    CachedCheck(Supplier<String> check, Duration ttl, Duration runsAtMost) {
        this.check = check;
        this.ttlNanos = ttl.toNanos();
        this.staleNanos = 2 * ttlNanos + runsAtMost.toNanos();
    }

    /** The answer, waiting for a run when the last one is older than the period. */
    String get() {
        Answer cached = last;
        if (fresh(cached)) {
            return cached.value();
        }
        try {
            return run().join();
        } catch (CompletionException e) {
            throw new IllegalStateException("readiness check failed", e.getCause());
        }
    }

    /**
     * The answer now if the last is fresh; if it is stale by less than another period and one run's time, that
     * answer too, with a run started behind it (so a caller on a busy I/O thread rarely waits for one); else the
     * run under way (started here if none is).
     */
    CompletableFuture<String> answer() {
        Answer cached = last;
        if (fresh(cached)) {
            return CompletableFuture.completedFuture(cached.value());
        }
        if (cached != null && ttlNanos > 0 && System.nanoTime() - cached.atNanos() < staleNanos) {
            run();
            return CompletableFuture.completedFuture(cached.value());
        }
        return run();
    }

    /** The run under way, or a new one. */
    private CompletableFuture<String> run() {
        Answer cached;
        CompletableFuture<String> run;
        synchronized (this) {
            cached = last;
            if (fresh(cached)) {
                return CompletableFuture.completedFuture(cached.value());
            }
            if (running != null) {
                return running;
            }
            run = new CompletableFuture<>();
            running = run;
        }
        // a platform thread: on a virtual one the check would queue behind every other virtual thread of a busy
        // instance (a queue worker's) for the few carriers, and a probe would wait for its turn
        try {
            Thread.ofPlatform().daemon().name("readiness-check").start(() -> complete(run));
        } catch (RuntimeException | OutOfMemoryError e) {
            // no thread to run it on (an instance out of threads): this run fails, and the next caller starts another
            synchronized (this) {
                running = null;
            }
            run.completeExceptionally(e);
        }
        return run;
    }

    private void complete(CompletableFuture<String> run) {
        try {
            String value = check.get();
            synchronized (this) {
                last = new Answer(value, System.nanoTime());
                running = null;
            }
            run.complete(value);
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                running = null;
            }
            run.completeExceptionally(e);
        }
    }

    private boolean fresh(Answer answer) {
        return answer != null && ttlNanos > 0 && System.nanoTime() - answer.atNanos() < ttlNanos;
    }
}
