package dev.threeways.core.queue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;

/**
 * A verified webhook on its way to the ledger: the raw event as received plus the ids a consumer
 * needs before parsing it.
 *
 * @param groupKey what orders related messages on a FIFO queue (the payment intent id), or the event id
 * @param retries  how many earlier messages carried this event and were retried later as a new message
 */
public record QueuedWebhook(String eventId, String eventType, String groupKey, byte[] payload, int retries) {
    public static final String ATTR_EVENT_ID = "event_id";
    public static final String ATTR_EVENT_TYPE = "event_type";
    public static final String ATTR_RETRIES = "retries";

    public QueuedWebhook {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        groupKey = groupKey == null ? eventId : groupKey;
        Objects.requireNonNull(payload, "payload");
        if (retries < 0) {
            throw new IllegalArgumentException("retries < 0");
        }
    }

    public QueuedWebhook(String eventId, String eventType, String groupKey, byte[] payload) {
        this(eventId, eventType, groupKey, payload, 0);
    }

    /**
     * A message as a consumer received it, read back from the attributes {@link SqsWebhookQueue} wrote;
     * without them (a message sent by hand) the message id stands for the event id.
     */
    public static QueuedWebhook received(String messageId, byte[] payload, Map<String, String> attributes) {
        String eventId = attributes.getOrDefault(ATTR_EVENT_ID, messageId);
        int retries;
        try {
            retries = Math.max(0, Integer.parseInt(attributes.getOrDefault(ATTR_RETRIES, "0")));
        } catch (NumberFormatException e) {
            retries = 0;
        }
        return new QueuedWebhook(eventId, attributes.getOrDefault(ATTR_EVENT_TYPE, ""), eventId, payload, retries);
    }

    /** How many tries the event has had, this one included, when the queue handed this message out {@code receiveCount} times. */
    public int attempt(int receiveCount) {
        return retries + Math.max(1, receiveCount);
    }

    /** The message that carries this event on its next try. */
    public QueuedWebhook retried() {
        return new QueuedWebhook(eventId, eventType, groupKey, payload, retries + 1);
    }

    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The size SQS counts against its message limit: the body plus each attribute's name, type and value. */
    public int sqsSize() {
        return payload.length
                + attributeSize(ATTR_EVENT_ID, eventId)
                + attributeSize(ATTR_EVENT_TYPE, eventType)
                + (retries == 0 ? 0 : utf8(ATTR_RETRIES) + utf8("Number") + utf8(String.valueOf(retries)));
    }

    private static int attributeSize(String name, String value) {
        return utf8(name) + utf8("String") + utf8(value);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QueuedWebhook q && eventId.equals(q.eventId) && eventType.equals(q.eventType)
                && groupKey.equals(q.groupKey) && Arrays.equals(payload, q.payload) && retries == q.retries;
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventType, groupKey, Arrays.hashCode(payload), retries);
    }
}
