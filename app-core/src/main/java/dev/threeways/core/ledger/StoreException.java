package dev.threeways.core.ledger;

/** The store could not do what was asked (unreachable, timed out, constraint it did not expect). */
public final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
