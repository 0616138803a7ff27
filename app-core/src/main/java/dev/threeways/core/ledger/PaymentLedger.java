package dev.threeways.core.ledger;

import dev.threeways.core.log.JsonLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/** Applies events to the store and says what happened, one log line per event. */
public final class PaymentLedger {
    private static final JsonLog LOG = JsonLog.of(PaymentLedger.class);
    /** Changes that may wait for slow listeners; beyond it a change is dropped, so a flood cannot grow memory. */
    static final int LISTENER_BACKLOG = 1_000;

    private final PaymentStore store;
    private final List<Consumer<LedgerChange>> listeners = new CopyOnWriteArrayList<>();
    private final BlockingQueue<LedgerChange> pending;
    private final AtomicBoolean notifying = new AtomicBoolean();
    private final AtomicLong dropped = new AtomicLong();

    public PaymentLedger(PaymentStore store) {
        this(store, LISTENER_BACKLOG);
    }

    PaymentLedger(PaymentStore store, int listenerBacklog) {
        this.store = store;
        this.pending = new ArrayBlockingQueue<>(listenerBacklog);
    }

    /**
     * Tells {@code listener} of every change, after its transaction committed, in order, on a thread of
     * the ledger's own: a slow listener (a WebSocket push reads the payment again) delays the next
     * notifications, never an apply. With {@link #LISTENER_BACKLOG} changes waiting, later ones are
     * dropped and counted ({@link #droppedChanges}).
     */
    public void onChange(Consumer<LedgerChange> listener) {
        listeners.add(listener);
    }

    public ApplyOutcome apply(LedgerEvent event) {
        ApplyOutcome outcome = store.apply(event);
        LOG.info("event applied", Map.of("eventId", event.eventId(), "eventType", event.type(),
                "outcome", outcome.wireName()));
        if (outcome == ApplyOutcome.APPLIED) {
            event.paymentIntentId().ifPresent(intent ->
                    publish(new LedgerChange(intent, event.eventId(), event.type())));
        }
        return outcome;
    }

    private void publish(LedgerChange change) {
        if (listeners.isEmpty()) {
            return;
        }
        if (!pending.offer(change)) {
            long count = dropped.incrementAndGet();
            // at 1, 2, 4, 8... drops: a flood of changes must not become a flood of log lines
            if (Long.bitCount(count) == 1) {
                LOG.warn("ledger listeners behind: change dropped", Map.of("dropped", count,
                        "backlog", pending.size(), "paymentIntentId", change.paymentIntentId()));
            }
            return;
        }
        notifyInBackground();
    }

    /** Starts a notifying thread unless one runs; it ends once nothing waits. */
    private void notifyInBackground() {
        if (!pending.isEmpty() && notifying.compareAndSet(false, true)) {
            Thread.ofVirtual().name("ledger-listeners").start(this::notifyPending);
        }
    }

    private void notifyPending() {
        try {
            for (LedgerChange change; (change = pending.poll()) != null; ) {
                notifyListeners(change);
            }
        } finally {
            notifying.set(false);
        }
        // a change queued between the last poll and the reset found a thread running and started none
        notifyInBackground();
    }

    /** Changes no listener heard because too many were waiting. */
    public long droppedChanges() {
        return dropped.get();
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
