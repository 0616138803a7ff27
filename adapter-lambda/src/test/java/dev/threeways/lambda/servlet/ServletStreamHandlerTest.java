package dev.threeways.lambda.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Json;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.webhook.StripeSignature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Real HTTP API v2 event JSON through {@link ServletStreamHandler#handleRequest}, that is through
 * aws-serverless-java-container and the servlet, checked against what the app's handler answers
 * directly for the same request: the two paths are the same app.
 */
class ServletStreamHandlerTest {
    private static final int BODY_LIMIT = 4096;
    private static App app;
    private static ServletStreamHandler lambda;

    /** The function's response as Lambda would return it to API Gateway. */
    record LambdaResponse(JsonNode json) {
        int status() {
            return json.get("statusCode").intValue();
        }

        String body() {
            return json.get("body").stringValue();
        }

        /** Every header value, from multiValueHeaders. */
        Headers headers() {
            var map = new LinkedHashMap<String, List<String>>();
            json.get("multiValueHeaders").properties().forEach(e -> {
                var values = new ArrayList<String>();
                e.getValue().forEach(v -> values.add(v.stringValue()));
                map.put(e.getKey(), values);
            });
            return Headers.fromMultiMap(map);
        }

        /** The single-value headers map, the one payload format 2.0 reads. */
        String header(String name) {
            JsonNode value = json.get("headers").get(name);
            return value == null ? null : value.stringValue();
        }
    }

    @BeforeAll
    static void start() {
        AppConfig config = AppConfig.fromEnv(Map.of(
                "STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET,
                "HTTP_MAX_BODY_BYTES", String.valueOf(BODY_LIMIT)));
        app = new App(config, H2Database.fresh(), new InMemoryWebhookQueue(config.queueMaxMessageBytes()),
                InstantSource.system());
        lambda = new ServletStreamHandler(app);
    }

    /**
     * Invokes with the event's X-Request-Id as Lambda's request id (the id both handlers take from the
     * Lambda context), so the direct call with that id must give the very same answer.
     */
    private static LambdaResponse invoke(HttpApiEvent event) {
        return invoke(event.toJson(), event.firstHeader("x-request-id").orElse("lambda-req-" + System.nanoTime()));
    }

    private static LambdaResponse invoke(byte[] event, String awsRequestId) {
        return invoke(lambda, event, awsRequestId);
    }

    private static LambdaResponse invoke(ServletStreamHandler handler, byte[] event, String awsRequestId) {
        var out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), out, new TestContext(awsRequestId));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return new LambdaResponse(Json.MAPPER.readTree(out.toByteArray()));
    }

    private static HttpResponse direct(String method, String pathAndQuery, Headers headers, byte[] body, String requestId) {
        return app.handler().handle(HttpRequest.of(method, pathAndQuery, headers, body, requestId));
    }

    /** Same status, same headers (every value), same body bytes. */
    private static void assertSameAnswer(HttpResponse expected, LambdaResponse actual) {
        assertEquals(expected.status(), actual.status(), actual.body());
        assertEquals(expected.headers(), actual.headers());
        assertEquals(expected.bodyAsString(), actual.body());
        assertFalse(actual.json().get("isBase64Encoded").booleanValue(), "JSON goes back as text");
    }

    private static void assertProblem(LambdaResponse r, int status, String type) {
        assertEquals(status, r.status(), r.body());
        assertEquals(HttpResponse.PROBLEM_JSON, r.header("Content-Type"));
        JsonNode problem = Json.MAPPER.readTree(r.body());
        assertEquals("urn:three-ways:problem:" + type, problem.get("type").stringValue());
        assertEquals(status, problem.get("status").intValue());
        assertFalse(r.body().contains("Exception"), "no exception names leak");
    }

    @Test
    void lambdaCanBuildItWithItsNoArgumentConstructor() {
        var fromEnvironment = new ServletStreamHandler();
        var r = invoke(fromEnvironment, HttpApiEvent.request("GET", "/hello").toJson(), "lambda-id-no-args");
        assertEquals(200, r.status(), r.body());
        assertEquals("{\"message\":\"hello, world\"}", r.body());
        assertEquals("lambda-id-no-args", r.header("X-Request-Id"));
    }

    @Test
    void helloAnswersWhatTheAppAnswersDirectly() {
        var r = invoke(HttpApiEvent.request("GET", "/hello?name=x").header("X-Request-Id", "req-hello-1"));

        assertEquals(200, r.status());
        assertEquals("{\"message\":\"hello, x\"}", r.body());
        assertEquals("application/json", r.header("Content-Type"));
        assertEquals("req-hello-1", r.header("X-Request-Id"));
        assertTrue(r.json().has("multiValueHeaders"));
        assertFalse(r.json().get("isBase64Encoded").booleanValue());
        assertSameAnswer(direct("GET", "/hello?name=x", Headers.empty(), new byte[0], "req-hello-1"), r);
    }

    @Test
    void nonAsciiTextArrivesDecodedAndLeavesAsUtf8() {
        var r = invoke(HttpApiEvent.request("GET", "/hello?name=J%C3%BCrgen").header("X-Request-Id", "req-utf8"));
        assertEquals("{\"message\":\"hello, Jürgen\"}", r.body());
        assertSameAnswer(direct("GET", "/hello?name=J%C3%BCrgen", Headers.empty(), new byte[0], "req-utf8"), r);

        // problem+json names no charset: without the container's UTF-8 default this detail came back garbled
        var notFound = invoke(HttpApiEvent.request("GET", "/café").header("X-Request-Id", "req-utf8-404"));
        assertProblem(notFound, 404, "not-found");
        assertTrue(notFound.body().contains("/café"), notFound.body());
        assertSameAnswer(direct("GET", "/café", Headers.empty(), new byte[0], "req-utf8-404"), notFound);
    }

    @ParameterizedTest(name = "base64-encoded: {0}")
    @ValueSource(booleans = {false, true})
    void echoReturnsTheJsonBody(boolean base64) {
        byte[] body = "{\"a\":[1,2,3],\"b\":\"ü\"}".getBytes(StandardCharsets.UTF_8);
        var r = invoke(HttpApiEvent.request("POST", "/echo")
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "req-echo")
                .body(body, base64));

        assertEquals(200, r.status(), r.body());
        JsonNode echo = Json.MAPPER.readTree(r.body());
        assertEquals("ok", echo.get("message").stringValue());
        assertEquals(Json.MAPPER.readTree(body), echo.get("input"));
        assertSameAnswer(direct("POST", "/echo", Headers.of("Content-Type", "application/json"), body, "req-echo"), r);
    }

    @Test
    void unknownPathIsA404Problem() {
        var r = invoke(HttpApiEvent.request("GET", "/nope").header("X-Request-Id", "req-404"));
        assertProblem(r, 404, "not-found");
        assertSameAnswer(direct("GET", "/nope", Headers.empty(), new byte[0], "req-404"), r);
    }

    @Test
    void wrongMethodIsA405ProblemWithAllow() {
        var r = invoke(HttpApiEvent.request("DELETE", "/hello").header("X-Request-Id", "req-405"));
        assertProblem(r, 405, "method-not-allowed");
        assertEquals("GET", r.header("Allow"));
        assertSameAnswer(direct("DELETE", "/hello", Headers.empty(), new byte[0], "req-405"), r);
    }

    @Test
    void signedWebhookIsAccepted() {
        String event = StripeEvents.paymentIntent("evt_servlet_ok", "payment_intent.succeeded",
                Instant.now().getEpochSecond(), "pi_servlet_ok", 1999, 1999, "succeeded");
        Headers signed = StripeEvents.signed(event);
        // its value is "t=…,v1=…": the comma the library splits on
        assertTrue(signed.first(StripeSignature.HEADER).orElseThrow().contains(","));

        var r = invoke(HttpApiEvent.request("POST", "/webhooks/stripe")
                .headers(signed.asMap())
                .header("X-Request-Id", "req-webhook")
                .body(event));

        assertEquals(200, r.status(), r.body());
        JsonNode answer = Json.MAPPER.readTree(r.body());
        assertEquals("evt_servlet_ok", answer.get("id").stringValue());
        assertEquals("applied", answer.get("outcome").stringValue());
        // the same event again, directly: the ledger the servlet wrote is the app's ledger
        HttpResponse again = direct("POST", "/webhooks/stripe", signed, StripeEvents.bytes(event), "req-webhook");
        assertEquals(200, again.status());
        assertEquals("duplicate", Json.MAPPER.readTree(again.body()).get("outcome").stringValue());
    }

    @Test
    void badSignatureIsA400Problem() {
        String event = StripeEvents.paymentIntent("evt_servlet_bad", "payment_intent.succeeded",
                Instant.now().getEpochSecond(), "pi_servlet_bad", 1999, 1999, "succeeded");
        Headers wrong = StripeEvents.signed("whsec_wrong", Instant.now(), event);

        var r = invoke(HttpApiEvent.request("POST", "/webhooks/stripe")
                .headers(wrong.asMap())
                .header("X-Request-Id", "req-bad-sig")
                .body(event));

        assertEquals(400, r.status(), r.body());
        assertEquals(HttpResponse.PROBLEM_JSON, r.header("Content-Type"));
        assertSameAnswer(direct("POST", "/webhooks/stripe", wrong, StripeEvents.bytes(event), "req-bad-sig"), r);
    }

    @Test
    void bodyOverTheLimitIsA413Problem() {
        byte[] body = ("{\"pad\":\"" + "x".repeat(BODY_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        var r = invoke(HttpApiEvent.request("POST", "/echo")
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "req-413")
                .body(body, false));
        assertProblem(r, 413, "payload-too-large");
        assertSameAnswer(direct("POST", "/echo", Headers.of("Content-Type", "application/json"), body, "req-413"), r);
    }

    @Test
    void requestIdIsTheCallersElseLambdasAsInTheDirectHandler() {
        var withHeader = invoke(HttpApiEvent.request("GET", "/healthz").header("X-Request-Id", "caller-id-1").toJson(),
                "lambda-id-1");
        assertEquals("caller-id-1", withHeader.header("X-Request-Id"), "the caller's, as on every way");
        var none = invoke(HttpApiEvent.request("GET", "/healthz").toJson(), "lambda-id-3");
        assertEquals("lambda-id-3", none.header("X-Request-Id"));
    }

    @Test
    void eventThatIsNotAnHttpApiRequestGetsAnErrorWithoutAStackTrace() {
        var notJson = invoke("this is not json".getBytes(StandardCharsets.UTF_8), "lambda-id-bad-1");
        var noMethod = invoke("{\"version\":\"2.0\",\"rawPath\":\"/hello\",\"requestContext\":{\"http\":{}}}"
                .getBytes(StandardCharsets.UTF_8), "lambda-id-bad-2");

        for (var r : List.of(notJson, noMethod)) {
            assertTrue(r.status() >= 500, r.json().toString());
            assertNotNull(Json.MAPPER.readTree(r.body()).get("message"), r.body());
            assertFalse(r.body().contains("Exception") || r.body().contains("\tat "), r.body());
        }
    }
}
