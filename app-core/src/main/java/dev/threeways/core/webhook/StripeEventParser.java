package dev.threeways.core.webhook;

import dev.threeways.core.http.Problem;
import dev.threeways.core.http.ProblemException;
import dev.threeways.core.ledger.LedgerEvent;
import dev.threeways.core.ledger.LedgerEvent.Envelope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Stripe event ({@code id}, {@code object: "event"}, {@code type}, {@code created},
 * {@code livemode}, {@code api_version}, {@code data.object}) into a {@link LedgerEvent}. Fields the
 * ledger does not use are ignored, as Stripe adds fields without notice; a required field that is
 * missing or of the wrong type is a 422.
 *
 * <p>What is read from which event:
 * <ul>
 *   <li>{@code payment_intent.*}: the PaymentIntent, its own {@code status} kept as sent;</li>
 *   <li>{@code refund.created}, {@code refund.updated}, {@code refund.failed}, {@code charge.refund.updated}:
 *       the Refund (API versions since 2022-11-15 send refunds only this way);</li>
 *   <li>any other {@code charge.*} event whose object is a succeeded charge: its {@code amount_refunded}, and
 *       the refunds in {@code refunds.data} that API versions before 2022-11-15 embed;</li>
 *   <li>everything else, and objects without a payment intent: {@link LedgerEvent.Ignored}.</li>
 * </ul>
 */
public final class StripeEventParser {
    /** The longest id the ledger stores (its columns are VARCHAR(255)). */
    public static final int MAX_ID_LENGTH = 255;
    private static final int MAX_STATUS_LENGTH = 32;
    private static final int MAX_API_VERSION_LENGTH = 64;
    private static final int MAX_TYPE_LENGTH = 100;
    static final Set<String> REFUND_EVENTS = Set.of("refund.created", "refund.updated", "refund.failed",
            "charge.refund.updated");

    private StripeEventParser() {}

    public static LedgerEvent parse(JsonNode event) {
        if (!event.isObject()) {
            throw invalid("The event must be a JSON object.");
        }
        Optional<String> objectType = optionalString(event, "object");
        if (objectType.isPresent() && !objectType.get().equals("event")) {
            throw invalid("Field 'object' must be \"event\".");
        }
        var envelope = new Envelope(requiredId(event, "id"), type(event),
                requiredLong(event, "created"), requiredBoolean(event, "livemode"), apiVersion(event));
        JsonNode object = event.path("data").path("object");
        if (!object.isObject()) {
            throw invalid("Field 'data.object' is required and must be an object.");
        }
        String type = envelope.type();
        String objectKind = optionalString(object, "object").orElse("");
        if (type.startsWith("payment_intent.")) {
            expectObject(objectKind, "payment_intent");
            return new LedgerEvent.PaymentIntentSnapshot(envelope, requiredId(object, "id"), status(object),
                    requiredAmount(object, "amount"), optionalAmount(object, "amount_received"), currency(object));
        }
        if (REFUND_EVENTS.contains(type)) {
            expectObject(objectKind, "refund");
            Optional<String> intent = optionalId(object, "payment_intent");
            if (intent.isEmpty()) {
                // a refund of a charge made without a payment intent is outside this ledger
                return new LedgerEvent.Ignored(envelope);
            }
            return new LedgerEvent.RefundSnapshot(envelope, intent.get(), refund(object, currency(object)));
        }
        if (type.startsWith("charge.") && objectKind.equals("charge")) {
            Optional<String> intent = optionalId(object, "payment_intent");
            if (intent.isEmpty() || !"succeeded".equals(optionalString(object, "status").orElse(""))) {
                // only the charge that took the money carries the figure the ledger compares with
                return new LedgerEvent.Ignored(envelope);
            }
            String currency = currency(object);
            var embedded = new ArrayList<LedgerEvent.Refund>();
            for (JsonNode refund : object.path("refunds").path("data")) {
                embedded.add(refund(refund, currency));
            }
            return new LedgerEvent.ChargeSnapshot(envelope, intent.get(), requiredId(object, "id"),
                    requiredAmount(object, "amount"), requiredAmount(object, "amount_refunded"), currency,
                    List.copyOf(embedded));
        }
        return new LedgerEvent.Ignored(envelope);
    }

    private static LedgerEvent.Refund refund(JsonNode refund, String fallbackCurrency) {
        String currency = refund.hasNonNull("currency") ? currency(refund) : fallbackCurrency;
        return new LedgerEvent.Refund(requiredId(refund, "id"), optionalId(refund, "charge"),
                requiredAmount(refund, "amount"), currency, status(refund));
    }

    private static void expectObject(String actual, String expected) {
        if (!actual.isEmpty() && !actual.equals(expected)) {
            throw invalid("Field 'data.object.object' must be \"" + expected + "\" for this event type.");
        }
    }

    private static Optional<String> apiVersion(JsonNode event) {
        Optional<String> version = optionalString(event, "api_version");
        if (version.isPresent() && version.get().length() > MAX_API_VERSION_LENGTH) {
            throw invalid("Field 'api_version' is longer than " + MAX_API_VERSION_LENGTH + " characters.");
        }
        return version;
    }

    private static String type(JsonNode event) {
        String type = requiredString(event, "type");
        if (type.length() > MAX_TYPE_LENGTH) {
            throw invalid("Field 'type' is longer than " + MAX_TYPE_LENGTH + " characters.");
        }
        return type;
    }

    private static String status(JsonNode object) {
        String status = requiredString(object, "status");
        if (status.length() > MAX_STATUS_LENGTH) {
            throw invalid("Field 'status' is longer than " + MAX_STATUS_LENGTH + " characters.");
        }
        return status;
    }

    private static String currency(JsonNode object) {
        String currency = requiredString(object, "currency").toLowerCase(Locale.ROOT);
        if (!currency.matches("[a-z]{3}")) {
            throw invalid("Field 'currency' must be a three-letter ISO code.");
        }
        return currency;
    }

    private static String requiredString(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isString() || v.stringValue().isBlank()) {
            throw invalid("Field '" + field + "' is required and must be a non-empty string.");
        }
        return v.stringValue();
    }

    private static Optional<String> optionalString(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isString()) {
            throw invalid("Field '" + field + "' must be a string.");
        }
        return Optional.of(v.stringValue());
    }

    /**
     * An id that may be absent. Stripe sends an unexpanded reference as its id; an expanded one (an
     * object with an {@code id}) is accepted too.
     */
    private static Optional<String> optionalId(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v != null && v.isObject()) {
            return Optional.of(requiredId(v, "id"));
        }
        return optionalString(node, field).filter(s -> !s.isBlank()).map(id -> checkId(field, id));
    }

    private static String requiredId(JsonNode node, String field) {
        return checkId(field, requiredString(node, field));
    }

    private static String checkId(String field, String id) {
        if (id.length() > MAX_ID_LENGTH) {
            throw invalid("Field '" + field + "' is longer than " + MAX_ID_LENGTH + " characters.");
        }
        return id;
    }

    private static boolean requiredBoolean(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw invalid("Field '" + field + "' is required and must be true or false.");
        }
        return v.booleanValue();
    }

    private static long requiredLong(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw invalid("Field '" + field + "' is required and must be an integer.");
        }
        return v.longValue();
    }

    private static long requiredAmount(JsonNode node, String field) {
        long amount = requiredLong(node, field);
        if (amount < 0) {
            throw invalid("Field '" + field + "' must not be negative.");
        }
        return amount;
    }

    private static long optionalAmount(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? 0 : requiredAmount(node, field);
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(Problem.of(422, "invalid-event", "Invalid event", detail));
    }
}
