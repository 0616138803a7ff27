package dev.threeways.core.ledger;

import java.time.Instant;
import java.util.List;

/** What the ledger holds for one payment intent. */
public record Payment(String id, String status, long amount, long amountReceived, long amountRefunded,
                      String currency, List<LedgerEntry> entries, Instant updatedAt) {
    public Payment {
        entries = List.copyOf(entries);
    }

    public long captured() {
        return entries.stream().filter(e -> e.kind() == LedgerEntry.Kind.CAPTURE).mapToLong(LedgerEntry::amount).sum();
    }

    public long refunded() {
        return entries.stream().filter(e -> e.kind() == LedgerEntry.Kind.REFUND).mapToLong(LedgerEntry::amount).sum();
    }

    /** The state without audit fields (times, which delivery wrote an entry): equal for every delivery order. */
    public Payment withoutAudit() {
        return new Payment(id, status, amount, amountReceived, amountRefunded, currency,
                entries.stream().map(LedgerEntry::withoutAudit).toList(), Instant.EPOCH);
    }
}
