package dev.threeways.core;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.ledger.Migrations;
import dev.threeways.core.ledger.SimpleDataSource;
import dev.threeways.core.webhook.StripeSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Runs the app in-process with the configuration from the environment (embedded H2 and an in-memory
 * queue when nothing is set): migrates the schema, then sends the requests a payment's life produces
 * — duplicated and out of order, as Stripe may deliver them — and prints each exchange.
 */
public final class LocalDemo {
    private LocalDemo() {}

    public static void main(String[] args) {
        AppConfig config = AppConfig.fromEnv();
        Migrations.migrate(new SimpleDataSource(config.databaseUrl(), config.databaseUser(), config.databasePassword()));
        App app = App.fromConfig(config);
        String secret = config.webhookSecrets().getFirst();
        String intent = "pi_demo_" + Long.toHexString(System.nanoTime());

        send(app, HttpRequest.get("/hello?name=three%20ways"));
        send(app, post("/echo", Headers.of("Content-Type", "application/json"), "{\"runtime\":\"local\"}"));
        String created = event("evt_" + intent + "_1", "payment_intent.created", intent, 2000, 0, "requires_payment_method");
        String succeeded = event("evt_" + intent + "_3", "payment_intent.succeeded", intent, 2000, 2000, "succeeded");
        String processing = event("evt_" + intent + "_2", "payment_intent.processing", intent, 2000, 0, "processing");
        // a partial refund as today's API versions send it: the Refund object, then the charge's own total
        String refund = object("evt_" + intent + "_4", "refund.created", """
                {"id":"re_%s","object":"refund","amount":500,"charge":"ch_%s","currency":"eur",
                 "payment_intent":"%s","status":"succeeded"}""".formatted(intent, intent, intent));
        String refunded = object("evt_" + intent + "_5", "charge.refunded", """
                {"id":"ch_%s","object":"charge","amount":2000,"amount_refunded":500,"currency":"eur",
                 "payment_intent":"%s","status":"succeeded"}""".formatted(intent, intent));
        // out of order and duplicated, as Stripe is allowed to deliver
        for (String body : List.of(created, succeeded, refunded, succeeded, processing, refund, created)) {
            send(app, post("/webhooks/stripe", Headers.of("Content-Type", "application/json",
                    StripeSignature.HEADER, StripeSignature.header(secret, Instant.now(), bytes(body))), body));
        }
        send(app, post("/webhooks/stripe", Headers.of("Content-Type", "application/json",
                StripeSignature.HEADER, StripeSignature.header("whsec_wrong", Instant.now(), bytes(created))), created));
        send(app, HttpRequest.get("/payments/" + intent));
        send(app, HttpRequest.get("/readyz"));
    }

    private static HttpRequest post(String path, Headers headers, String body) {
        return HttpRequest.of("POST", path, headers, bytes(body), "");
    }

    private static void send(App app, HttpRequest request) {
        HttpResponse response = app.handler().handle(request);
        System.out.println("> " + request.method() + " " + request.path()
                + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery()));
        System.out.println("< " + response.status() + " " + response.bodyAsString());
    }

    private static String event(String id, String type, String intent, long amount, long received, String status) {
        return object(id, type, """
                {"id":"%s","object":"payment_intent","amount":%d,"amount_received":%d,"currency":"eur","status":"%s"}"""
                .formatted(intent, amount, received, status));
    }

    private static String object(String id, String type, String object) {
        return """
                {"id":"%s","object":"event","api_version":"2026-06-24.dahlia","created":%d,"livemode":false,"type":"%s",
                 "data":{"object":%s}}""".formatted(id, Instant.now().getEpochSecond(), type, object);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
