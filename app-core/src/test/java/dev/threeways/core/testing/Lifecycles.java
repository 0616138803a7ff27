package dev.threeways.core.testing;

import static dev.threeways.core.testing.StripeEvents.chargeRefunded;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;

import java.util.List;

/** The events of whole payment lifecycles, in the order Stripe creates them. */
public final class Lifecycles {
    private Lifecycles() {}

    private static String createdEvent(String pi, long amount, long t) {
        return paymentIntent("evt_" + pi + "_created", "payment_intent.created", t, pi, amount, 0, "requires_payment_method");
    }

    private static String processingEvent(String pi, String suffix, long amount, long t) {
        return paymentIntent("evt_" + pi + "_processing" + suffix, "payment_intent.processing", t, pi, amount, 0, "processing");
    }

    private static String succeededEvent(String pi, long amount, long t) {
        return paymentIntent("evt_" + pi + "_succeeded", "payment_intent.succeeded", t, pi, amount, amount, "succeeded");
    }

    private static String failedEvent(String pi, long amount, long t) {
        return paymentIntent("evt_" + pi + "_failed", "payment_intent.payment_failed", t, pi, amount, 0,
                "requires_payment_method");
    }

    /** created → processing → succeeded. */
    public static List<String> succeeded(String pi, long amount, long t0) {
        return List.of(
                createdEvent(pi, amount, t0),
                processingEvent(pi, "", amount, t0 + 1),
                succeededEvent(pi, amount, t0 + 2));
    }

    /** created → processing → failed → processing (retry) → succeeded. */
    public static List<String> failedThenSucceeded(String pi, long amount, long t0) {
        return List.of(
                createdEvent(pi, amount, t0),
                processingEvent(pi, "1", amount, t0 + 1),
                failedEvent(pi, amount, t0 + 2),
                processingEvent(pi, "2", amount, t0 + 3),
                succeededEvent(pi, amount, t0 + 4));
    }

    /** created → processing → failed. */
    public static List<String> failed(String pi, long amount, long t0) {
        return List.of(
                createdEvent(pi, amount, t0),
                processingEvent(pi, "", amount, t0 + 1),
                failedEvent(pi, amount, t0 + 2));
    }

    /** created → canceled. */
    public static List<String> canceled(String pi, long amount, long t0) {
        return List.of(
                createdEvent(pi, amount, t0),
                paymentIntent("evt_" + pi + "_canceled", "payment_intent.canceled", t0 + 1, pi, amount, 0, "canceled"));
    }

    /** created → processing → succeeded → refund of a third → refund of the rest (the second event lists both refunds). */
    public static List<String> refunded(String pi, long amount, long t0) {
        String ch = "ch_" + pi;
        long first = amount / 3;
        var r1 = new StripeEvents.Refund("re_" + pi + "_1", first);
        var r2 = new StripeEvents.Refund("re_" + pi + "_2", amount - first);
        return List.of(
                createdEvent(pi, amount, t0),
                processingEvent(pi, "", amount, t0 + 1),
                succeededEvent(pi, amount, t0 + 2),
                chargeRefunded("evt_" + pi + "_refund1", t0 + 3, ch, pi, amount, first, List.of(r1)),
                chargeRefunded("evt_" + pi + "_refund2", t0 + 4, ch, pi, amount, amount, List.of(r1, r2)));
    }
}
