package dev.threeways.core.ledger;

import java.util.Map;

/**
 * The ledger over a time window.
 *
 * @param paymentsByStatus payments whose kept intent snapshot Stripe created in the window, by status
 * @param captured         sum of capture entries written in the window (minor units, all currencies together)
 * @param refunded         sum of refund entries written in the window
 */
public record LedgerTotals(long events, Map<String, Long> paymentsByStatus, long captured, long refunded) {
    public LedgerTotals {
        paymentsByStatus = Map.copyOf(paymentsByStatus);
    }
}
