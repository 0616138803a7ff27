package dev.threeways.core.testing;

import static dev.threeways.core.testing.StripeEvents.chargeRefunded;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;

import java.util.List;

/** The events of whole payment lifecycles, in the order Stripe creates them. */
public final class Lifecycles {
    private Lifecycles() {}

    /** created → processing → succeeded. */
    public static List<String> succeeded(String pi, long amount, long t0) {
        return List.of(
                paymentIntent("evt_" + pi + "_created", "payment_intent.created", t0, pi, amount, 0, "requires_payment_method"),
                paymentIntent("evt_" + pi + "_processing", "payment_intent.processing", t0 + 1, pi, amount, 0, "processing"),
                paymentIntent("evt_" + pi + "_succeeded", "payment_intent.succeeded", t0 + 2, pi, amount, amount, "succeeded"));
    }

    /** created → processing → failed → processing (retry) → succeeded. */
    public static List<String> failedThenSucceeded(String pi, long amount, long t0) {
        return List.of(
                paymentIntent("evt_" + pi + "_created", "payment_intent.created", t0, pi, amount, 0, "requires_payment_method"),
                paymentIntent("evt_" + pi + "_processing1", "payment_intent.processing", t0 + 1, pi, amount, 0, "processing"),
                paymentIntent("evt_" + pi + "_failed", "payment_intent.payment_failed", t0 + 2, pi, amount, 0, "requires_payment_method"),
                paymentIntent("evt_" + pi + "_processing2", "payment_intent.processing", t0 + 3, pi, amount, 0, "processing"),
                paymentIntent("evt_" + pi + "_succeeded", "payment_intent.succeeded", t0 + 4, pi, amount, amount, "succeeded"));
    }

    /** created → processing → failed. */
    public static List<String> failed(String pi, long amount, long t0) {
        return List.of(
                paymentIntent("evt_" + pi + "_created", "payment_intent.created", t0, pi, amount, 0, "requires_payment_method"),
                paymentIntent("evt_" + pi + "_processing", "payment_intent.processing", t0 + 1, pi, amount, 0, "processing"),
                paymentIntent("evt_" + pi + "_failed", "payment_intent.payment_failed", t0 + 2, pi, amount, 0, "requires_payment_method"));
    }

    /** created → canceled. */
    public static List<String> canceled(String pi, long amount, long t0) {
        return List.of(
                paymentIntent("evt_" + pi + "_created", "payment_intent.created", t0, pi, amount, 0, "requires_payment_method"),
                paymentIntent("evt_" + pi + "_canceled", "payment_intent.canceled", t0 + 1, pi, amount, 0, "canceled"));
    }

    /** created → processing → succeeded → refund of a third → refund of the rest (the second event lists both refunds). */
    public static List<String> refunded(String pi, long amount, long t0) {
        String ch = "ch_" + pi;
        long first = amount / 3;
        var r1 = new StripeEvents.Refund("re_" + pi + "_1", first);
        var r2 = new StripeEvents.Refund("re_" + pi + "_2", amount - first);
        return List.of(
                paymentIntent("evt_" + pi + "_created", "payment_intent.created", t0, pi, amount, 0, "requires_payment_method"),
                paymentIntent("evt_" + pi + "_processing", "payment_intent.processing", t0 + 1, pi, amount, 0, "processing"),
                paymentIntent("evt_" + pi + "_succeeded", "payment_intent.succeeded", t0 + 2, pi, amount, amount, "succeeded"),
                chargeRefunded("evt_" + pi + "_refund1", t0 + 3, ch, pi, amount, first, List.of(r1)),
                chargeRefunded("evt_" + pi + "_refund2", t0 + 4, ch, pi, amount, amount, List.of(r1, r2)));
    }
}
