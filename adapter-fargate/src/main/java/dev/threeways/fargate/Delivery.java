package dev.threeways.fargate;

/**
 * One received message.
 *
 * @param handle       what acknowledges or releases this receipt (SQS's receipt handle)
 * @param attempt      how many tries its event has had, this one included: the queue's receive count plus
 *                     the retries of earlier messages that carried it ({@link dev.threeways.core.queue.QueuedWebhook#attempt})
 */
public record Delivery(String messageId, String handle, String eventId, byte[] payload, int attempt) {}
