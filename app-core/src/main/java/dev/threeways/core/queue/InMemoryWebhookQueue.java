package dev.threeways.core.queue;

import java.time.Duration;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded default and the test double: bounded by message size, not by count; messages come out
 * in the order they became due (sent, or their delay ran out).
 */
public final class InMemoryWebhookQueue implements WebhookQueue {
    private final DelayQueue<Pending> messages = new DelayQueue<>();
    private final AtomicLong sequence = new AtomicLong();
    private final int maxMessageBytes;

    public InMemoryWebhookQueue(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void sendLater(QueuedWebhook message, Duration delay) {
        if (message.sqsSize() > maxMessageBytes) {
            throw new MessageTooLargeException(message.sqsSize(), maxMessageBytes);
        }
        messages.add(new Pending(message, System.nanoTime() + delay.toNanos(), sequence.getAndIncrement()));
    }

    @Override
    public void ping(Duration timeout) {
        // always reachable
    }

    /** Takes the next message that is due, waiting up to {@code timeout}; null when none came. */
    public QueuedWebhook poll(Duration timeout) throws InterruptedException {
        Pending next = messages.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        return next == null ? null : next.message();
    }

    /** Messages waiting, due or delayed. */
    public int size() {
        return messages.size();
    }

    private record Pending(QueuedWebhook message, long dueNanos, long sequence) implements Delayed {
        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Pending o = (Pending) other;
            int byDue = Long.compare(dueNanos, o.dueNanos);
            return byDue != 0 ? byDue : Long.compare(sequence, o.sequence);
        }
    }
}
