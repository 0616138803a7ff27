package dev.threeways.core.api;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A check whose answer is reused for {@code ttl}, and which runs at most once at a time: callers that
 * arrive while it runs wait for that run instead of starting their own. A flood of readiness probes
 * then costs one database or queue round trip per period, not a pooled connection and two threads each.
 */
final class CachedCheck {
    private record Answer(String value, long atNanos) {}

    private final Supplier<String> check;
    private final long ttlNanos;
    private volatile Answer last;
    private FutureTask<String> running;

    CachedCheck(Supplier<String> check, Duration ttl) {
        this.check = check;
        this.ttlNanos = ttl.toNanos();
    }

    String get() {
        Answer cached = last;
        if (fresh(cached)) {
            return cached.value();
        }
        FutureTask<String> task;
        boolean mine = false;
        synchronized (this) {
            cached = last;
            if (fresh(cached)) {
                return cached.value();
            }
            if (running == null) {
                running = new FutureTask<>(check::get);
                mine = true;
            }
            task = running;
        }
        if (mine) {
            try {
                task.run();
            } finally {
                // only the caller that ran the check clears it: a waiter must not clear a newer run
                synchronized (this) {
                    if (task.state() == Future.State.SUCCESS) {
                        last = new Answer(task.resultNow(), System.nanoTime());
                    }
                    running = null;
                }
            }
        }
        try {
            return task.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("readiness check failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "down";
        }
    }

    private boolean fresh(Answer answer) {
        return answer != null && ttlNanos > 0 && System.nanoTime() - answer.atNanos() < ttlNanos;
    }
}
