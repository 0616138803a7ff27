package dev.threeways.core.testing;

import dev.threeways.core.http.Headers;
import dev.threeways.core.webhook.StripeSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Events shaped like the ones Stripe sends (API version 2024-06-20), with the many fields the ledger
 * ignores, so that parsing is tested against the real shape and not a minimal one.
 */
public final class StripeEvents {
    public static final String SECRET = "whsec_test_secret_0123456789abcdef";

    public record Refund(String id, long amount) {}

    private StripeEvents() {}

    public static String paymentIntent(String eventId, String type, long created, String intentId, long amount,
                                       long amountReceived, String status) {
        String object = """
                {
                  "id": "%s",
                  "object": "payment_intent",
                  "amount": %d,
                  "amount_capturable": 0,
                  "amount_details": {"tip": {}},
                  "amount_received": %d,
                  "application": null,
                  "application_fee_amount": null,
                  "automatic_payment_methods": {"allow_redirects": "always", "enabled": true},
                  "canceled_at": null,
                  "cancellation_reason": null,
                  "capture_method": "automatic_async",
                  "client_secret": "%s_secret_abc",
                  "confirmation_method": "automatic",
                  "created": %d,
                  "currency": "usd",
                  "customer": "cus_Q1xyz",
                  "description": "Order #1234",
                  "invoice": null,
                  "last_payment_error": null,
                  "latest_charge": "ch_3Pabc",
                  "livemode": false,
                  "metadata": {"order_id": "1234"},
                  "next_action": null,
                  "on_behalf_of": null,
                  "payment_method": "pm_1Pabc",
                  "payment_method_options": {"card": {"request_three_d_secure": "automatic"}},
                  "payment_method_types": ["card"],
                  "processing": null,
                  "receipt_email": null,
                  "review": null,
                  "setup_future_usage": null,
                  "shipping": null,
                  "statement_descriptor": null,
                  "status": "%s",
                  "transfer_data": null,
                  "transfer_group": null
                }""".formatted(intentId, amount, amountReceived, intentId, created, status);
        return envelope(eventId, type, created, object, "", "{\"id\": \"req_abc123\", \"idempotency_key\": \"9f0c1d2e-idem\"}");
    }

    /** The event around a {@code data.object}, as Stripe wraps it. */
    private static String envelope(String eventId, String type, long created, String object,
                                   String previousAttributes, String request) {
        return """
                {
                  "id": "%s",
                  "object": "event",
                  "api_version": "2024-06-20",
                  "created": %d,
                  "data": {
                    "object": %s%s
                  },
                  "livemode": false,
                  "pending_webhooks": 1,
                  "request": %s,
                  "type": "%s"
                }
                """.formatted(eventId, created, object,
                previousAttributes.isEmpty() ? "" : ",\n    \"previous_attributes\": " + previousAttributes,
                request, type);
    }

    public static String chargeRefunded(String eventId, long created, String chargeId, String intentId, long amount,
                                        long amountRefunded, List<Refund> refunds) {
        String data = refunds.stream().map(r -> """
                {"id": "%s", "object": "refund", "amount": %d, "charge": "%s", "currency": "usd",
                 "payment_intent": "%s", "reason": "requested_by_customer", "status": "succeeded"}"""
                .formatted(r.id(), r.amount(), chargeId, intentId)).collect(Collectors.joining(","));
        String object = """
                {
                  "id": "%s",
                  "object": "charge",
                  "amount": %d,
                  "amount_captured": %d,
                  "amount_refunded": %d,
                  "balance_transaction": "txn_1Pabc",
                  "captured": true,
                  "currency": "usd",
                  "paid": true,
                  "payment_intent": "%s",
                  "refunded": %s,
                  "refunds": {"object": "list", "data": [%s], "has_more": false, "total_count": %d,
                              "url": "/v1/charges/%s/refunds"},
                  "status": "succeeded"
                }""".formatted(chargeId, amount, amount, amountRefunded, intentId, amountRefunded >= amount, data,
                refunds.size(), chargeId);
        return envelope(eventId, "charge.refunded", created, object, "{\"amount_refunded\": 0}",
                "{\"id\": null, \"idempotency_key\": null}");
    }

    public static String customerCreated(String eventId, long created) {
        return """
                {"id": "%s", "object": "event", "api_version": "2024-06-20", "created": %d,
                 "data": {"object": {"id": "cus_Q1xyz", "object": "customer", "email": "a@example.com"}},
                 "livemode": false, "pending_webhooks": 1, "request": {"id": null}, "type": "customer.created"}
                """.formatted(eventId, created);
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Headers Stripe would send with {@code body}, signed with {@link #SECRET} now. */
    public static Headers signed(String body) {
        return signed(SECRET, Instant.now(), body);
    }

    public static Headers signed(String secret, Instant at, String body) {
        return Headers.of("Content-Type", "application/json; charset=utf-8",
                StripeSignature.HEADER, StripeSignature.header(secret, at, bytes(body)));
    }
}
