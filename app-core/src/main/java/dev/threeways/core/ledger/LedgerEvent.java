package dev.threeways.core.ledger;

import java.util.List;

/** A verified webhook event, reduced to what the ledger needs. Amounts are in the currency's minor unit. */
public sealed interface LedgerEvent {
    String eventId();

    String type();

    /** Stripe's {@code created}, seconds since the epoch. */
    long created();

    /** A {@code payment_intent.*} event. */
    record PaymentIntentEvent(String eventId, String type, long created, String paymentIntentId,
                              PaymentStage stage, long amount, long amountReceived, String currency)
            implements LedgerEvent {}

    /** {@code charge.refunded}: the charge of a payment intent was refunded, in part or whole. */
    record ChargeRefunded(String eventId, long created, String paymentIntentId, String chargeId, long amount,
                          long amountRefunded, String currency, List<Refund> refunds) implements LedgerEvent {
        public ChargeRefunded {
            refunds = List.copyOf(refunds);
        }

        @Override
        public String type() {
            return "charge.refunded";
        }
    }

    record Refund(String refundId, long amount) {}

    /** An event type the ledger does not act on; it is acknowledged and recorded as seen. */
    record Ignored(String eventId, String type, long created) implements LedgerEvent {}
}
