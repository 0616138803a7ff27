package dev.threeways.core.ledger;

import java.util.Locale;

/** What applying one event did. */
public enum ApplyOutcome {
    /** The event moved the payment forward or wrote a ledger entry. */
    APPLIED,
    /** The event id was seen before; nothing changed. */
    DUPLICATE,
    /** A new event that changed nothing, e.g. a late {@code processing} after {@code succeeded}. */
    STALE,
    /** A type the ledger does not act on; recorded as seen. */
    IGNORED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
