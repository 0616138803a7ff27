package dev.threeways.core.ledger;

import java.time.Instant;

/** A payment that has stayed in one status since {@code since} (Stripe's time of that snapshot). */
public record StalledPayment(String id, String status, long amount, String currency, Instant since) {}
