package dev.threeways.core.ledger;

import java.util.Locale;

/**
 * One movement of money. {@code key} is unique per kind (the payment intent id for a capture, the
 * refund id for a refund); the database enforces it, which is what makes a double charge impossible.
 */
public record LedgerEntry(Kind kind, String key, long amount, String currency, String eventId) {
    public enum Kind {
        CAPTURE, REFUND;

        public String dbName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromDb(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    LedgerEntry withoutAudit() {
        return new LedgerEntry(kind, key, amount, currency, "");
    }
}
