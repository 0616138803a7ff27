package dev.threeways.core.testing;

import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.WebhookQueue;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** A queue whose ping takes {@code delay} (a dependency that hangs, or a slow one) and is counted; it sends nothing. */
public final class SlowQueue implements WebhookQueue {
    private final AtomicInteger pings = new AtomicInteger();
    private final Duration delay;

    public SlowQueue(Duration delay) {
        this.delay = delay;
    }

    public int pings() {
        return pings.get();
    }

    @Override
    public void send(QueuedWebhook message) {}

    @Override
    public void sendLater(QueuedWebhook message, Duration later) {}

    @Override
    public void ping(Duration timeout) {
        pings.incrementAndGet();
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
