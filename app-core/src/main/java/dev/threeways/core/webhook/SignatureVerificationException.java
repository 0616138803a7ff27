package dev.threeways.core.webhook;

/** The Stripe-Signature header does not prove the payload came from the holder of a secret. */
public final class SignatureVerificationException extends Exception {
    public SignatureVerificationException(String reason) {
        super(reason, null, false, false);
    }
}
