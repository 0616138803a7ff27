package dev.threeways.core.ledger;

import java.util.Locale;

/** What applying one event did. */
public enum ApplyOutcome {
    /** The event's snapshot replaced the one kept, or wrote a ledger entry. */
    APPLIED,
    /** The event id was seen before; nothing changed. */
    DUPLICATE,
    /** A new event whose snapshot lost to the one kept, e.g. a late {@code processing} after {@code succeeded}. */
    STALE,
    /** A type (or an object) the ledger does not act on: acknowledged, not stored. */
    IGNORED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
