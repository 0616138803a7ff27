package dev.threeways.core.settle;

import dev.threeways.core.ledger.LedgerTotals;
import dev.threeways.core.ledger.StalledPayment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** What one reconcile run found. */
public record Settlement(Instant at, Duration stuckAfter, List<StalledPayment> stuck, LedgerTotals lastDay) {
    /** Exit code of the one-shot task: nonzero tells the scheduler (and an alarm on failed tasks) to look. */
    public static final int OK = 0;
    public static final int STUCK_PAYMENTS = 3;

    public Settlement {
        stuck = List.copyOf(stuck);
    }

    public int exitCode() {
        return stuck.isEmpty() ? OK : STUCK_PAYMENTS;
    }
}
