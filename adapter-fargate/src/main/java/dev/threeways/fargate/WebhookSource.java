package dev.threeways.fargate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Where the worker takes verified webhooks from: SQS in AWS, memory when embedded. */
public interface WebhookSource extends AutoCloseable {
    /** Up to {@code max} messages, waiting up to {@code wait} for the first; they stay invisible to others until acked or released. */
    List<Delivery> receive(int max, Duration wait) throws InterruptedException;

    /** Done: the messages (at most 10, from one receive) are deleted, in one call where the queue allows it. */
    void ack(List<Delivery> deliveries);

    /** Not done: the message becomes visible again after {@code delay} (zero: at once). */
    void release(Delivery delivery, Duration delay);

    /**
     * Still working: keep the messages invisible for {@code visibility} from now, in calls of up to 10
     * where the queue allows it. Answers those it could not extend, with why.
     */
    Map<Delivery, String> extend(List<Delivery> deliveries, Duration visibility);

    /** Frees what the source holds (its client's connections); the worker calls it once drained. */
    @Override
    default void close() {}
}
