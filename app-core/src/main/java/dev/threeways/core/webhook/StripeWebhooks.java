package dev.threeways.core.webhook;

import dev.threeways.core.config.AppConfig.WebhookMode;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.Json;
import dev.threeways.core.http.Problem;
import dev.threeways.core.http.ProblemException;
import dev.threeways.core.ledger.ApplyOutcome;
import dev.threeways.core.ledger.LedgerEvent;
import dev.threeways.core.ledger.PaymentLedger;
import dev.threeways.core.queue.MessageTooLargeException;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.WebhookQueue;

/**
 * The webhook flow every runtime shares: verify → (apply | enqueue) → answer. Consumers of the queue
 * (the Lambda SQS handler, the Fargate worker) call {@link #applyQueued} with what was enqueued.
 */
public final class StripeWebhooks {
    /** What the endpoint answers: that the event was received, and what became of it. */
    public record Receipt(boolean received, String id, String type, String outcome) {}

    private final StripeSignature signature;
    private final WebhookMode mode;
    private final PaymentLedger ledger;
    private final WebhookQueue queue;

    public StripeWebhooks(StripeSignature signature, WebhookMode mode, PaymentLedger ledger, WebhookQueue queue) {
        this.signature = signature;
        this.mode = mode;
        this.ledger = ledger;
        this.queue = queue;
    }

    public Receipt receive(HttpRequest request) {
        if (!request.mediaType().equals("application/json")) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "Webhooks must be sent as application/json."));
        }
        try {
            signature.verify(request.header(StripeSignature.HEADER).orElse(null), request.body());
        } catch (SignatureVerificationException e) {
            throw new ProblemException(Problem.badRequest("invalid-signature", "Invalid signature", e.getMessage()));
        }
        LedgerEvent event = StripeEventParser.parse(Json.readBody(request.body()));
        String outcome = switch (event) {
            case LedgerEvent.Ignored ignored -> ApplyOutcome.IGNORED.wireName();
            default -> mode == WebhookMode.APPLY ? ledger.apply(event).wireName() : enqueue(event, request.body());
        };
        return new Receipt(true, event.eventId(), event.type(), outcome);
    }

    private String enqueue(LedgerEvent event, byte[] raw) {
        String group = switch (event) {
            case LedgerEvent.PaymentIntentEvent e -> e.paymentIntentId();
            case LedgerEvent.ChargeRefunded e -> e.paymentIntentId();
            case LedgerEvent.Ignored e -> e.eventId();
        };
        try {
            queue.send(new QueuedWebhook(event.eventId(), event.type(), group, raw));
        } catch (MessageTooLargeException e) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Payload too large", e.getMessage()));
        }
        return "queued";
    }

    /**
     * Applies an event that was verified before it was queued. An event that cannot be parsed throws a
     * {@link ProblemException}; the consumer leaves such a message to the queue's redrive policy.
     */
    public ApplyOutcome applyQueued(byte[] payload) {
        return ledger.apply(StripeEventParser.parse(Json.readBody(payload)));
    }
}
