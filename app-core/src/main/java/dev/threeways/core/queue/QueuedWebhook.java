package dev.threeways.core.queue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A verified webhook on its way to the ledger: the raw event as received plus the ids a consumer
 * needs before parsing it.
 *
 * @param groupKey what orders related messages on a FIFO queue (the payment intent id), or the event id
 */
public record QueuedWebhook(String eventId, String eventType, String groupKey, byte[] payload) {
    public static final String ATTR_EVENT_ID = "event_id";
    public static final String ATTR_EVENT_TYPE = "event_type";

    public QueuedWebhook {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(eventType, "eventType");
        groupKey = groupKey == null ? eventId : groupKey;
        Objects.requireNonNull(payload, "payload");
    }

    public String payloadAsString() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** The size SQS counts against its message limit: the body plus each attribute's name, type and value. */
    public int sqsSize() {
        return payload.length
                + attributeSize(ATTR_EVENT_ID, eventId)
                + attributeSize(ATTR_EVENT_TYPE, eventType);
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
                && groupKey.equals(q.groupKey) && Arrays.equals(payload, q.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(eventId, eventType, groupKey, Arrays.hashCode(payload));
    }
}
