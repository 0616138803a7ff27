package dev.threeways.fargate;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.SqsWebhookQueue;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The worker's SQS side: long-poll receive, delete on success, visibility changes for the rest. It
 * owns its client: {@link #close} closes it.
 */
public final class SqsWebhookSource implements WebhookSource {
    /** How much longer than its wait a long poll may take before the worker gives up on it. */
    static final Duration LONG_POLL_MARGIN = Duration.ofSeconds(10);
    /** The SDK's default pool size: what the short calls (deletes, visibility changes) share. */
    private static final int SHORT_CALL_CONNECTIONS = 50;
    private static final int MAX_PER_CALL = 10;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsWebhookSource(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * The resident worker's source, with a client of its own. Not the sender's: that one gives up
     * after QUEUE_SEND_TIMEOUT_MS (5 s), which would cut every 20 s long poll short. Apache 5's
     * client keeps connections alive in a pool, with one per poller on top of the short calls' share so a
     * poller's long poll never waits for a connection. On the pollers' virtual threads its blocked
     * read is one the drain's interrupt ends: the JDK closes a virtual thread's socket on interrupt,
     * where a platform thread stays in the read until the long poll answers.
     */
    public static SqsWebhookSource forWorker(AppConfig config, String queueUrl, WorkerConfig worker,
                                             AwsCredentialsProvider credentials) {
        Duration callTimeout = worker.pollWait().plus(LONG_POLL_MARGIN);
        return new SqsWebhookSource(SqsWebhookQueue.client(config, credentials, callTimeout, Apache5HttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(callTimeout)
                .maxConnections(worker.pollers() + SHORT_CALL_CONNECTIONS)), queueUrl);
    }

    @Override
    public List<Delivery> receive(int max, Duration wait) {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl)
                .maxNumberOfMessages(max)
                .waitTimeSeconds((int) wait.toSeconds())
                .messageAttributeNames(QueuedWebhook.ATTR_EVENT_ID, QueuedWebhook.ATTR_EVENT_TYPE, QueuedWebhook.ATTR_RETRIES)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        return messages.stream().map(SqsWebhookSource::delivery).toList();
    }

    private static Delivery delivery(Message m) {
        var attributes = new HashMap<String, String>();
        m.messageAttributes().forEach((name, value) -> {
            if (value.stringValue() != null) {
                attributes.put(name, value.stringValue());
            }
        });
        QueuedWebhook message = QueuedWebhook.received(m.messageId(), m.body().getBytes(StandardCharsets.UTF_8), attributes);
        String count = m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        return new Delivery(m.messageId(), m.receiptHandle(), message.eventId(), message.payload(),
                message.attempt(count == null ? 1 : Integer.parseInt(count)));
    }

    @Override
    public void ack(List<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        var entries = new ArrayList<DeleteMessageBatchRequestEntry>(deliveries.size());
        for (int i = 0; i < deliveries.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                    .receiptHandle(deliveries.get(i).handle()).build());
        }
        var failed = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed();
        if (!failed.isEmpty()) {
            // such a message comes back after its visibility timeout; applying it again is a no-op
            throw new IllegalStateException(failed.size() + " of " + deliveries.size() + " deletes failed: "
                    + failed.getFirst().message());
        }
    }

    @Override
    public void release(Delivery delivery, Duration delay) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(delivery.handle())
                    .visibilityTimeout(visibilitySeconds(delay)));
        } catch (SdkException e) {
            // the receipt may be stale (already redelivered or deleted); the queue's own timeout still holds
            throw new IllegalStateException("visibility change failed for " + delivery.messageId(), e);
        }
    }

    /** One ChangeMessageVisibilityBatch call per 10 messages, SQS's limit per call. */
    @Override
    public Map<Delivery, String> extend(List<Delivery> deliveries, Duration visibility) {
        var failed = new HashMap<Delivery, String>();
        for (int from = 0; from < deliveries.size(); from += MAX_PER_CALL) {
            List<Delivery> chunk = deliveries.subList(from, Math.min(from + MAX_PER_CALL, deliveries.size()));
            var entries = new ArrayList<ChangeMessageVisibilityBatchRequestEntry>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(String.valueOf(i))
                        .receiptHandle(chunk.get(i).handle()).visibilityTimeout(visibilitySeconds(visibility)).build());
            }
            sqs.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed()
                    .forEach(f -> failed.put(chunk.get(Integer.parseInt(f.id())), f.code() + ": " + f.message()));
        }
        return failed;
    }

    private static int visibilitySeconds(Duration visibility) {
        return (int) Math.min(43_200, visibility.toSeconds());
    }

    @Override
    public void close() {
        sqs.close();
    }
}
