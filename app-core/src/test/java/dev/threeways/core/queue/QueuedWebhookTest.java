package dev.threeways.core.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a consumer reads back from a message, and how it counts tries. */
class QueuedWebhookTest {
    private static final byte[] BODY = {'{', '}'};

    @Test
    void aReceivedMessageIsReadFromTheAttributesTheSenderWrites() {
        var sent = new QueuedWebhook("evt_1", "refund.created", "pi_1", BODY).retried().retried();
        var received = QueuedWebhook.received("msg-1", BODY, Map.of(QueuedWebhook.ATTR_EVENT_ID, "evt_1",
                QueuedWebhook.ATTR_EVENT_TYPE, "refund.created", QueuedWebhook.ATTR_RETRIES, "2"));
        assertEquals("evt_1", received.eventId());
        assertEquals("refund.created", received.eventType());
        assertEquals(sent.retries(), received.retries());
        assertEquals(3, received.retried().retries());
    }

    @Test
    void attemptsCountEveryEarlierMessageOfTheEvent() {
        var first = QueuedWebhook.received("msg-1", BODY, Map.of());
        assertEquals("msg-1", first.eventId(), "without attributes the message id stands in");
        assertEquals(1, first.attempt(1));
        assertEquals(3, first.attempt(3));
        assertEquals(1, first.attempt(0), "a missing receive count is the first receive");
        var copy = QueuedWebhook.received("msg-2", BODY, Map.of(QueuedWebhook.ATTR_RETRIES, "4"));
        assertEquals(5, copy.attempt(1));
        assertEquals(1, QueuedWebhook.received("m", BODY, Map.of(QueuedWebhook.ATTR_RETRIES, "x")).attempt(1),
                "a garbled count is no retry");
    }
}
