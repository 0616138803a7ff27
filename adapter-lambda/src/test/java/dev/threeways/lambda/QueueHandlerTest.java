package dev.threeways.lambda;

import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.queue.QueueException;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.WebhookQueue;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TestDatabase;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** How the queue handler translates each disposition into the event source mapping's terms. */
class QueueHandlerTest {
    private static final DataSource DOWN = TestDatabase.unreachable();

    private static QueueHandler handler(DataSource dataSource, WebhookQueue queue) {
        AppConfig config = AppConfig.fromEnv(Map.of("STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET,
                "WEBHOOK_MODE", "enqueue"));
        return new QueueHandler(new App(config, dataSource, queue, InstantSource.system()));
    }

    private static SQSEvent.SQSMessage record(String id, String body, int receiveCount, Integer retries) {
        var m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setAttributes(Map.of("ApproximateReceiveCount", String.valueOf(receiveCount)));
        var attributes = new HashMap<String, SQSEvent.MessageAttribute>();
        attributes.put(QueuedWebhook.ATTR_EVENT_ID, attribute("evt_" + id));
        attributes.put(QueuedWebhook.ATTR_EVENT_TYPE, attribute("payment_intent.succeeded"));
        if (retries != null) {
            attributes.put(QueuedWebhook.ATTR_RETRIES, attribute(String.valueOf(retries)));
        }
        m.setMessageAttributes(attributes);
        return m;
    }

    private static SQSEvent.MessageAttribute attribute(String value) {
        var a = new SQSEvent.MessageAttribute();
        a.setStringValue(value);
        a.setDataType("String");
        return a;
    }

    private static SQSEvent batch(SQSEvent.SQSMessage... records) {
        var event = new SQSEvent();
        event.setRecords(List.of(records));
        return event;
    }

    private static String good(String id) {
        return paymentIntent("evt_" + id, "payment_intent.succeeded", 1, "pi_" + id, 10, 10, "succeeded");
    }

    private static List<String> failed(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
    }

    @Test
    void appliedRecordsAreNotReportedAndPoisonIs() {
        var queue = new InMemoryWebhookQueue(262_144);
        SQSBatchResponse r = handler(H2Database.fresh(), queue).handleRequest(
                batch(record("a", good("a"), 1, null), record("p", "{\"no\":\"event\"}", 1, null)), null);
        assertEquals(List.of("p"), failed(r));
        assertEquals(0, queue.size(), "nothing sent back");
    }

    @Test
    void duringAnOutageEveryRecordGoesBackAsADelayedCopyAndNoneIsReportedFailed() throws InterruptedException {
        var queue = new InMemoryWebhookQueue(262_144);
        SQSBatchResponse r = handler(DOWN, queue).handleRequest(
                batch(record("a", good("a"), 1, null), record("b", good("b"), 3, 2)), null);
        assertEquals(List.of(), failed(r), "reported done: the copies carry them");
        assertEquals(2, queue.size());
        assertNull(queue.poll(Duration.ZERO), "hidden for the retry delay (5 s)");
        var copies = new ArrayList<QueuedWebhook>();
        for (int i = 0; i < 2; i++) {
            copies.add(queue.poll(Duration.ofSeconds(15)));
        }
        assertEquals(List.of("evt_a", "evt_b"), copies.stream().map(QueuedWebhook::eventId).toList());
        assertEquals(List.of(1, 3), copies.stream().map(QueuedWebhook::retries).toList());
        assertEquals(good("b"), copies.get(1).payloadAsString());
    }

    @Test
    void ifTheCopyCannotBeSentTheRecordIsReportedFailedForTheRedrivePolicy() {
        WebhookQueue refusing = new WebhookQueue() {
            @Override
            public void send(QueuedWebhook message) {
                throw new QueueException("refused", null);
            }

            @Override
            public void sendLater(QueuedWebhook message, Duration delay) {
                throw new QueueException("refused", null);
            }

            @Override
            public void ping(Duration timeout) {}
        };
        SQSBatchResponse r = handler(DOWN, refusing).handleRequest(
                batch(record("a", good("a"), 1, null), record("b", good("b"), 1, null)), null);
        assertEquals(List.of("a", "b"), failed(r));
    }
}
