package dev.threeways.core.ledger;

import java.time.Duration;
import java.util.Optional;

/** The ledger's storage port. */
public interface PaymentStore {
    /**
     * Applies one event in one transaction: claim the event id; a duplicate changes nothing; the
     * payment only moves forward; ledger entries are unique per payment intent / refund.
     */
    ApplyOutcome apply(LedgerEvent event);

    Optional<Payment> find(String paymentIntentId);

    /** Throws if the store cannot answer within {@code timeout}. */
    void ping(Duration timeout);
}
