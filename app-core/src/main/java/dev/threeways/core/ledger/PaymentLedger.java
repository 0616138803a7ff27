package dev.threeways.core.ledger;

import dev.threeways.core.log.JsonLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Applies events to the store and says what happened, one log line per event. */
public final class PaymentLedger {
    private static final JsonLog LOG = JsonLog.of(PaymentLedger.class);

    private final PaymentStore store;
    private final List<Consumer<LedgerChange>> listeners = new CopyOnWriteArrayList<>();

    public PaymentLedger(PaymentStore store) {
        this.store = store;
    }

    /** Tells {@code listener} of every change, after its transaction committed, on the applying thread. */
    public void onChange(Consumer<LedgerChange> listener) {
        listeners.add(listener);
    }

    public ApplyOutcome apply(LedgerEvent event) {
        ApplyOutcome outcome = store.apply(event);
        LOG.info("event applied", Map.of("eventId", event.eventId(), "eventType", event.type(),
                "outcome", outcome.wireName()));
        if (outcome == ApplyOutcome.APPLIED) {
            event.paymentIntentId().ifPresent(intent ->
                    notifyListeners(new LedgerChange(intent, event.eventId(), event.type())));
        }
        return outcome;
    }

    private void notifyListeners(LedgerChange change) {
        for (Consumer<LedgerChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                // a listener's failure must not turn a committed apply into an error
                LOG.error("ledger listener failed", e, Map.of("paymentIntentId", change.paymentIntentId()));
            }
        }
    }

    public Optional<Payment> find(String paymentIntentId) {
        return store.find(paymentIntentId);
    }

    public PaymentStore store() {
        return store;
    }
}
