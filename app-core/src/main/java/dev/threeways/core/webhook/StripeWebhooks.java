package dev.threeways.core.webhook;

import dev.threeways.core.config.AppConfig.WebhookMode;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.Json;
import dev.threeways.core.http.Problem;
import dev.threeways.core.http.ProblemException;
import dev.threeways.core.ledger.ApplyOutcome;
import dev.threeways.core.ledger.LedgerEvent;
import dev.threeways.core.ledger.PaymentLedger;
import dev.threeways.core.ledger.RejectedEventException;
import dev.threeways.core.ledger.StoreException;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.queue.MessageTooLargeException;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.WebhookQueue;
import java.util.Map;

/**
 * The webhook flow every runtime shares: verify → (apply | enqueue) → answer. Consumers of the queue
 * (the Lambda SQS handler, the Fargate worker) hand what was enqueued to {@link #process} and
 * translate the {@link Disposition} it returns.
 */
public final class StripeWebhooks {
    private static final JsonLog LOG = JsonLog.of(StripeWebhooks.class);

    /** What the endpoint answers: that the event was received, and what became of it. */
    public record Receipt(boolean received, String id, String type, String outcome) {}

    private final StripeSignature signature;
    private final WebhookMode mode;
    private final boolean livemode;
    private final RetryBackoff backoff;
    private final PaymentLedger ledger;
    private final WebhookQueue queue;

    /**
     * @param livemode which of Stripe's modes this ledger takes: live (real money) or test / sandbox; an
     *                 event of the other mode is refused, so a test secret left in a rotation list cannot
     *                 write to a live ledger
     */
    public StripeWebhooks(StripeSignature signature, WebhookMode mode, boolean livemode, RetryBackoff backoff,
                          PaymentLedger ledger, WebhookQueue queue) {
        this.signature = signature;
        this.mode = mode;
        this.livemode = livemode;
        this.backoff = backoff;
        this.ledger = ledger;
        this.queue = queue;
    }

    /** What taking a webhook needs: the ledger's store (apply) or the queue (enqueue). */
    public WebhookMode mode() {
        return mode;
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
        LedgerEvent event = parse(request.body());
        String outcome = switch (event) {
            case LedgerEvent.Ignored ignored -> ApplyOutcome.IGNORED.wireName();
            default -> mode == WebhookMode.APPLY ? apply(event).wireName() : enqueue(event, request.body());
        };
        return new Receipt(true, event.eventId(), event.type(), outcome);
    }

    /** Applies {@code event}; data the store refuses is the sender's fault: a 422, nothing stored. */
    private ApplyOutcome apply(LedgerEvent event) {
        try {
            return ledger.apply(event);
        } catch (RejectedEventException e) {
            throw new ProblemException(Problem.of(422, "invalid-event", "Invalid event",
                    "The ledger cannot store event " + event.eventId() + ": a value is out of range or conflicts."));
        }
    }

    private LedgerEvent parse(byte[] body) {
        LedgerEvent event = StripeEventParser.parse(Json.readBody(body));
        if (event.envelope().livemode() != livemode) {
            throw new ProblemException(Problem.of(422, "wrong-mode", "Event of the other mode",
                    "This endpoint takes " + modeName(livemode) + " events (STRIPE_LIVEMODE=" + livemode
                            + "); event " + event.eventId() + " is a " + modeName(!livemode) + " event."));
        }
        return event;
    }

    private static String modeName(boolean live) {
        return live ? "live-mode" : "test-mode";
    }

    private String enqueue(LedgerEvent event, byte[] raw) {
        String group = event.paymentIntentId().orElse(event.eventId());
        try {
            queue.send(new QueuedWebhook(event.eventId(), event.type(), group, raw));
        } catch (MessageTooLargeException e) {
            throw new ProblemException(Problem.of(413, "payload-too-large", "Payload too large", e.getMessage()));
        }
        return "queued";
    }

    /**
     * Applies an event that was verified before it was queued and says what its consumer must do with
     * the message.
     *
     * @param attempt how many times this event has been tried, this one included (1 on first delivery)
     */
    public Disposition process(byte[] payload, int attempt) {
        try {
            return new Disposition.Applied(apply(parse(payload)));
        } catch (StoreException e) {
            var retry = new Disposition.RetryLater(backoff.after(attempt), "store unavailable: " + e.getMessage());
            LOG.warn("store unavailable: retry later", Map.of("attempt", attempt, "delaySeconds",
                    retry.delay().toSeconds(), "error", String.valueOf(e.getMessage())));
            return retry;
        } catch (ProblemException e) {
            return new Disposition.Poison(e.problem().title() + ": " + e.problem().detail());
        } catch (RuntimeException e) {
            LOG.error("unexpected failure applying a queued event", e, Map.of("attempt", attempt));
            return new Disposition.Poison("unexpected failure: " + e);
        }
    }
}
