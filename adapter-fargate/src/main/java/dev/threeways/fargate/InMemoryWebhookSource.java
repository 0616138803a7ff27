package dev.threeways.fargate;

import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.queue.QueuedWebhook;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The embedded default: the worker consumes the in-memory queue the HTTP side enqueues to. A released
 * message goes back on the queue after its delay; nothing survives the process, as nothing should
 * when running embedded.
 */
public final class InMemoryWebhookSource implements WebhookSource {
    private final InMemoryWebhookQueue queue;
    private final Map<String, QueuedWebhook> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Integer> receives = new ConcurrentHashMap<>();

    public InMemoryWebhookSource(InMemoryWebhookQueue queue) {
        this.queue = queue;
    }

    @Override
    public List<Delivery> receive(int max, Duration wait) throws InterruptedException {
        var out = new ArrayList<Delivery>();
        // wait for the first message only; take the rest of the batch from what is already there
        for (QueuedWebhook m = queue.poll(wait); m != null; m = out.size() < max ? queue.poll(Duration.ZERO) : null) {
            String handle = UUID.randomUUID().toString();
            inFlight.put(handle, m);
            int count = receives.merge(m.eventId(), 1, Integer::sum);
            out.add(new Delivery(handle, handle, m.eventId(), m.payload(), m.attempt(count)));
        }
        return out;
    }

    @Override
    public void ack(List<Delivery> deliveries) {
        for (Delivery d : deliveries) {
            inFlight.remove(d.handle());
            receives.remove(d.eventId());
        }
    }

    @Override
    public void release(Delivery delivery, Duration delay) {
        QueuedWebhook m = inFlight.remove(delivery.handle());
        if (m != null) {
            queue.sendLater(m, delay);
        }
    }

    @Override
    public Map<Delivery, String> extend(List<Delivery> deliveries, Duration visibility) {
        // in memory nothing becomes visible on its own
        return Map.of();
    }
}
