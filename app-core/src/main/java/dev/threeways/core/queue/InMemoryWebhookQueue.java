package dev.threeways.core.queue;

import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The embedded default and the test double: a bounded-by-size, unbounded-by-count FIFO in memory. */
public final class InMemoryWebhookQueue implements WebhookQueue {
    private final LinkedBlockingQueue<QueuedWebhook> messages = new LinkedBlockingQueue<>();
    private final int maxMessageBytes;

    public InMemoryWebhookQueue(int maxMessageBytes) {
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    public void send(QueuedWebhook message) {
        if (message.sqsSize() > maxMessageBytes) {
            throw new MessageTooLargeException(message.sqsSize(), maxMessageBytes);
        }
        messages.add(message);
    }

    @Override
    public void ping(Duration timeout) {
        // always reachable
    }

    /** Takes the next message, waiting up to {@code timeout}; null when none came. */
    public QueuedWebhook poll(Duration timeout) throws InterruptedException {
        return messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    public int size() {
        return messages.size();
    }
}
