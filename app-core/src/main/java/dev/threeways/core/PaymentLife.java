package dev.threeways.core;

import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.webhook.StripeSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests one payment's life sends the app, in the order a client and Stripe might send them:
 * hello and echo, the payment's events signed with the webhook secret — duplicated and out of order,
 * as Stripe may deliver them, a partial refund included —, one with a wrong signature, the payment
 * read back with a read token, and readiness. The local demo prints them; a start-up archive's
 * training run serves them, so the archive holds what a real request touches.
 */
public final class PaymentLife {
    /** The Stripe API version the events are shaped as. */
    public static final String API_VERSION = "2026-06-24.dahlia";

    private PaymentLife() {}

    /** @param intent the payment intent's id: a new one each time gives a payment the ledger has not seen */
    public static List<HttpRequest> requests(String intent, String webhookSecret, String readToken, InstantSource clock) {
        Instant now = clock.instant();
        String created = event(now, "evt_" + intent + "_1", "payment_intent.created", intent, 2000, 0, "requires_payment_method");
        String succeeded = event(now, "evt_" + intent + "_3", "payment_intent.succeeded", intent, 2000, 2000, "succeeded");
        String processing = event(now, "evt_" + intent + "_2", "payment_intent.processing", intent, 2000, 0, "processing");
        // a partial refund as today's API versions send it: the Refund object, then the charge's own total
        String refund = object(now, "evt_" + intent + "_4", "refund.created", """
                {"id":"re_%s","object":"refund","amount":500,"charge":"ch_%s","currency":"eur",
                 "payment_intent":"%s","status":"succeeded"}""".formatted(intent, intent, intent));
        String refunded = object(now, "evt_" + intent + "_5", "charge.refunded", """
                {"id":"ch_%s","object":"charge","amount":2000,"amount_refunded":500,"currency":"eur",
                 "payment_intent":"%s","status":"succeeded"}""".formatted(intent, intent));

        var requests = new ArrayList<HttpRequest>();
        requests.add(HttpRequest.get("/hello?name=three%20ways"));
        requests.add(post("/echo", Headers.of("Content-Type", "application/json"), "{\"runtime\":\"local\"}"));
        for (String body : List.of(created, succeeded, refunded, succeeded, processing, refund, created)) {
            requests.add(webhook(body, StripeSignature.header(webhookSecret, now, bytes(body))));
        }
        requests.add(webhook(created, StripeSignature.header("whsec_wrong", now, bytes(created))));
        requests.add(HttpRequest.of("GET", "/payments/" + intent, Headers.of("Authorization", "Bearer " + readToken),
                new byte[0], ""));
        requests.add(HttpRequest.get("/readyz"));
        return List.copyOf(requests);
    }

    private static HttpRequest webhook(String body, String signature) {
        return post("/webhooks/stripe", Headers.of("Content-Type", "application/json", StripeSignature.HEADER, signature), body);
    }

    private static HttpRequest post(String path, Headers headers, String body) {
        return HttpRequest.of("POST", path, headers, bytes(body), "");
    }

    private static String event(Instant now, String id, String type, String intent, long amount, long received, String status) {
        return object(now, id, type, """
                {"id":"%s","object":"payment_intent","amount":%d,"amount_received":%d,"currency":"eur","status":"%s"}"""
                .formatted(intent, amount, received, status));
    }

    private static String object(Instant now, String id, String type, String object) {
        return """
                {"id":"%s","object":"event","api_version":"%s","created":%d,"livemode":false,"type":"%s",
                 "data":{"object":%s}}""".formatted(id, API_VERSION, now.getEpochSecond(), type, object);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
