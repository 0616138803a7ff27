package dev.threeways.core.queue;

import java.time.Duration;

/** Where verified webhooks wait for the ledger: SQS in AWS, memory when embedded. */
public interface WebhookQueue {
    /** Puts the message on the queue or throws; a message larger than the queue takes is a {@link MessageTooLargeException}. */
    void send(QueuedWebhook message);

    /** Throws if the queue cannot be reached within {@code timeout}. */
    void ping(Duration timeout);
}
