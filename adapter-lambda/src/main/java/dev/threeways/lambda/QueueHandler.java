package dev.threeways.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.threeways.core.App;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.WebhookQueue;
import dev.threeways.core.webhook.Disposition;
import dev.threeways.core.webhook.StripeWebhooks;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The SQS event source's handler. It translates app-core's {@link Disposition} of each record:
 * <ul>
 *   <li>applied: nothing to report, the event source mapping deletes it;</li>
 *   <li>retry later (the store is down): a copy goes back on the queue, hidden for the delay and
 *       counting its retries, and the record is reported done. An event source mapping cannot hide a
 *       failed record without spending its receive count, so reporting it failed would move a valid
 *       payment to the DLQ after a few receives of an outage; a fresh copy never gets there. The rest
 *       of the batch follows it without touching the store again;</li>
 *   <li>poison: reported as a batch item failure ({@code ReportBatchItemFailures}), so SQS retries just
 *       that record and the redrive policy moves it to the DLQ after its receive count.</li>
 * </ul>
 * If the copy cannot be sent, the record is reported failed: the queue's own retry is the fallback.
 */
public final class QueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLog LOG = JsonLog.of(QueueHandler.class);

    private final StripeWebhooks webhooks;
    private final WebhookQueue queue;

    public QueueHandler() {
        this(LambdaApp.get().app());
    }

    QueueHandler(App app) {
        this.webhooks = app.webhooks();
        this.queue = app.queue();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        var failures = new ArrayList<SQSBatchResponse.BatchItemFailure>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        Disposition.RetryLater outage = null;
        for (SQSEvent.SQSMessage record : records) {
            QueuedWebhook message = QueuedWebhook.received(record.getMessageId(),
                    record.getBody() == null ? new byte[0] : record.getBody().getBytes(StandardCharsets.UTF_8),
                    attributes(record));
            Disposition disposition = outage != null ? outage
                    : webhooks.process(message.payload(), message.attempt(receiveCount(record)));
            boolean done = switch (disposition) {
                case Disposition.Applied applied -> true;
                case Disposition.RetryLater retry -> {
                    outage = retry;
                    yield sentBackLater(record.getMessageId(), message.retried(), retry.delay());
                }
                case Disposition.Poison poison -> {
                    LOG.warn("poison record", Map.of("messageId", record.getMessageId(), "reason", poison.reason()));
                    yield false;
                }
            };
            if (!done) {
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private boolean sentBackLater(String messageId, QueuedWebhook copy, Duration delay) {
        try {
            queue.sendLater(copy, delay);
            LOG.warn("store unavailable: event sent back for a later try", Map.of("messageId", messageId,
                    "eventId", copy.eventId(), "retries", copy.retries(), "delaySeconds", delay.toSeconds()));
            return true;
        } catch (RuntimeException e) {
            LOG.error("could not send the event back; leaving it to the redrive policy", e,
                    Map.of("messageId", messageId, "eventId", copy.eventId()));
            return false;
        }
    }

    private static Map<String, String> attributes(SQSEvent.SQSMessage record) {
        var out = new HashMap<String, String>();
        if (record.getMessageAttributes() != null) {
            record.getMessageAttributes().forEach((name, value) -> {
                if (value != null && value.getStringValue() != null) {
                    out.put(name, value.getStringValue());
                }
            });
        }
        return out;
    }

    private static int receiveCount(SQSEvent.SQSMessage record) {
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
