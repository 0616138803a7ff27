package dev.threeways.core.ledger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The ledger's storage port. */
public interface PaymentStore {
    /**
     * Applies one event in one transaction: claim the event id; a duplicate changes nothing; each
     * snapshot replaces the kept one only if it wins by {@link Precedence}; ledger entries are unique
     * per payment intent (capture) and refund id. An {@link LedgerEvent.Ignored} event is not stored.
     *
     * @throws StoreException         the store did not answer or could not finish: try again later
     * @throws RejectedEventException the store refused the event's data: trying again cannot help
     */
    ApplyOutcome apply(LedgerEvent event);

    /** The payment and its entries as of one moment. */
    Optional<Payment> find(String paymentIntentId);

    /**
     * Payments whose kept intent snapshot has {@code status} and was created by Stripe before
     * {@code before}, oldest first. Stripe's time, not ours: a refund or charge event touching the payment
     * does not hide it, and a late delivery does not make it look fresh.
     */
    List<StalledPayment> stalled(String status, Instant before, int limit);

    /** What happened in [{@code from}, {@code to}): events received, money captured and refunded, payments by status. */
    LedgerTotals totals(Instant from, Instant to);

    /** Throws if the store cannot answer within {@code timeout}. */
    void ping(Duration timeout);
}
