package dev.threeways.bench;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bound on one run: a wall-clock deadline and a number of requests. Every loop of the harness
 * asks it before starting more work, so a run stops by itself however the parameters are set; what
 * was cut is reported, not hidden.
 */
public final class Budget {
    private final long deadlineNanos;
    private final long maxRequests;
    private final AtomicLong spentRequests = new AtomicLong();
    private volatile boolean cut;

    private Budget(Duration time, long maxRequests, long nowNanos) {
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("the time budget must be positive: " + time);
        }
        if (maxRequests <= 0) {
            throw new IllegalArgumentException("the request budget must be positive: " + maxRequests);
        }
        this.maxRequests = maxRequests;
        this.deadlineNanos = nowNanos + time.toNanos();
    }

    public static Budget of(Duration time, long maxRequests) {
        return new Budget(time, maxRequests, System.nanoTime());
    }

    /** Takes one request from the budget; false (and the run is marked cut) once time or requests are spent. */
    public boolean tryTake() {
        if (timeLeft().isZero()) {
            cut = true;
            return false;
        }
        if (spentRequests.incrementAndGet() > maxRequests) {
            spentRequests.decrementAndGet();
            cut = true;
            return false;
        }
        return true;
    }

    /** True while there is time left; does not spend requests (for phases that send none). */
    public boolean hasTime() {
        if (timeLeft().isZero()) {
            cut = true;
            return false;
        }
        return true;
    }

    public Duration timeLeft() {
        long left = deadlineNanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** {@code wanted}, or less if the deadline comes first. */
    public Duration cap(Duration wanted) {
        Duration left = timeLeft();
        return wanted.compareTo(left) <= 0 ? wanted : left;
    }

    public long spentRequests() {
        return spentRequests.get();
    }

    /** True while there is time and requests left: for a tool that sends many requests without asking each time. */
    public boolean hasRequests() {
        if (!hasTime() || spentRequests.get() >= maxRequests) {
            cut = true;
            return false;
        }
        return true;
    }

    /**
     * Records {@code requests} sent by a tool that cannot ask first (wrk runs for a set time): later work is
     * refused once the total passes the budget, as if each had been taken.
     */
    public void spend(long requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests spent cannot be negative: " + requests);
        }
        if (spentRequests.addAndGet(requests) > maxRequests) {
            cut = true;
        }
    }

    /** Whether some work was refused because the budget was spent. */
    public boolean wasCut() {
        return cut;
    }
}
