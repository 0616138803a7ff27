package dev.threeways.core.ledger;

/** A payment moved or money was written: what listeners (a WebSocket push, a metric) are told. */
public record LedgerChange(String paymentIntentId, String eventId, String eventType) {}
