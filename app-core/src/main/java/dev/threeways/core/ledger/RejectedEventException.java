package dev.threeways.core.ledger;

/**
 * The database refused an event's data (SQLSTATE class 22, data exception, or 23, integrity
 * constraint): the event is wrong, not the store, so retrying it later cannot help.
 */
public final class RejectedEventException extends RuntimeException {
    public RejectedEventException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether {@code sqlState} names a fault of the data rather than of the database or the connection. */
    static boolean isDataFault(String sqlState) {
        return sqlState != null && (sqlState.startsWith("22") || sqlState.startsWith("23"));
    }
}
