package dev.threeways.core.queue;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.config.ConfigException;
import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.Waits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/** The SQS sender against ElasticMQ, an SQS-compatible server, on loopback. */
class SqsWebhookQueueTest {
    private static final AwsCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x"));
    private static final ElasticMq elasticMq = ElasticMq.shared();
    private static final SqsClient sqs = elasticMq.client();

    private static String createQueue(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    private static List<Message> receive(String url) {
        return sqs.receiveMessage(ReceiveMessageRequest.builder().queueUrl(url).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All").messageSystemAttributeNames(
                        MessageSystemAttributeName.ALL).build()).messages();
    }

    /** A sender built the way the app builds it: from the environment, endpoint override included. */
    private static SqsWebhookQueue senderFromEnv(String url, int maxBytes) {
        AppConfig config = AppConfig.fromEnv(Map.of(
                "QUEUE_URL", url,
                "AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString(),
                "QUEUE_MAX_MESSAGE_BYTES", String.valueOf(maxBytes)));
        return new SqsWebhookQueue(SqsWebhookQueue.client(config,
                CREDENTIALS),
                url, config.queueMaxMessageBytes());
    }

    @Test
    void theAppsQueueBuildsItsClientOnFirstUseNotWhenCreated() {
        String url = createQueue("lazy", Map.of());
        try (SqsWebhookQueue queue = SqsWebhookQueue.create(AppConfig.fromEnv(Map.of("QUEUE_URL", url,
                "AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString(), "AWS_REGION", "us-east-1")))) {
            assertFalse(queue.clientBuilt(), "a request that sends nothing pays no SDK client");
            System.setProperty("aws.accessKeyId", "test");
            System.setProperty("aws.secretAccessKey", "test");
            queue.send(new QueuedWebhook("evt_lazy", "payment_intent.succeeded", "pi_lazy", bytes("{}")));
            assertTrue(queue.clientBuilt());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
        assertEquals(1, receive(url).size(), "the first send built the client and sent");
    }

    @Test
    void sendsTheRawEventWithItsIdAsAMessageAttribute() {
        String url = createQueue("webhooks", Map.of());
        String body = StripeEvents.paymentIntent("evt_sqs_1", "payment_intent.succeeded", 1, "pi_sqs", 10, 10, "succeeded");
        try (SqsWebhookQueue queue = senderFromEnv(url, 262_144)) {
            assertEquals(elasticMq.endpoint(), queue.endpoint().orElseThrow(), "AWS_ENDPOINT_URL_SQS is honoured");
            queue.send(new QueuedWebhook("evt_sqs_1", "payment_intent.succeeded", "pi_sqs", bytes(body)));
            assertDoesNotThrow(() -> queue.ping(Duration.ofSeconds(2)));
        }
        List<Message> messages = receive(url);
        assertEquals(1, messages.size());
        Message m = messages.getFirst();
        assertEquals(body, m.body());
        assertEquals("evt_sqs_1", m.messageAttributes().get(QueuedWebhook.ATTR_EVENT_ID).stringValue());
        assertEquals("String", m.messageAttributes().get(QueuedWebhook.ATTR_EVENT_ID).dataType());
        assertEquals("payment_intent.succeeded", m.messageAttributes().get(QueuedWebhook.ATTR_EVENT_TYPE).stringValue());
    }

    @Test
    void fifoQueuesGroupByPaymentIntentAndDeduplicateByEventId() {
        String url = createQueue("webhooks.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        try (SqsWebhookQueue queue = senderFromEnv(url, 262_144)) {
            var message = new QueuedWebhook("evt_fifo", "payment_intent.created", "pi_fifo", bytes("{\"id\":\"evt_fifo\"}"));
            queue.send(message);
            queue.send(message);
        }
        List<Message> messages = receive(url);
        assertEquals(1, messages.size(), "the second send is de-duplicated by event id");
        assertEquals("pi_fifo", messages.getFirst().attributes()
                .get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
    }

    @Test
    void aMessageAtTheLimitIsSentAndOneBytePastIsRefusedBeforeSending() {
        String url = createQueue("limits", Map.of());
        var probe = new QueuedWebhook("evt_l", "t", "g", new byte[0]);
        int limit = 2048;
        byte[] atLimit = "x".repeat(limit - probe.sqsSize()).getBytes();
        try (SqsWebhookQueue queue = senderFromEnv(url, limit)) {
            var exact = new QueuedWebhook("evt_l", "t", "g", atLimit);
            assertEquals(limit, exact.sqsSize());
            queue.send(exact);
            var over = new QueuedWebhook("evt_l", "t", "g", (new String(atLimit) + "x").getBytes());
            assertThrows(MessageTooLargeException.class, () -> queue.send(over));
        }
        assertEquals(1, receive(url).size());
    }

    @Test
    void unreachableQueueFailsPingAndSendWithAQueueException() {
        AppConfig config = AppConfig.fromEnv(Map.of("QUEUE_URL", "http://127.0.0.1:1/000/none",
                "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:1", "QUEUE_SEND_TIMEOUT_MS", "1000"));
        try (var queue = new SqsWebhookQueue(SqsWebhookQueue.client(config,
                CREDENTIALS),
                "http://127.0.0.1:1/000/none", 1024)) {
            assertThrows(QueueException.class, () -> queue.ping(Duration.ofSeconds(1)));
            assertThrows(QueueException.class, () -> queue.send(new QueuedWebhook("e", "t", "g", new byte[1])));
        }
    }

    @Test
    void theAppPicksSqsWhenQueueUrlIsSet() {
        String url = createQueue("picked", Map.of());
        AppConfig config = AppConfig.fromEnv(Map.of("QUEUE_URL", url,
                "AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString()));
        WebhookQueue picked = App.queueFor(config, false);
        assertEquals(SqsWebhookQueue.class, picked.getClass());
        ((SqsWebhookQueue) picked).close();
        assertEquals(InMemoryWebhookQueue.class, App.queueFor(AppConfig.embedded(), false).getClass());
    }

    @Test
    void enqueueModeWithoutAQueueUrlRefusesToStartUnlessThisProcessConsumes() {
        AppConfig enqueue = AppConfig.fromEnv(Map.of("WEBHOOK_MODE", "enqueue"));
        var refused = assertThrows(ConfigException.class, () -> App.queueFor(enqueue, false));
        assertTrue(refused.getMessage().contains("QUEUE_URL"), refused.getMessage());
        assertEquals(InMemoryWebhookQueue.class, App.queueFor(enqueue, true).getClass());
    }

    @Test
    void aRetryIsANewMessageHiddenForItsDelayAndCountingItsRetries() throws InterruptedException {
        String url = createQueue("retried", Map.of());
        String body = StripeEvents.paymentIntent("evt_retry", "payment_intent.succeeded", 1, "pi_retry", 10, 10, "succeeded");
        try (SqsWebhookQueue queue = senderFromEnv(url, 262_144)) {
            var first = new QueuedWebhook("evt_retry", "payment_intent.succeeded", "pi_retry", bytes(body));
            queue.sendLater(first.retried().retried(), Duration.ofSeconds(2));
            assertEquals(List.of(), receive(url), "hidden during its delay");
            Message m = Waits.forValue("the delayed message", Duration.ofSeconds(10), () -> receive(url).stream().findFirst());
            assertEquals("2", m.messageAttributes().get(QueuedWebhook.ATTR_RETRIES).stringValue());
            assertEquals(body, m.body());
        }
    }

    @Test
    void aFifoQueueRefusesADelayedRetry() {
        String url = createQueue("refused.fifo", Map.of(QueueAttributeName.FIFO_QUEUE, "true"));
        try (SqsWebhookQueue queue = senderFromEnv(url, 262_144)) {
            var m = new QueuedWebhook("evt_f", "payment_intent.succeeded", "pi_f", bytes("{}"));
            assertThrows(QueueException.class, () -> queue.sendLater(m.retried(), Duration.ofSeconds(5)));
            assertDoesNotThrow(() -> queue.send(m));
        }
    }
}
