package dev.threeways.core.ledger;

import java.util.Optional;

/**
 * How far a payment has got, ranked. The ledger only ever moves a payment to a higher rank, so events
 * that arrive late or out of order cannot move it back, and every order of the same events ends in
 * the same state. A failed attempt ranks below the terminal stages because Stripe lets a payment
 * intent be retried after a failure.
 */
public enum PaymentStage {
    /** The payment is only known from a refund event so far. */
    UNKNOWN("unknown", 0, null),
    CREATED("created", 1, "payment_intent.created"),
    PROCESSING("processing", 2, "payment_intent.processing"),
    FAILED("payment_failed", 3, "payment_intent.payment_failed"),
    CANCELED("canceled", 4, "payment_intent.canceled"),
    SUCCEEDED("succeeded", 5, "payment_intent.succeeded");

    private final String status;
    private final int rank;
    private final String eventType;

    PaymentStage(String status, int rank, String eventType) {
        this.status = status;
        this.rank = rank;
        this.eventType = eventType;
    }

    public String status() {
        return status;
    }

    public int rank() {
        return rank;
    }

    public static Optional<PaymentStage> forEventType(String type) {
        for (PaymentStage s : values()) {
            if (type.equals(s.eventType)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    public static PaymentStage forStatus(String status) {
        for (PaymentStage s : values()) {
            if (s.status.equals(status)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown status " + status);
    }
}
