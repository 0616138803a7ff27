package dev.threeways.fargate;

import dev.threeways.core.queue.QueuedWebhook;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** The worker's SQS side: long-poll receive, delete on success, visibility changes for the rest. */
public final class SqsWebhookSource implements WebhookSource {
    private final SqsClient sqs;
    private final String queueUrl;

    public SqsWebhookSource(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
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
        changeVisibility(delivery, delay);
    }

    @Override
    public void extend(Delivery delivery, Duration visibility) {
        changeVisibility(delivery, visibility);
    }

    private void changeVisibility(Delivery delivery, Duration visibility) {
        try {
            sqs.changeMessageVisibility(r -> r.queueUrl(queueUrl).receiptHandle(delivery.handle())
                    .visibilityTimeout((int) Math.min(43_200, visibility.toSeconds())));
        } catch (SdkException e) {
            // the receipt may be stale (already redelivered or deleted); the queue's own timeout still holds
            throw new IllegalStateException("visibility change failed for " + delivery.messageId(), e);
        }
    }
}
