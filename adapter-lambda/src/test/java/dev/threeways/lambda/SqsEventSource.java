package dev.threeways.lambda;

import dev.threeways.core.http.Json;
import dev.threeways.lambdalocal.InvokeResult;
import dev.threeways.lambdalocal.LambdaLocal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import tools.jackson.databind.JsonNode;

/**
 * What Lambda's SQS event source mapping does, as far as a handler can tell: receive a batch, hand it
 * over as an SQS event, delete every record the handler did not report failed
 * ({@code ReportBatchItemFailures}); a failed record stays and comes back after its visibility timeout.
 */
public final class SqsEventSource {
    /** One record of an SQS event. */
    record SqsRecord(String messageId, String receiptHandle, String body, int receiveCount,
                     Map<String, String> stringAttributes) {}

    private final SqsClient sqs;
    private final String queueUrl;
    private final LambdaLocal function;

    public SqsEventSource(SqsClient sqs, String queueUrl, LambdaLocal function) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.function = function;
    }

    /**
     * The mapping running: polls until closed, on a daemon thread. A receive that fails (the queue server down) is
     * tried again a second later, as the mapping retries its receives.
     */
    public AutoCloseable running() {
        var running = new AtomicBoolean(true);
        Thread poller = Thread.ofPlatform().daemon(true).name("event-source-mapping").start(() -> {
            while (running.get()) {
                try {
                    pollOnce();
                } catch (RuntimeException queueDown) {
                    try {
                        Thread.sleep(1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        return () -> {
            running.set(false);
            poller.interrupt();
            poller.join(5000);
        };
    }

    /** One poll: receive up to 10, invoke, delete what succeeded; how many records were handed over. */
    public int pollOnce() {
        List<Message> messages = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10).waitTimeSeconds(1)
                .messageAttributeNames("All")
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
        if (messages.isEmpty()) {
            return 0;
        }
        var records = messages.stream().map(m -> new SqsRecord(m.messageId(), m.receiptHandle(), m.body(),
                Integer.parseInt(m.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)),
                stringAttributes(m))).toList();
        InvokeResult result = function.invoke(event(records));
        if (!result.isSuccess()) {
            return messages.size(); // a failed invocation deletes nothing: the whole batch returns
        }
        var failed = new HashSet<String>();
        for (JsonNode failure : Json.MAPPER.readTree(result.payload()).get("batchItemFailures")) {
            failed.add(failure.get("itemIdentifier").stringValue());
        }
        var done = messages.stream().filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        if (!done.isEmpty()) {
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(done));
        }
        return messages.size();
    }

    private static Map<String, String> stringAttributes(Message m) {
        var out = new LinkedHashMap<String, String>();
        m.messageAttributes().forEach((name, value) -> out.put(name, value.stringValue()));
        return out;
    }

    /** An SQS event as Lambda's event source mapping delivers it. */
    static String event(List<SqsRecord> records) {
        var out = new ArrayList<Map<String, Object>>();
        for (SqsRecord r : records) {
            var attributes = new LinkedHashMap<String, Object>();
            r.stringAttributes().forEach((name, value) -> attributes.put(name, Map.of("stringValue", value,
                    "stringListValues", List.of(), "binaryListValues", List.of(),
                    "dataType", name.equals("retries") ? "Number" : "String")));
            var record = new LinkedHashMap<String, Object>();
            record.put("messageId", r.messageId());
            record.put("receiptHandle", r.receiptHandle());
            record.put("body", r.body());
            record.put("attributes", Map.of("ApproximateReceiveCount", String.valueOf(r.receiveCount()),
                    "SentTimestamp", "1795000000000"));
            record.put("messageAttributes", attributes);
            record.put("md5OfBody", "");
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", "arn:aws:sqs:eu-west-1:123456789012:three-ways-webhooks");
            record.put("awsRegion", "eu-west-1");
            out.add(record);
        }
        return new String(Json.write(Map.of("Records", out)), StandardCharsets.UTF_8);
    }
}
