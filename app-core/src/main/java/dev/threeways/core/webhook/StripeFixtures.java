package dev.threeways.core.webhook;

import dev.threeways.core.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Events as Stripe sends them, built from Stripe's published fixtures (see {@code stripe/SOURCE.md}
 * among the resources): every field of the fixture object is kept, and only the ones a scenario is
 * about are set. The tests build every event from here (their {@code StripeEvents} adds the signing),
 * and so does a start-up archive's training run ({@code PaymentLife}), so the archive holds the path
 * a real payload takes.
 */
public class StripeFixtures {
    /** The API version current events are rendered in. */
    public static final String API_VERSION = "2026-06-24.dahlia";
    /** An API version from before 2022-11-15, when a Charge still embedded its refunds. */
    public static final String LEGACY_API_VERSION = "2022-08-01";

    private static final JsonNode FIXTURES = load();

    public record Refund(String id, long amount, String status) {
        public Refund(String id, long amount) {
            this(id, amount, "succeeded");
        }
    }

    /** Static members only; the tests' StripeEvents extends it with their own. */
    protected StripeFixtures() {}

    private static JsonNode load() {
        try (InputStream in = StripeFixtures.class.getResourceAsStream("/stripe/fixtures3-excerpt.json")) {
            return Json.readBody(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode fixture(String name) {
        return (ObjectNode) FIXTURES.get(name).deepCopy();
    }

    /** A {@code payment_intent.*} event; the intent has Stripe's fixture fields and these values. */
    public static String paymentIntent(String eventId, String type, long created, String intentId, long amount,
                                       long amountReceived, String status) {
        ObjectNode pi = fixture("payment_intent");
        pi.put("id", intentId);
        pi.put("amount", amount);
        pi.put("amount_received", amountReceived);
        pi.put("amount_capturable", status.equals("requires_capture") ? amount : 0);
        pi.put("capture_method", "automatic_async");
        pi.put("client_secret", intentId + "_secret_fixture");
        pi.put("created", created);
        pi.put("currency", "usd");
        pi.put("status", status);
        pi.put("latest_charge", status.equals("succeeded") ? "ch_" + intentId : null);
        if (!status.equals("requires_action")) {
            pi.putNull("next_action");
        }
        if (!status.equals("canceled")) {
            pi.putNull("canceled_at");
        }
        if (!status.equals("processing")) {
            pi.putNull("processing");
        }
        if (!type.equals("payment_intent.payment_failed")) {
            pi.putNull("last_payment_error");
        } else {
            pi.putObject("last_payment_error").put("type", "card_error").put("code", "card_declined")
                    .put("decline_code", "insufficient_funds");
        }
        return event(eventId, type, created, pi, API_VERSION);
    }

    /** A {@code charge.refunded} event as today's API versions send it: the charge, without its refunds. */
    public static String chargeRefunded(String eventId, long created, String chargeId, String intentId, long amount,
                                        long amountRefunded) {
        ObjectNode charge = charge(chargeId, intentId, amount, amountRefunded);
        charge.remove("refunds");
        return event(eventId, "charge.refunded", created, charge, API_VERSION);
    }

    /** A {@code charge.refunded} event of an account on an API version before 2022-11-15: refunds embedded. */
    public static String chargeRefundedWithEmbeddedRefunds(String eventId, long created, String chargeId,
                                                           String intentId, long amount, long amountRefunded,
                                                           List<Refund> refunds) {
        ObjectNode charge = charge(chargeId, intentId, amount, amountRefunded);
        ObjectNode list = charge.putObject("refunds");
        list.put("object", "list");
        var data = list.putArray("data");
        for (Refund r : refunds) {
            data.add(refundObject(r.id(), chargeId, intentId, r.amount(), r.status(), created));
        }
        list.put("has_more", false);
        list.put("total_count", refunds.size());
        list.put("url", "/v1/charges/" + chargeId + "/refunds");
        return event(eventId, "charge.refunded", created, charge, LEGACY_API_VERSION);
    }

    private static ObjectNode charge(String chargeId, String intentId, long amount, long amountRefunded) {
        ObjectNode charge = fixture("charge");
        charge.put("id", chargeId);
        charge.put("amount", amount);
        charge.put("amount_captured", amount);
        charge.put("amount_refunded", amountRefunded);
        charge.put("captured", true);
        charge.put("currency", "usd");
        charge.put("payment_intent", intentId);
        charge.put("refunded", amountRefunded >= amount);
        charge.put("status", "succeeded");
        return charge;
    }

    /**
     * A refund event ({@code refund.created}, {@code refund.updated}, {@code refund.failed} or
     * {@code charge.refund.updated}) carrying the Refund object.
     */
    public static String refund(String eventId, String type, long created, String refundId, String chargeId,
                                String intentId, long amount, String status) {
        return event(eventId, type, created, refundObject(refundId, chargeId, intentId, amount, status, created),
                API_VERSION);
    }

    private static ObjectNode refundObject(String refundId, String chargeId, String intentId, long amount,
                                           String status, long created) {
        ObjectNode refund = fixture("refund");
        refund.put("id", refundId);
        refund.put("amount", amount);
        refund.put("charge", chargeId);
        refund.put("created", created);
        refund.put("currency", "usd");
        refund.put("payment_intent", intentId);
        refund.put("reason", "requested_by_customer");
        refund.put("status", status);
        if (status.equals("failed")) {
            refund.put("failure_reason", "expired_or_canceled_card");
        }
        return refund;
    }

    /** An event of a type the ledger does not act on. */
    public static String customerCreated(String eventId, long created) {
        return event(eventId, "customer.created", created, fixture("customer"), API_VERSION);
    }

    /** The same payment intent event for an intent created with {@code capture_method: manual}. */
    public static String withManualCapture(String event) {
        ObjectNode node = (ObjectNode) Json.readBody(utf8(event));
        ((ObjectNode) node.get("data").get("object")).put("capture_method", "manual");
        return Json.writeString(node);
    }

    /** The same event as if sent from live mode. */
    public static String inLiveMode(String event) {
        ObjectNode node = (ObjectNode) Json.readBody(utf8(event));
        node.put("livemode", true);
        ((ObjectNode) node.get("data").get("object")).put("livemode", true);
        return Json.writeString(node);
    }

    /** Stripe's fixture event around {@code object}, in test mode ({@link #inLiveMode} makes a live one). */
    private static String event(String eventId, String type, long created, ObjectNode object, String apiVersion) {
        ObjectNode event = fixture("event");
        event.put("id", eventId);
        event.put("type", type);
        event.put("created", created);
        event.put("api_version", apiVersion);
        event.put("livemode", false);
        event.put("pending_webhooks", 1);
        object.put("livemode", false);
        event.putObject("data").set("object", object);
        return Json.writeString(event);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
