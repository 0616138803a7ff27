package dev.threeways.core.api;

import static dev.threeways.core.testing.StripeEvents.SECRET;
import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.customerCreated;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.ApplyOutcome;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.webhook.Disposition;
import dev.threeways.core.webhook.StripeSignature;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** POST /webhooks/stripe through the app's handler, against PostgreSQL: good input lands, bad input is a 4xx and stores nothing. */
class WebhookEndpointTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final int BODY_LIMIT = 4096;
    private static TestDatabase db;
    private static App app;
    private static final List<Integer> STATUSES = new ArrayList<>();

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
        AppConfig config = AppConfig.fromEnv(Map.of(
                "STRIPE_WEBHOOK_SECRETS", SECRET,
                "HTTP_MAX_BODY_BYTES", String.valueOf(BODY_LIMIT)));
        app = new App(config, db.dataSource(), new InMemoryWebhookQueue(config.queueMaxMessageBytes()),
                InstantSource.fixed(NOW));
    }

    @AfterAll
    static void stop() {
        db.close();
        assertFalse(STATUSES.contains(500), "no request of this class was answered with 500: " + STATUSES);
    }

    @AfterEach
    void clean() throws Exception {
        try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
            st.execute("DELETE FROM ledger_entries");
            st.execute("DELETE FROM payments");
            st.execute("DELETE FROM webhook_events");
        }
    }

    private static HttpResponse post(Headers headers, byte[] body) {
        HttpResponse r = app.handler().handle(HttpRequest.of("POST", "/webhooks/stripe", headers, body, ""));
        synchronized (STATUSES) {
            STATUSES.add(r.status());
        }
        return r;
    }

    private static HttpResponse postSigned(String body) {
        return post(StripeEvents.signed(SECRET, NOW, body), bytes(body));
    }

    private static JsonNode json(HttpResponse r) {
        return Json.MAPPER.readTree(r.body());
    }

    private static void assertProblem(HttpResponse r, int status, String type) {
        assertEquals(status, r.status(), r.bodyAsString());
        assertEquals(HttpResponse.PROBLEM_JSON, r.headers().first("Content-Type").orElseThrow());
        JsonNode p = json(r);
        assertEquals("urn:three-ways:problem:" + type, p.get("type").stringValue());
        assertEquals(status, p.get("status").intValue());
        assertTrue(p.hasNonNull("title"));
        assertTrue(p.hasNonNull("detail"));
        assertFalse(r.bodyAsString().contains("Exception"), "no exception names leak");
    }

    private static void assertNothingStored() {
        assertEquals(0, db.count("webhook_events"));
        assertEquals(0, db.count("payments"));
        assertEquals(0, db.count("ledger_entries"));
    }

    private static String succeeded(String eventId, String pi) {
        return paymentIntent(eventId, "payment_intent.succeeded", T, pi, 1999, 1999, "succeeded");
    }

    @Test
    void validEventIsAppliedOnceAndDuplicatesAreAcknowledged() {
        String body = succeeded("evt_ok", "pi_ok");
        HttpResponse first = postSigned(body);
        assertEquals(200, first.status());
        assertEquals("applied", json(first).get("outcome").stringValue());
        assertEquals("evt_ok", json(first).get("id").stringValue());
        HttpResponse again = postSigned(body);
        assertEquals(200, again.status());
        assertEquals("duplicate", json(again).get("outcome").stringValue());
        assertEquals(1, db.count("ledger_entries"));

        JsonNode payment = json(app.handler().handle(Reads.get("/payments/pi_ok")));
        assertEquals("succeeded", payment.get("status").stringValue());
        assertEquals(1999, payment.get("captured").longValue());
    }

    static Stream<Arguments> badSignatures() {
        String body = succeeded("evt_bad", "pi_bad");
        byte[] b = bytes(body);
        String good = StripeSignature.header(SECRET, NOW, b);
        String v1 = good.substring(good.indexOf("v1=") + 3);
        return Stream.of(
                Arguments.of("wrong secret", StripeSignature.header("whsec_wrong", NOW, b), body),
                Arguments.of("tampered body", good, body.replace("1999", "9999")),
                Arguments.of("stale past tolerance", StripeSignature.header(SECRET, NOW.minusSeconds(301), b), body),
                Arguments.of("future past tolerance", StripeSignature.header(SECRET, NOW.plusSeconds(301), b), body),
                Arguments.of("missing t", "v1=" + v1, body),
                Arguments.of("non-numeric t", "t=yesterday,v1=" + v1, body),
                Arguments.of("empty", "", body),
                Arguments.of("only v0", "t=" + T + ",v0=" + v1, body),
                Arguments.of("huge", "t=" + T + ",v1=" + v1 + ",v1=" + "a".repeat(100_000), body));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badSignatures")
    void badSignaturesAreA400AndStoreNothing(String name, String header, String body) {
        Headers headers = Headers.of("Content-Type", "application/json", StripeSignature.HEADER, header);
        assertProblem(post(headers, bytes(body)), 400, "invalid-signature");
        assertNothingStored();
    }

    @Test
    void missingSignatureHeaderIsA400() {
        assertProblem(post(Headers.of("Content-Type", "application/json"), bytes(succeeded("e", "p"))), 400, "invalid-signature");
        assertNothingStored();
    }

    @Test
    void signaturesAtTheToleranceEdgesAreAccepted() {
        String past = succeeded("evt_edge_past", "pi_edge");
        assertEquals(200, post(StripeEvents.signed(SECRET, NOW.minusSeconds(300), past), bytes(past)).status());
        String future = succeeded("evt_edge_future", "pi_edge");
        assertEquals(200, post(StripeEvents.signed(SECRET, NOW.plusSeconds(300), future), bytes(future)).status());
    }

    @Test
    void malformedJsonIsA400EvenWhenSigned() {
        assertProblem(postSigned("{\"id\": \"evt_1\", "), 400, "malformed-json");
        assertProblem(postSigned("{} {}"), 400, "malformed-json");
        assertProblem(postSigned(""), 400, "malformed-json");
        assertNothingStored();
    }

    @Test
    void wrongContentTypeIsA415() {
        String body = succeeded("evt_ct", "pi_ct");
        Headers signed = StripeEvents.signed(SECRET, NOW, body);
        Headers asText = signed.with("Content-Type", "text/plain");
        assertProblem(post(asText, bytes(body)), 415, "unsupported-media-type");
        Headers none = Headers.of(StripeSignature.HEADER, signed.first(StripeSignature.HEADER).orElseThrow());
        assertProblem(post(none, bytes(body)), 415, "unsupported-media-type");
        assertNothingStored();
    }

    @Test
    void bodyAtTheLimitIsReadAndOneBytePastIsA413() throws Exception {
        String event = succeeded("evt_limit", "pi_limit");
        String atLimit = event + " ".repeat(BODY_LIMIT - bytes(event).length);
        assertEquals(BODY_LIMIT, bytes(atLimit).length);
        assertEquals(200, postSigned(atLimit).status());
        clean();
        String past = atLimit + " ";
        assertProblem(postSigned(past), 413, "payload-too-large");
        assertNothingStored();
    }

    /** {@code json} with {@code edit} applied to the event ({@code e}) and its object ({@code o}). */
    private static String edited(String json, BiConsumer<ObjectNode, ObjectNode> edit) {
        ObjectNode event = (ObjectNode) Json.readBody(bytes(json));
        edit.accept(event, (ObjectNode) event.get("data").get("object"));
        return Json.writeString(event);
    }

    static Stream<Arguments> invalidEvents() {
        String ok = succeeded("evt_inv", "pi_inv");
        String refund = StripeEvents.refund("evt_inv", "refund.created", T, "re_inv", "ch_inv", "pi_inv", 100, "succeeded");
        return Stream.of(
                Arguments.of("not an object", "[1,2,3]"),
                Arguments.of("no id", edited(ok, (e, o) -> e.remove("id"))),
                Arguments.of("no type", edited(ok, (e, o) -> e.remove("type"))),
                Arguments.of("created as text", edited(ok, (e, o) -> e.put("created", "today"))),
                Arguments.of("no livemode", edited(ok, (e, o) -> e.remove("livemode"))),
                Arguments.of("livemode as text", edited(ok, (e, o) -> e.put("livemode", "false"))),
                Arguments.of("api_version too long", edited(ok, (e, o) -> e.put("api_version", "v".repeat(65)))),
                Arguments.of("no data.object", "{\"id\":\"evt_x\",\"object\":\"event\",\"type\":\"payment_intent.succeeded\","
                        + "\"created\":1,\"livemode\":false,\"data\":{}}"),
                Arguments.of("no intent id", edited(ok, (e, o) -> o.remove("id"))),
                Arguments.of("no intent status", edited(ok, (e, o) -> o.remove("status"))),
                Arguments.of("status too long", edited(ok, (e, o) -> o.put("status", "s".repeat(33)))),
                Arguments.of("not a payment intent", edited(ok, (e, o) -> o.put("object", "charge"))),
                Arguments.of("no amount", edited(ok, (e, o) -> o.remove("amount"))),
                Arguments.of("negative amount", edited(ok, (e, o) -> o.put("amount", -5))),
                Arguments.of("amount as text", edited(ok, (e, o) -> o.put("amount", "1999"))),
                Arguments.of("no currency", edited(ok, (e, o) -> o.remove("currency"))),
                Arguments.of("bad currency", edited(ok, (e, o) -> o.put("currency", "dollars"))),
                Arguments.of("refund without status", edited(refund, (e, o) -> o.remove("status"))),
                Arguments.of("refund without amount", edited(refund, (e, o) -> o.remove("amount"))),
                Arguments.of("not an event", edited(ok, (e, o) -> e.put("object", "charge"))),
                Arguments.of("huge id", edited(ok, (e, o) -> e.put("id", "e".repeat(300)))),
                Arguments.of("type too long", edited(ok, (e, o) -> e.put("type", "payment_intent." + "x".repeat(90)))),
                Arguments.of("id the database refuses (NUL)", edited(ok, (e, o) -> e.put("id", "evt_\u0000x"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidEvents")
    void invalidEventsAreA422AndStoreNothing(String name, String body) {
        assertProblem(postSigned(body), 422, "invalid-event");
        assertNothingStored();
    }

    @Test
    void jsonNestedPastTheParsersLimitIsA400NotA500() {
        assertProblem(postSigned("[".repeat(2_000) + "]".repeat(2_000)), 400, "malformed-json");
        assertNothingStored();
    }

    @Test
    void aPaymentIdNoEventCanHaveIsA404WithoutAskingTheDatabase() {
        for (String id : List.of("pi_\u0000x", "pi_\nx", "p".repeat(256))) {
            assertProblem(app.handler().handle(Reads.get("/payments/" + id)), 404, "payment-not-found");
        }
    }

    @Test
    void unknownEventTypesAreAcknowledgedAndNotStored() {
        HttpResponse r = postSigned(customerCreated("evt_cust", T));
        assertEquals(200, r.status());
        assertEquals("ignored", json(r).get("outcome").stringValue());
        assertNothingStored();
    }

    @Test
    void aTestModeLedgerRefusesLiveEventsAndALiveLedgerTestEvents() {
        String live = StripeEvents.inLiveMode(succeeded("evt_live", "pi_live"));
        assertProblem(postSigned(live), 422, "wrong-mode");
        assertNothingStored();

        AppConfig liveConfig = AppConfig.fromEnv(Map.of("STRIPE_WEBHOOK_SECRETS", SECRET, "STRIPE_LIVEMODE", "true"));
        var liveApp = new App(liveConfig, db.dataSource(), new InMemoryWebhookQueue(1024), InstantSource.fixed(NOW));
        String test = succeeded("evt_test", "pi_test");
        HttpResponse refused = liveApp.handler().handle(HttpRequest.of("POST", "/webhooks/stripe",
                StripeEvents.signed(SECRET, NOW, test), bytes(test), ""));
        assertProblem(refused, 422, "wrong-mode");
        assertNothingStored();
        HttpResponse taken = liveApp.handler().handle(HttpRequest.of("POST", "/webhooks/stripe",
                StripeEvents.signed(SECRET, NOW, live), bytes(live), ""));
        assertEquals("applied", json(taken).get("outcome").stringValue());
        assertTrue(json(liveApp.handler().handle(Reads.get("/payments/pi_live"))).get("livemode").booleanValue());
    }

    @Test
    void aPaymentReadShowsTheRefundEntriesBesideStripesOwnFigure() {
        String pi = "pi_view";
        postSigned(succeeded("evt_v1", pi));
        postSigned(StripeEvents.refund("evt_v2", "refund.created", T + 1, "re_v1", "ch_v", pi, 500, "succeeded"));
        postSigned(StripeEvents.chargeRefunded("evt_v3", T + 2, "ch_v", pi, 1999, 500));
        postSigned(StripeEvents.refund("evt_v4", "refund.created", T + 3, "re_v2", "ch_v", pi, 300, "pending"));
        JsonNode view = json(app.handler().handle(Reads.get("/payments/" + pi)));
        assertEquals("succeeded", view.get("status").stringValue());
        assertEquals(1999, view.get("captured").longValue());
        assertEquals(800, view.get("refunded").longValue());
        assertEquals(500, view.get("amountRefunded").longValue(), "Stripe's figure as of its last charge event");
        assertFalse(view.get("refundsAgree").booleanValue());
        assertEquals("pending", view.get("entries").get(2).get("status").stringValue());
        postSigned(StripeEvents.refund("evt_v5", "refund.failed", T + 4, "re_v2", "ch_v", pi, 300, "failed"));
        view = json(app.handler().handle(Reads.get("/payments/" + pi)));
        assertEquals(500, view.get("refunded").longValue());
        assertTrue(view.get("refundsAgree").booleanValue());
    }

    @Test
    void concurrentDeliveriesOfOneEventCaptureOnce() throws Exception {
        String body = succeeded("evt_conc", "pi_conc");
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var futures = new ArrayList<java.util.concurrent.Future<HttpResponse>>();
            for (int i = 0; i < 20; i++) {
                futures.add(pool.submit(() -> postSigned(body)));
            }
            long applied = 0;
            for (var f : futures) {
                HttpResponse r = f.get();
                assertEquals(200, r.status());
                applied += json(r).get("outcome").stringValue().equals("applied") ? 1 : 0;
            }
            assertEquals(1, applied);
        }
        assertEquals(1, db.count("ledger_entries"));
    }

    @Test
    void databaseDownIsA503NotA500() {
        AppConfig config = AppConfig.fromEnv(Map.of("STRIPE_WEBHOOK_SECRETS", SECRET));
        var unreachable = TestDatabase.unreachable();
        var down = new App(config, unreachable, new InMemoryWebhookQueue(1024), InstantSource.fixed(NOW));
        String body = succeeded("evt_down", "pi_down");
        HttpResponse r = down.handler().handle(HttpRequest.of("POST", "/webhooks/stripe",
                StripeEvents.signed(SECRET, NOW, body), bytes(body), ""));
        assertProblem(r, 503, "dependency-unavailable");
        assertEquals("5", r.headers().first("Retry-After").orElseThrow());
    }

    @Test
    void enqueueModeVerifiesQueuesAndTheConsumerApplies() throws Exception {
        AppConfig config = AppConfig.fromEnv(Map.of("STRIPE_WEBHOOK_SECRETS", SECRET, "WEBHOOK_MODE", "enqueue",
                "QUEUE_MAX_MESSAGE_BYTES", "4096"));
        var queue = new InMemoryWebhookQueue(config.queueMaxMessageBytes());
        var enqueuing = new App(config, db.dataSource(), queue, InstantSource.fixed(NOW));
        String body = succeeded("evt_q", "pi_q");
        HttpResponse r = enqueuing.handler().handle(HttpRequest.of("POST", "/webhooks/stripe",
                StripeEvents.signed(SECRET, NOW, body), bytes(body), ""));
        assertEquals(200, r.status());
        assertEquals("queued", json(r).get("outcome").stringValue());
        assertNothingStored();

        QueuedWebhook message = queue.poll(Duration.ofSeconds(1));
        assertEquals("evt_q", message.eventId());
        assertEquals("pi_q", message.groupKey());
        assertEquals(body, message.payloadAsString());
        assertEquals(new Disposition.Applied(ApplyOutcome.APPLIED), enqueuing.webhooks().process(message.payload(), 1));
        assertEquals(new Disposition.Applied(ApplyOutcome.DUPLICATE), enqueuing.webhooks().process(message.payload(), 2));
        assertEquals(1, db.count("ledger_entries"));
    }

    @Test
    void enqueueModeAnswers413WhenTheMessageIsLargerThanTheQueueTakes() {
        String body = succeeded("evt_big", "pi_big");
        var probe = new QueuedWebhook("evt_big", "payment_intent.succeeded", "pi_big", bytes(body));
        int limit = probe.sqsSize();
        AppConfig config = AppConfig.fromEnv(Map.of("STRIPE_WEBHOOK_SECRETS", SECRET, "WEBHOOK_MODE", "enqueue",
                "QUEUE_MAX_MESSAGE_BYTES", String.valueOf(limit)));
        var queue = new InMemoryWebhookQueue(config.queueMaxMessageBytes());
        var enqueuing = new App(config, db.dataSource(), queue, InstantSource.fixed(NOW));
        assertEquals(200, enqueuing.handler().handle(HttpRequest.of("POST", "/webhooks/stripe",
                StripeEvents.signed(SECRET, NOW, body), bytes(body), "")).status(), "exactly at the queue limit");
        String bigger = body + " ";
        HttpResponse r = enqueuing.handler().handle(HttpRequest.of("POST", "/webhooks/stripe",
                StripeEvents.signed(SECRET, NOW, bigger), bytes(bigger), ""));
        assertProblem(r, 413, "payload-too-large");
        assertEquals(1, queue.size());
    }
}
