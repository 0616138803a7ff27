package dev.threeways.core.webhook;

import java.time.Duration;

/** How long a queued webhook waits before its next try: doubling from {@code first}, capped at {@code max}. */
public record RetryBackoff(Duration first, Duration max) {
    public RetryBackoff {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0 || max.toDays() > 1) {
            throw new IllegalArgumentException("need 0 < first <= max <= 1 day, got " + first + " and " + max);
        }
    }

    /** The wait before try {@code attempt + 1}, after {@code attempt} tries (1 or more) failed. */
    public Duration after(int attempt) {
        int doublings = Math.clamp(attempt - 1L, 0, 30);
        return Duration.ofMillis(Math.min(max.toMillis(), first.toMillis() << doublings));
    }
}
