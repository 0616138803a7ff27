package dev.threeways.core.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the ledger holds for one payment intent.
 *
 * @param status               the intent's own {@code status} from the snapshot that wins by {@link Precedence}
 *                             ({@code unknown} while the intent is known only from refund or charge events)
 * @param stripeAmountRefunded the charge's {@code amount_refunded} from the newest charge event: Stripe's own
 *                             figure, kept beside the ledger's so a disagreement shows; empty before any
 * @param livemode             whether the payment's events came from live mode
 */
public record Payment(String id, String status, long amount, long amountReceived, String currency, boolean livemode,
                      Optional<Long> stripeAmountRefunded, List<LedgerEntry> entries, Instant updatedAt) {
    public Payment {
        entries = List.copyOf(entries);
    }

    public long captured() {
        return sum(LedgerEntry.Kind.CAPTURE);
    }

    /** Refunds pending or succeeded; a refund that failed or was canceled gave nothing back. */
    public long refunded() {
        return sum(LedgerEntry.Kind.REFUND);
    }

    private long sum(LedgerEntry.Kind kind) {
        return entries.stream().filter(e -> e.kind() == kind && e.counts()).mapToLong(LedgerEntry::amount).sum();
    }

    /** Whether Stripe's figure agrees with the refund entries; empty while Stripe has not given one. */
    public Optional<Boolean> refundsAgree() {
        return stripeAmountRefunded.map(stripe -> stripe == refunded());
    }

    /** The state without audit fields (times, which delivery wrote a capture): equal for every delivery order. */
    public Payment withoutAudit() {
        return new Payment(id, status, amount, amountReceived, currency, livemode, stripeAmountRefunded,
                entries.stream().map(LedgerEntry::withoutAudit).toList(), Instant.EPOCH);
    }
}
