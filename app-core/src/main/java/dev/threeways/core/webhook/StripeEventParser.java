package dev.threeways.core.webhook;

import dev.threeways.core.http.Problem;
import dev.threeways.core.http.ProblemException;
import dev.threeways.core.ledger.LedgerEvent;
import dev.threeways.core.ledger.PaymentStage;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads a Stripe event ({@code id}, {@code object: "event"}, {@code type}, {@code created},
 * {@code data.object}) into a {@link LedgerEvent}. Fields the ledger does not use are ignored, as
 * Stripe adds fields without notice; a required field that is missing or of the wrong type is a 422.
 */
public final class StripeEventParser {
    private static final int MAX_ID_LENGTH = 255;

    private StripeEventParser() {}

    public static LedgerEvent parse(JsonNode event) {
        if (!event.isObject()) {
            throw invalid("The event must be a JSON object.");
        }
        String id = requiredId(event, "id");
        String type = requiredString(event, "type");
        long created = requiredLong(event, "created");
        Optional<String> objectType = optionalString(event, "object");
        if (objectType.isPresent() && !objectType.get().equals("event")) {
            throw invalid("Field 'object' must be \"event\".");
        }
        JsonNode object = event.path("data").path("object");
        if (!object.isObject()) {
            throw invalid("Field 'data.object' is required and must be an object.");
        }
        Optional<PaymentStage> stage = PaymentStage.forEventType(type);
        if (stage.isPresent()) {
            return new LedgerEvent.PaymentIntentEvent(id, type, created, requiredId(object, "id"), stage.get(),
                    requiredAmount(object, "amount"), optionalAmount(object, "amount_received"),
                    currency(object));
        }
        if (type.equals("charge.refunded")) {
            Optional<String> intent = optionalString(object, "payment_intent");
            if (intent.isEmpty()) {
                // a charge without a payment intent is outside this ledger
                return new LedgerEvent.Ignored(id, type, created);
            }
            var refunds = new ArrayList<LedgerEvent.Refund>();
            for (JsonNode refund : object.path("refunds").path("data")) {
                refunds.add(new LedgerEvent.Refund(requiredId(refund, "id"), requiredAmount(refund, "amount")));
            }
            return new LedgerEvent.ChargeRefunded(id, created, checkId("data.object.payment_intent", intent.get()),
                    requiredId(object, "id"), requiredAmount(object, "amount"),
                    requiredAmount(object, "amount_refunded"), currency(object), refunds);
        }
        return new LedgerEvent.Ignored(id, type, created);
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

    private static String requiredId(JsonNode node, String field) {
        return checkId(field, requiredString(node, field));
    }

    private static String checkId(String field, String id) {
        if (id.length() > MAX_ID_LENGTH) {
            throw invalid("Field '" + field + "' is longer than " + MAX_ID_LENGTH + " characters.");
        }
        return id;
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
