package dev.threeways.parity;

import static dev.threeways.parity.Scenario.Expect.json;
import static dev.threeways.parity.Scenario.Expect.problem;
import static dev.threeways.parity.Scenario.Step.send;

import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.webhook.StripeFixtures;
import dev.threeways.core.webhook.StripeSignature;
import dev.threeways.lambdalocal.HttpApiGateway;
import dev.threeways.parity.Scenario.Expect;
import dev.threeways.parity.Scenario.Step;
import dev.threeways.parity.Way.Kind;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The parity scenarios, written once: what a client of the service may send, and what every way must answer.
 * Where a way answers differently by design, the step says which way, what it answers instead and why; the
 * reasons are the ones the migration guides (docs/migration/) rely on.
 */
final class Scenarios {
    /** The app's body limit as shipped: HTTP_MAX_BODY_BYTES' default, the same on every way. */
    static final int APP_BODY_LIMIT = 65_536;
    static final String INTENT = "pi_parity";
    private static final long CREATED = Instant.now().getEpochSecond() - 60;

    private static final String WHY_QUEUED = "App Runner applies a webhook in the request (an instance gets no CPU "
            + "between requests, so no worker could drain a queue); Lambda and Fargate verify it, put it on SQS and "
            + "answer, and their consumer applies it";
    private static final String WHY_READINESS = "readiness checks what taking a webhook needs: the database where "
            + "webhooks are applied in the request, the queue where they are queued";
    private static final String WHY_LAMBDA_PAYLOAD = "Lambda takes at most 6 MB (6,291,456 bytes) as a synchronous "
            + "event: the Invoke API refuses a larger one, and API Gateway answers its own 413; the servers read up to "
            + "their limit and answer the app's problem";
    private static final String WHY_HTTP_API_QUOTA = "the HTTP API's payload quota is 10 MB; past it API Gateway "
            + "answers before any function runs";

    private static final String WHY_FRONT_URI = "not Lambda's difference but the local front's: lambda-local's HTTP "
            + "API front is the JDK's HTTP server, which refuses a request target that is not a URI before any function "
            + "runs (what API Gateway does with one is not documented); the invoke column shows the function's answer";

    private static final String WHY_PARSER = "the servers' HTTP parser (Undertow) refuses a request target that is not "
            + "valid percent-encoding (RFC 3986) with a bare 400 before the app sees it; behind API Gateway the app gets "
            + "the query as sent and answers its problem";

    private Scenarios() {}

    static Stream<Scenario> all() {
        return Stream.of(
                Scenario.of("hello without a name",
                        send(Request.get("/hello"), json(200, "/message", "hello, world"))),
                Scenario.of("hello, an odd name (quote, ampersand, semicolon, markup)",
                        send(Request.get("/hello?name=O%27Brien%20%26%20Sons%3B%20%3Cb%3E"),
                                json(200, "/message", "hello, O'Brien & Sons; <b>"))),
                Scenario.of("hello, a unicode name (precomposed, symbol, astral)",
                        send(Request.get("/hello?name=Zo%C3%AB%20%E2%9C%93%20%F0%9F%9A%80"),
                                json(200, "/message", "hello, Zoë ✓ 🚀"))),
                Scenario.of("hello, '+' in the query (a space, as in a form)",
                        send(Request.get("/hello?name=a+b"), json(200, "/message", "hello, a b"))),
                Scenario.of("hello, a repeated name: the first one counts",
                        send(Request.get("/hello?name=first&name=second"), json(200, "/message", "hello, first"))),
                Scenario.of("hello, an empty name",
                        send(Request.get("/hello?name="), json(200, "/message", "hello, world"))),
                Scenario.of("hello, a name at the 256-character limit and one past",
                        send(Request.get("/hello?name=" + "n".repeat(256)), json(200)),
                        send(Request.get("/hello?name=" + "n".repeat(257)), problem(400, "invalid-parameter"))),
                Scenario.of("hello, a query that is not percent-encoding",
                        send(Request.get("/hello?name=%zz"), problem(400, "malformed-query"))
                                .except(WHY_PARSER, Map.of(Kind.APP_RUNNER, bare400(), Kind.FARGATE, bare400()))
                                .except(WHY_FRONT_URI, Map.of(Kind.LAMBDA_HTTP_API, new Expect(400, "text/html", Map.of(),
                                        Map.of(), List.of())))),
                Scenario.of("X-Request-Id comes back as sent",
                        send(Request.get("/hello", "X-Request-Id", "parity-request-1"),
                                json(200).header("X-Request-Id", "parity-request-1"))),
                Scenario.of("header names in any case, a media type with parameters",
                        send(Request.of("POST", "/echo", utf8("{\"a\":1}"), "cOnTeNt-TyPe", "Application/JSON; Charset=UTF-8"),
                                json(200, "/message", "ok", "/input/a", "1"))),
                Scenario.of("echo, unicode JSON",
                        send(Request.json("POST", "/echo", "{\"zoë\":\"✓ 🚀\",\"n\":[1,2.5,null]}"),
                                json(200, "/input/zoë", "✓ 🚀", "/input/n/1", "2.5"))),
                Scenario.of("echo, not JSON",
                        send(Request.of("POST", "/echo", utf8("hi"), "Content-Type", "text/plain"),
                                problem(415, "unsupported-media-type"))),
                Scenario.of("echo, broken JSON",
                        send(Request.json("POST", "/echo", "{\"a\":"), problem(400, null))),
                Scenario.of("404, an unknown path",
                        send(Request.get("/nope"), problem(404, "not-found"))),
                Scenario.of("404, a unicode path",
                        send(Request.get("/caf%C3%A9"), problem(404, "not-found"))),
                Scenario.of("404, a percent sign in a path parameter",
                        send(Request.get("/payments/100%25", "Authorization", Reads.AUTHORIZATION),
                                problem(404, "payment-not-found"))),
                Scenario.of("405, a known path with another method",
                        send(Request.of("DELETE", "/hello", new byte[0]), problem(405, "method-not-allowed").alike("allow"))),
                Scenario.of("body at the app's limit (64 KiB) and one byte past",
                        send(Request.json("POST", "/echo", jsonOfSize(APP_BODY_LIMIT)), json(200, "/message", "ok")),
                        send(Request.json("POST", "/echo", jsonOfSize(APP_BODY_LIMIT + 1)), problem(413, "payload-too-large"))),
                Scenario.of("body past Lambda's 6 MB payload (7 MB)",
                        send(Request.json("POST", "/echo", jsonOfSize(7 * 1024 * 1024)), problem(413, "payload-too-large"))
                                .except(WHY_LAMBDA_PAYLOAD, Map.of(
                                        Kind.LAMBDA_INVOKE, json(413, "/message",
                                                "Request must be smaller than 6291456 bytes for the InvokeFunction operation"),
                                        Kind.LAMBDA_HTTP_API, json(413, "/message", "Request Entity Too Large")))),
                Scenario.of("body past the HTTP API's 10 MB quota (11 MB)",
                        send(Request.json("POST", "/echo", jsonOfSize(HttpApiGateway.MAX_BODY_BYTES + 1024 * 1024)),
                                problem(413, "payload-too-large"))
                                .except(WHY_LAMBDA_PAYLOAD, Map.of(
                                        Kind.LAMBDA_INVOKE, json(413, "/message",
                                                "Request must be smaller than 6291456 bytes for the InvokeFunction operation")))
                                .except(WHY_HTTP_API_QUOTA, Map.of(
                                        Kind.LAMBDA_HTTP_API, json(413, "/message", "Request Entity Too Large")))),
                Scenario.of("webhook, happy path (payment_intent.created)",
                        webhook(created(), "evt_parity_1", "payment_intent.created", "applied")),
                Scenario.of("webhook, the same event again (duplicate delivery)",
                        webhook(created(), "evt_parity_1", "payment_intent.created", "duplicate")),
                Scenario.of("webhooks out of order (succeeded before processing; the refund's charge before the refund)",
                        webhook(succeeded(), "evt_parity_3", "payment_intent.succeeded", "applied"),
                        webhook(processing(), "evt_parity_2", "payment_intent.processing", "stale"),
                        webhook(chargeRefunded(), "evt_parity_5", "charge.refunded", "applied"),
                        webhook(refund(), "evt_parity_4", "refund.created", "applied")),
                Scenario.of("webhook, a bad signature",
                        send(() -> signedWebhook(created(), "whsec_not_the_secret", Instant.now()),
                                problem(400, "invalid-signature"))),
                Scenario.of("webhook, a stale timestamp (outside the 300 s tolerance)",
                        send(() -> signedWebhook(created(), StripeEvents.SECRET, Instant.now().minus(Duration.ofSeconds(301))),
                                problem(400, "invalid-signature"))),
                Scenario.of("payment read back, without and with the read token",
                        send(Request.get("/payments/" + INTENT), problem(401, null)),
                        send(Request.get("/payments/" + INTENT, "Authorization", Reads.AUTHORIZATION),
                                json(200, "/id", INTENT, "/status", "succeeded", "/amount", "2000",
                                        "/amountReceived", "2000", "/refunded", "500", "/amountRefunded", "500",
                                        "/refundsAgree", "true")).eventually()),
                Scenario.of("liveness",
                        send(Request.get("/healthz"), json(200, "/status", "ok"))),
                Scenario.of("readiness",
                        send(Request.get("/readyz"), json(200, "/status", "ready", "/checks/queue", "up"))
                                .except(WHY_READINESS, Map.of(Kind.APP_RUNNER,
                                        json(200, "/status", "ready", "/checks/database", "up")))));
    }

    /** A 400 with no body: what a server's HTTP parser answers before any handler runs. */
    private static Expect bare400() {
        return new Expect(400, "", Map.of(), Map.of(), List.of());
    }

    /** A webhook signed now; the queueing ways answer "queued", App Runner what applying it did. */
    private static Step webhook(String body, String eventId, String type, String appliedOutcome) {
        return send(() -> signedWebhook(body, StripeEvents.SECRET, Instant.now()),
                json(200, "/received", "true", "/id", eventId, "/type", type, "/outcome", "queued"))
                .except(WHY_QUEUED, Map.of(Kind.APP_RUNNER,
                        json(200, "/received", "true", "/id", eventId, "/type", type, "/outcome", appliedOutcome)));
    }

    private static Request signedWebhook(String body, String secret, Instant at) {
        return Request.json("POST", "/webhooks/stripe", body,
                StripeSignature.HEADER, StripeSignature.header(secret, at, utf8(body)));
    }

    private static String created() {
        return StripeFixtures.paymentIntent("evt_parity_1", "payment_intent.created", CREATED, INTENT, 2000, 0,
                "requires_payment_method");
    }

    private static String processing() {
        return StripeFixtures.paymentIntent("evt_parity_2", "payment_intent.processing", CREATED + 1, INTENT, 2000, 0,
                "processing");
    }

    private static String succeeded() {
        return StripeFixtures.paymentIntent("evt_parity_3", "payment_intent.succeeded", CREATED + 2, INTENT, 2000, 2000,
                "succeeded");
    }

    private static String refund() {
        return StripeFixtures.refund("evt_parity_4", "refund.created", CREATED + 3, "re_parity", "ch_" + INTENT, INTENT,
                500, "succeeded");
    }

    private static String chargeRefunded() {
        return StripeFixtures.chargeRefunded("evt_parity_5", CREATED + 4, "ch_" + INTENT, INTENT, 2000, 500);
    }

    /** A JSON object of exactly {@code bytes} bytes. */
    static String jsonOfSize(int bytes) {
        String empty = "{\"pad\":\"\"}";
        return "{\"pad\":\"" + "x".repeat(bytes - empty.length()) + "\"}";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
