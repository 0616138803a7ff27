package dev.threeways.core.ledger;

import java.util.List;
import java.util.Optional;

/**
 * A verified webhook event, reduced to what the ledger needs. Every Stripe event carries a full
 * snapshot of one object as it was when the event was created; the ledger keeps, per object, the
 * snapshot that wins by {@link Precedence}. Amounts are in the currency's minor unit.
 */
public sealed interface LedgerEvent {
    Envelope envelope();

    default String eventId() {
        return envelope().eventId();
    }

    default String type() {
        return envelope().type();
    }

    /** Stripe's {@code created}, seconds since the epoch. */
    default long created() {
        return envelope().created();
    }

    /** The payment intent this event belongs to; empty for an event the ledger does not act on. */
    Optional<String> paymentIntentId();

    /**
     * What every Stripe event says about itself.
     *
     * @param livemode   whether the event comes from live mode (real money) or a sandbox / test mode
     * @param apiVersion the API version its object is rendered in; empty when Stripe sends {@code null}
     */
    record Envelope(String eventId, String type, long created, boolean livemode, Optional<String> apiVersion) {}

    /** Any {@code payment_intent.*} event: the intent as it was, with its own {@code status}. */
    record PaymentIntentSnapshot(Envelope envelope, String intentId, String status, long amount, long amountReceived,
                                 String currency) implements LedgerEvent {
        @Override
        public Optional<String> paymentIntentId() {
            return Optional.of(intentId);
        }
    }

    /**
     * A {@code charge.*} event whose object is the charge: Stripe's own {@code amount_refunded}, and the
     * refunds it embeds when the account's API version is older than 2022-11-15 (empty since).
     */
    record ChargeSnapshot(Envelope envelope, String intentId, String chargeId, long amount, long amountRefunded,
                          String currency, List<Refund> embeddedRefunds) implements LedgerEvent {
        public ChargeSnapshot {
            embeddedRefunds = List.copyOf(embeddedRefunds);
        }

        @Override
        public Optional<String> paymentIntentId() {
            return Optional.of(intentId);
        }
    }

    /** {@code refund.created}, {@code refund.updated}, {@code refund.failed}, {@code charge.refund.updated}. */
    record RefundSnapshot(Envelope envelope, String intentId, Refund refund) implements LedgerEvent {
        @Override
        public Optional<String> paymentIntentId() {
            return Optional.of(intentId);
        }
    }

    /** A Refund object as Stripe renders it; {@code chargeId} is empty for refunds not made on a charge. */
    record Refund(String refundId, Optional<String> chargeId, long amount, String currency, String status) {}

    /** A type the ledger does not act on, or an object outside it (a charge without a payment intent). */
    record Ignored(Envelope envelope) implements LedgerEvent {
        @Override
        public Optional<String> paymentIntentId() {
            return Optional.empty();
        }
    }
}
