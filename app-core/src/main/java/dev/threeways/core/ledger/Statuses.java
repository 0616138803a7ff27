package dev.threeways.core.ledger;

import java.util.Set;

/** The statuses of Stripe's objects that the ledger's rules name; any other status is kept as sent. */
public final class Statuses {
    /** Stripe documents both as terminal: an intent in one of them never changes status again. */
    public static final Set<String> FINAL_INTENT = Set.of("succeeded", "canceled");
    /** The intent status that writes the capture entry. */
    public static final String SUCCEEDED = "succeeded";
    /** The intent status the reconcile job watches: bank debits can sit here for days. */
    public static final String PROCESSING = "processing";

    /** A refund in one of these is over and returned no money; a succeeded refund can still fail later. */
    public static final Set<String> FINAL_REFUND = Set.of("failed", "canceled");
    /** Refunds that count toward the refunded total: money sent back or on its way. */
    public static final Set<String> COUNTED_REFUND = Set.of("succeeded", "pending");

    /** A payment the ledger knows only from a refund or charge event so far. */
    public static final String UNKNOWN = "unknown";

    private Statuses() {}
}
