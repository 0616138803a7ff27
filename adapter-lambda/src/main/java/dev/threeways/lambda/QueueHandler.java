package dev.threeways.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.threeways.core.http.ProblemException;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.webhook.StripeWebhooks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SQS event source's handler: applies each record idempotently and reports only the failed ones
 * ({@code ReportBatchItemFailures}), so SQS retries just those and a poison record reaches the DLQ
 * by its receive count without dragging the rest of its batch along.
 */
public final class QueueHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final JsonLog LOG = JsonLog.of(QueueHandler.class);

    private final StripeWebhooks webhooks;

    public QueueHandler() {
        this(LambdaApp.get().app().webhooks());
    }

    QueueHandler(StripeWebhooks webhooks) {
        this.webhooks = webhooks;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        var failures = new ArrayList<SQSBatchResponse.BatchItemFailure>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage record : records) {
            try {
                webhooks.applyQueued(record.getBody() == null ? new byte[0] : record.getBody().getBytes(StandardCharsets.UTF_8));
            } catch (ProblemException poison) {
                LOG.warn("poison record", Map.of("messageId", record.getMessageId(), "problem", poison.problem().detail()));
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            } catch (RuntimeException e) {
                LOG.error("record failed", e, Map.of("messageId", record.getMessageId()));
                failures.add(new SQSBatchResponse.BatchItemFailure(record.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
