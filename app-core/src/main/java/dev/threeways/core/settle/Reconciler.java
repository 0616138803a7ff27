package dev.threeways.core.settle;

import dev.threeways.core.ledger.PaymentStore;
import dev.threeways.core.ledger.Statuses;
import dev.threeways.core.log.JsonLog;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;

/**
 * The reconcile job both batch runtimes run (the Fargate one-shot task, the Lambda scheduled
 * handler): payments stuck in {@code processing} longer than a threshold — a webhook Stripe never
 * sent or we never received — and a summary of the last 24 hours. One JSON log line says it all.
 */
public final class Reconciler {
    private static final JsonLog LOG = JsonLog.of(Reconciler.class);
    static final int MAX_LISTED = 100;

    private final PaymentStore store;
    private final InstantSource clock;
    private final Duration stuckAfter;

    public Reconciler(PaymentStore store, InstantSource clock, Duration stuckAfter) {
        this.store = store;
        this.clock = clock;
        this.stuckAfter = stuckAfter;
    }

    public Settlement run() {
        Instant now = clock.instant();
        var settlement = new Settlement(now, stuckAfter,
                store.stalled(Statuses.PROCESSING, now.minus(stuckAfter), MAX_LISTED),
                store.totals(now.minus(Duration.ofDays(1)), now));
        var fields = new LinkedHashMap<String, Object>();
        fields.put("stuckAfterMinutes", stuckAfter.toMinutes());
        fields.put("stuck", settlement.stuck().stream().map(p -> p.id()).toList());
        fields.put("lastDay", settlement.lastDay());
        fields.put("exitCode", settlement.exitCode());
        if (settlement.stuck().isEmpty()) {
            LOG.info("reconciled", fields);
        } else {
            LOG.warn("reconciled: payments stuck in processing", fields);
        }
        return settlement;
    }
}
