package dev.threeways.core.queue;

import java.time.Duration;

/** Where verified webhooks wait for the ledger: SQS in AWS, memory when embedded. */
public interface WebhookQueue {
    /** Puts the message on the queue or throws; a message larger than the queue takes is a {@link MessageTooLargeException}. */
    default void send(QueuedWebhook message) {
        sendLater(message, Duration.ZERO);
    }

    /**
     * Puts the message on the queue, visible to consumers only after {@code delay} (at most 900 s on
     * SQS): how a consumer retries an event later as a new message, without spending the receive count
     * that would send the original to the DLQ.
     */
    void sendLater(QueuedWebhook message, Duration delay);

    /** Throws if the queue cannot be reached within {@code timeout}. */
    void ping(Duration timeout);
}
