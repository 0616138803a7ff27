package dev.threeways.core.testing;

import static dev.threeways.core.testing.StripeEvents.chargeRefunded;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static dev.threeways.core.testing.StripeEvents.refund;

import java.util.List;
import java.util.stream.Stream;

/**
 * The events of whole payment lifecycles as Stripe sends them with the current API version, in the
 * order Stripe creates them (one second apart), each with the status the object has at that event.
 */
public final class Lifecycles {
    private Lifecycles() {}

    private static String intent(String pi, String name, String type, long t, long amount, long received, String status) {
        return paymentIntent("evt_" + pi + "_" + name, type, t, pi, amount, received, status);
    }

    private static String created(String pi, long amount, long t) {
        return intent(pi, "created", "payment_intent.created", t, amount, 0, "requires_payment_method");
    }

    private static String processing(String pi, String attempt, long amount, long t) {
        return intent(pi, "processing" + attempt, "payment_intent.processing", t, amount, 0, "processing");
    }

    /** After a failed attempt Stripe puts the intent back to requires_payment_method, ready for a retry. */
    private static String failed(String pi, String attempt, long amount, long t) {
        return intent(pi, "failed" + attempt, "payment_intent.payment_failed", t, amount, 0, "requires_payment_method");
    }

    private static String succeeded(String pi, long amount, long received, long t) {
        return intent(pi, "succeeded", "payment_intent.succeeded", t, amount, received, "succeeded");
    }

    /** created → processing → succeeded. */
    public static List<String> succeeded(String pi, long amount, long t0) {
        return List.of(created(pi, amount, t0), processing(pi, "", amount, t0 + 1), succeeded(pi, amount, amount, t0 + 2));
    }

    /** created → processing → failed → processing (the retry) → succeeded. */
    public static List<String> failedThenSucceeded(String pi, long amount, long t0) {
        return List.of(created(pi, amount, t0), processing(pi, "1", amount, t0 + 1), failed(pi, "1", amount, t0 + 2),
                processing(pi, "2", amount, t0 + 3), succeeded(pi, amount, amount, t0 + 4));
    }

    /** created → processing → failed → processing (the retry) → failed again. */
    public static List<String> failedTwice(String pi, long amount, long t0) {
        return List.of(created(pi, amount, t0), processing(pi, "1", amount, t0 + 1), failed(pi, "1", amount, t0 + 2),
                processing(pi, "2", amount, t0 + 3), failed(pi, "2", amount, t0 + 4));
    }

    /** created → processing → failed → processing: a retried bank debit that sits in processing. */
    public static List<String> retryInProcessing(String pi, long amount, long t0) {
        return List.of(created(pi, amount, t0), processing(pi, "1", amount, t0 + 1), failed(pi, "1", amount, t0 + 2),
                processing(pi, "2", amount, t0 + 3));
    }

    /** created → processing → failed. */
    public static List<String> failed(String pi, long amount, long t0) {
        return List.of(created(pi, amount, t0), processing(pi, "", amount, t0 + 1), failed(pi, "", amount, t0 + 2));
    }

    /** created → requires_action (3-D Secure) → canceled. */
    public static List<String> canceled(String pi, long amount, long t0) {
        return List.of(created(pi, amount, t0),
                intent(pi, "action", "payment_intent.requires_action", t0 + 1, amount, 0, "requires_action"),
                intent(pi, "canceled", "payment_intent.canceled", t0 + 2, amount, 0, "canceled"));
    }

    /** Manual capture: created → authorized (requires_capture) → captured for less than authorized. */
    public static List<String> manualCapture(String pi, long amount, long captured, long t0) {
        return Stream.of(created(pi, amount, t0),
                intent(pi, "authorized", "payment_intent.amount_capturable_updated", t0 + 1, amount, 0, "requires_capture"),
                succeeded(pi, amount, captured, t0 + 2)).map(StripeEvents::withManualCapture).toList();
    }

    /**
     * Today's shape of a partial, then a full refund: each refund arrives as a {@code refund.created}
     * with the Refund object, each {@code charge.refunded} carries the charge without its refunds.
     */
    public static List<String> refunded(String pi, long amount, long t0) {
        String ch = "ch_" + pi;
        long first = amount / 3;
        return List.of(
                created(pi, amount, t0),
                succeeded(pi, amount, amount, t0 + 1),
                refund("evt_" + pi + "_re1", "refund.created", t0 + 2, "re_" + pi + "_1", ch, pi, first, "succeeded"),
                chargeRefunded("evt_" + pi + "_ch1", t0 + 3, ch, pi, amount, first),
                refund("evt_" + pi + "_re2", "refund.created", t0 + 4, "re_" + pi + "_2", ch, pi, amount - first, "succeeded"),
                chargeRefunded("evt_" + pi + "_ch2", t0 + 5, ch, pi, amount, amount));
    }

    /** A refund that is pending, counted, then fails: it stops counting; Stripe's last charge figure stays behind. */
    public static List<String> refundFails(String pi, long amount, long t0) {
        String ch = "ch_" + pi;
        String re = "re_" + pi + "_1";
        return List.of(
                succeeded(pi, amount, amount, t0),
                refund("evt_" + pi + "_re_created", "refund.created", t0 + 1, re, ch, pi, amount, "pending"),
                chargeRefunded("evt_" + pi + "_ch1", t0 + 2, ch, pi, amount, amount),
                refund("evt_" + pi + "_re_failed", "refund.failed", t0 + 3, re, ch, pi, amount, "failed"),
                refund("evt_" + pi + "_re_updated", "charge.refund.updated", t0 + 3, re, ch, pi, amount, "failed"));
    }
}
