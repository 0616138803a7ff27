package dev.threeways.core.ledger;

import java.util.Locale;

/**
 * One movement of money. {@code key} is unique per kind (the payment intent id for a capture, the
 * refund id for a refund); the database enforces it, which is what makes a double charge impossible.
 * A refund entry carries the status of its newest snapshot (by {@link Precedence}); only
 * {@link Statuses#COUNTED_REFUND} refunds count toward what was refunded.
 *
 * @param eventId the event whose snapshot the entry holds
 */
public record LedgerEntry(Kind kind, String key, long amount, String currency, String status, String eventId) {
    public enum Kind {
        CAPTURE, REFUND;

        public String dbName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind fromDb(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** Whether this entry moves money: a capture always, a refund while it is pending or succeeded. */
    public boolean counts() {
        return kind == Kind.CAPTURE || Statuses.COUNTED_REFUND.contains(status);
    }

    LedgerEntry withoutAudit() {
        return kind == Kind.CAPTURE ? new LedgerEntry(kind, key, amount, currency, status, "") : this;
    }
}
