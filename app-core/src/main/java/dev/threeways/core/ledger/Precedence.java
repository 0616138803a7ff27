package dev.threeways.core.ledger;

import java.util.Comparator;

/**
 * Which of two snapshots of the same object the ledger keeps, whatever order they arrive in: a
 * snapshot in a final status beats any other, then the newer event ({@code created}), then the
 * greater event id. It is a total order, so the kept snapshot is the maximum of those delivered and
 * every delivery order converges on it.
 *
 * <p>Only final statuses may beat newer events: Stripe moves an intent back from
 * {@code requires_payment_method} to {@code processing} when a failed payment is retried, and a refund
 * from {@code succeeded} to {@code failed}, so "forward" is not an order of statuses.
 */
public record Precedence(boolean terminal, long created, String eventId) implements Comparable<Precedence> {
    /** Where an object stands before any snapshot of it arrived (e.g. an intent known only from a refund). */
    public static final Precedence NONE = new Precedence(false, 0, "");

    private static final Comparator<Precedence> ORDER = Comparator.comparing(Precedence::terminal)
            .thenComparingLong(Precedence::created)
            .thenComparing(Precedence::eventId);

    public boolean beats(Precedence other) {
        return compareTo(other) > 0;
    }

    @Override
    public int compareTo(Precedence other) {
        return ORDER.compare(this, other);
    }
}
