package dev.threeways.fargate;

/**
 * One received message.
 *
 * @param handle       what acknowledges or releases this receipt (SQS's receipt handle)
 * @param receiveCount how often the queue has handed it out, this time included
 */
public record Delivery(String messageId, String handle, String eventId, byte[] payload, int receiveCount) {}
