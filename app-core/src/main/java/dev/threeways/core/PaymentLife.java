package dev.threeways.core;

import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.webhook.StripeFixtures;
import dev.threeways.core.webhook.StripeSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The requests one payment's life sends the app, in the order a client and Stripe might send them:
 * hello and echo, the payment's events as Stripe sends them ({@link StripeFixtures}: its published
 * fixtures, current API version) signed with the webhook secret — duplicated and out of order,
 * as Stripe may deliver them, a partial refund included —, one with a wrong signature, the payment
 * read back with a read token, and readiness. The local demo prints them; a start-up archive's
 * training run serves them, so the archive holds what a real request touches.
 */
public final class PaymentLife {
    /**
     * One request and the statuses it may be answered with: every request is answered 200 but the wrong
     * signature (400) and the read, which a way that applies webhooks from a queue may answer 404 until
     * its worker has caught up.
     */
    public record Exchange(HttpRequest request, Set<Integer> accepted) {}

    private PaymentLife() {}

    /**
     * The requests and what each may be answered.
     *
     * @param intent the payment intent's id: a new one each time gives a payment the ledger has not seen
     */
    public static List<Exchange> exchanges(String intent, String webhookSecret, String readToken, InstantSource clock) {
        Instant now = clock.instant();
        long at = now.getEpochSecond();
        String charge = "ch_" + intent;
        String created = StripeFixtures.paymentIntent("evt_" + intent + "_1", "payment_intent.created", at, intent, 2000, 0,
                "requires_payment_method");
        String succeeded = StripeFixtures.paymentIntent("evt_" + intent + "_3", "payment_intent.succeeded", at, intent, 2000,
                2000, "succeeded");
        String processing = StripeFixtures.paymentIntent("evt_" + intent + "_2", "payment_intent.processing", at, intent, 2000,
                0, "processing");
        // a partial refund as today's API versions send it: the Refund object, then the charge's own total
        String refund = StripeFixtures.refund("evt_" + intent + "_4", "refund.created", at, "re_" + intent, charge, intent,
                500, "succeeded");
        String refunded = StripeFixtures.chargeRefunded("evt_" + intent + "_5", at, charge, intent, 2000, 500);

        Set<Integer> ok = Set.of(200);
        var exchanges = new ArrayList<Exchange>();
        exchanges.add(new Exchange(HttpRequest.get("/hello?name=three%20ways"), ok));
        exchanges.add(new Exchange(post("/echo", Headers.of("Content-Type", "application/json"), "{\"runtime\":\"local\"}"), ok));
        for (String body : List.of(created, succeeded, refunded, succeeded, processing, refund, created)) {
            exchanges.add(new Exchange(webhook(body, StripeSignature.header(webhookSecret, now, bytes(body))), ok));
        }
        exchanges.add(new Exchange(webhook(created, StripeSignature.header("whsec_wrong", now, bytes(created))), Set.of(400)));
        exchanges.add(new Exchange(HttpRequest.of("GET", "/payments/" + intent,
                Headers.of("Authorization", "Bearer " + readToken), new byte[0], ""), Set.of(200, 404)));
        exchanges.add(new Exchange(HttpRequest.get("/readyz"), ok));
        return List.copyOf(exchanges);
    }

    /** The requests of {@link #exchanges}, alone. */
    public static List<HttpRequest> requests(String intent, String webhookSecret, String readToken, InstantSource clock) {
        return exchanges(intent, webhookSecret, readToken, clock).stream().map(Exchange::request).toList();
    }

    private static HttpRequest webhook(String body, String signature) {
        return post("/webhooks/stripe", Headers.of("Content-Type", "application/json", StripeSignature.HEADER, signature), body);
    }

    private static HttpRequest post(String path, Headers headers, String body) {
        return HttpRequest.of("POST", path, headers, bytes(body), "");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
