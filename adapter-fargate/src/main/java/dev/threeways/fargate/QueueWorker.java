package dev.threeways.fargate;

import dev.threeways.core.ledger.ApplyOutcome;
import dev.threeways.core.ledger.PaymentStore;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.webhook.Disposition;
import dev.threeways.core.webhook.StripeWebhooks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies queued webhooks: long-poll a batch, apply each message on its own virtual thread, delete
 * it on success. What becomes of a message that was not applied is app-core's {@link Disposition};
 * this class only translates it: a poison message is released at once so the queue's redrive policy
 * moves it to the DLQ after its receive count, without holding up the rest of its batch; while the
 * database is down the worker releases with the retry delay, stops receiving and backs off, so
 * messages are not burned through their receive count by an outage. Every half visibility timeout one
 * heartbeat extends every message still in flight, with batch calls (10 messages each), so a slow apply
 * is not delivered twice and the pollers never wait on it.
 */
public final class QueueWorker {
    private static final JsonLog LOG = JsonLog.of(QueueWorker.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

    private final WebhookSource source;
    private final StripeWebhooks webhooks;
    private final PaymentStore store;
    private final WorkerConfig config;
    private final ExecutorService appliers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("visibility-heartbeat").factory());
    private final List<Thread> pollers = new ArrayList<>();
    /** Pollers in a wait the drain cuts short. */
    private final Set<Thread> waiting = ConcurrentHashMap.newKeySet();
    private final Set<Delivery> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean receiving = new AtomicBoolean();
    private final AtomicBoolean databaseDown = new AtomicBoolean();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong released = new AtomicLong();

    public QueueWorker(WebhookSource source, StripeWebhooks webhooks, PaymentStore store, WorkerConfig config) {
        this.source = source;
        this.webhooks = webhooks;
        this.store = store;
        this.config = config;
    }

    public void start() {
        receiving.set(true);
        long halfVisibility = Math.max(1, config.visibility().toMillis() / 2);
        heartbeat.scheduleAtFixedRate(this::extendInFlight, halfVisibility, halfVisibility, TimeUnit.MILLISECONDS);
        for (int i = 0; i < config.pollers(); i++) {
            // virtual: the drain's interrupt then ends a long poll blocked in its socket read at once
            pollers.add(Thread.ofVirtual().name("queue-poller-" + i).start(this::poll));
        }
        LOG.info("worker started", Map.of("pollers", config.pollers(), "batchSize", config.batchSize(),
                "waitSeconds", config.pollWait().toSeconds(), "visibilitySeconds", config.visibility().toSeconds()));
    }

    private void poll() {
        Duration backoff = FIRST_BACKOFF;
        while (receiving.get()) {
            List<Delivery> batch;
            try {
                if (databaseDown.get()) {
                    if (!databaseAnswers()) {
                        LOG.warn("database down: not receiving", Map.of("retryInMs", backoff.toMillis()));
                        sleep(backoff);
                        backoff = min(backoff.multipliedBy(2), config.maxBackoff());
                        continue;
                    }
                    databaseDown.set(false);
                    backoff = FIRST_BACKOFF;
                    LOG.info("database back: receiving again", Map.of());
                }
                batch = cutShortByDrain(() -> source.receive(config.batchSize(), config.pollWait()));
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                if (!receiving.get()) {
                    break;
                }
                // expected while the queue is unreachable: one line per try, without a stack trace
                LOG.warn("receive failed", Map.of("error", String.valueOf(e), "retryInMs", backoff.toMillis()));
                try {
                    sleep(backoff);
                } catch (InterruptedException stop) {
                    break;
                }
                backoff = min(backoff.multipliedBy(2), config.maxBackoff());
                continue;
            }
            // a receive that answered ends any backoff a failed one started
            backoff = FIRST_BACKOFF;
            if (batch == null || !receiving.get()) {
                // received as the drain began: give them straight back
                if (batch != null) {
                    batch.forEach(d -> releaseQuietly(d, Duration.ZERO));
                }
                break;
            }
            try {
                applyBatch(batch);
            } catch (InterruptedException e) {
                break;
            }
        }
    }

    /**
     * Applies a batch and settles every message of it whatever happens: deletes what was applied (in
     * one call), and gives back at once what apply did not answer — it threw an Error, or a bug threw
     * past {@link StripeWebhooks#process} — so the redrive policy counts it toward the DLQ instead of
     * it staying invisible; then the batch leaves {@link #inFlight}, which the heartbeat extends.
     */
    private void applyBatch(List<Delivery> batch) throws InterruptedException {
        inFlight.addAll(batch);
        var done = new ArrayList<Delivery>(batch.size());
        var answered = new ArrayList<Delivery>(batch.size());
        try {
            List<Future<Boolean>> work = new ArrayList<>(batch.size());
            for (Delivery d : batch) {
                work.add(appliers.submit(() -> apply(d)));
            }
            for (int i = 0; i < batch.size(); i++) {
                Delivery d = batch.get(i);
                try {
                    if (work.get(i).get()) {
                        done.add(d);
                    }
                    answered.add(d);
                } catch (ExecutionException e) {
                    // no Disposition: a bug, or the JVM in trouble — unexpected, so with its trace
                    LOG.error("apply failed unexpectedly: message released for the redrive policy", e.getCause(),
                            Map.of("messageId", d.messageId(), "eventId", d.eventId(), "attempt", d.attempt()));
                }
            }
        } finally {
            // one delete call for the batch: a tenth of the requests SQS bills for
            ackQuietly(done);
            batch.stream().filter(d -> !answered.contains(d)).forEach(d -> releaseQuietly(d, Duration.ZERO));
            batch.forEach(inFlight::remove);
        }
    }

    /**
     * Runs a wait the drain cuts short (a long poll, a backoff): null, without waiting, once the drain
     * has begun. The interrupt that ends it is cleared after, so it cannot cut a batch's work short.
     */
    private <T> T cutShortByDrain(Wait<T> wait) throws InterruptedException {
        waiting.add(Thread.currentThread());
        try {
            return receiving.get() ? wait.get() : null;
        } finally {
            waiting.remove(Thread.currentThread());
            Thread.interrupted();
        }
    }

    private void sleep(Duration d) throws InterruptedException {
        cutShortByDrain(() -> {
            Thread.sleep(d);
            return null;
        });
    }

    private interface Wait<T> {
        T get() throws InterruptedException;
    }

    /**
     * Keeps every message in flight invisible while it is applied and until it is deleted. Runs on
     * its own thread: a slow or failing visibility call never holds up a poller.
     */
    private void extendInFlight() {
        List<Delivery> due = List.copyOf(inFlight);
        if (due.isEmpty()) {
            return;
        }
        try {
            Map<Delivery, String> failed = source.extend(due, config.visibility());
            // one deleted or released since the snapshot has no receipt to extend: that is no failure
            failed.keySet().retainAll(inFlight);
            if (!failed.isEmpty()) {
                LOG.warn("visibility extension failed", Map.of("count", failed.size(),
                        "messageIds", failed.keySet().stream().map(Delivery::messageId).toList(),
                        "error", failed.values().iterator().next()));
            }
        } catch (RuntimeException e) {
            // the next tick tries again; a throw would end the schedule
            LOG.warn("visibility extension failed", Map.of("count", due.size(), "error", String.valueOf(e.getMessage())));
        }
    }

    /**
     * Applies one message and translates app-core's {@link Disposition}: true when it may be deleted;
     * otherwise it is released — after the retry delay while the store is down (and the pollers stop
     * receiving, so waiting messages keep their receive count), at once when it is poison, so the
     * redrive policy counts it toward the DLQ.
     */
    private boolean apply(Delivery d) {
        return switch (webhooks.process(d.payload(), d.attempt())) {
            case Disposition.Applied a -> {
                (a.outcome() == ApplyOutcome.DUPLICATE ? duplicates : applied).incrementAndGet();
                yield true;
            }
            case Disposition.RetryLater retry -> {
                databaseDown.set(true);
                LOG.warn("store unavailable: message released for a later try", Map.of("messageId", d.messageId(),
                        "eventId", d.eventId(), "delaySeconds", retry.delay().toSeconds()));
                giveBack(d, retry.delay());
                yield false;
            }
            case Disposition.Poison poison -> {
                LOG.warn("poison message released for the redrive policy", Map.of("messageId", d.messageId(),
                        "eventId", d.eventId(), "attempt", d.attempt(), "reason", poison.reason()));
                giveBack(d, Duration.ZERO);
                yield false;
            }
        };
    }

    private boolean databaseAnswers() {
        try {
            store.ping(Duration.ofSeconds(2));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Drain step: no new receives. A long poll or a backoff in progress ends at once (what an abandoned
     * long poll took becomes visible again after its timeout); a batch being applied is finished.
     */
    public void stopReceiving() {
        receiving.set(false);
        waiting.forEach(Thread::interrupt);
    }

    /**
     * Drain step: waits for the messages being applied; those still unfinished at the deadline are
     * given back at once (visibility 0) so another task takes them without waiting for the timeout.
     * Then closes the source.
     */
    public boolean awaitInFlight(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!inFlight.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        boolean clean = inFlight.isEmpty();
        // before the give-back, or a last extension could hide a message given back
        heartbeat.shutdownNow();
        if (!clean) {
            LOG.warn("giving back unfinished messages", Map.of("count", inFlight.size()));
            inFlight.forEach(d -> releaseQuietly(d, Duration.ZERO));
        }
        for (Thread poller : pollers) {
            poller.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
        }
        appliers.shutdown();
        source.close();
        LOG.info("worker stopped", Map.of("applied", applied.get(), "duplicates", duplicates.get(),
                "released", released.get()));
        return clean;
    }

    public long applied() {
        return applied.get();
    }

    public boolean databaseDown() {
        return databaseDown.get();
    }

    /** Releases {@code d} out of the heartbeat's reach first, so it does not hide it again. */
    private void giveBack(Delivery d, Duration delay) {
        inFlight.remove(d);
        releaseQuietly(d, delay);
    }

    private void releaseQuietly(Delivery d, Duration delay) {
        released.incrementAndGet();
        try {
            source.release(d, delay);
        } catch (RuntimeException e) {
            LOG.warn("release failed; the visibility timeout will return it", Map.of("messageId", d.messageId(),
                    "error", String.valueOf(e.getMessage())));
        }
    }

    private void ackQuietly(List<Delivery> done) {
        try {
            source.ack(done);
        } catch (RuntimeException e) {
            LOG.warn("delete failed; the messages return after their visibility timeout and apply as duplicates",
                    Map.of("count", done.size(), "error", String.valueOf(e.getMessage())));
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
