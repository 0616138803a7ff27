package dev.threeways.core.ledger;

import dev.threeways.core.log.JsonLog;
import java.util.Map;
import java.util.Optional;

/** Applies events to the store and says what happened, one log line per event. */
public final class PaymentLedger {
    private static final JsonLog LOG = JsonLog.of(PaymentLedger.class);

    private final PaymentStore store;

    public PaymentLedger(PaymentStore store) {
        this.store = store;
    }

    public ApplyOutcome apply(LedgerEvent event) {
        ApplyOutcome outcome = store.apply(event);
        LOG.info("event applied", Map.of("eventId", event.eventId(), "eventType", event.type(),
                "outcome", outcome.wireName()));
        return outcome;
    }

    public Optional<Payment> find(String paymentIntentId) {
        return store.find(paymentIntentId);
    }

    public PaymentStore store() {
        return store;
    }
}
