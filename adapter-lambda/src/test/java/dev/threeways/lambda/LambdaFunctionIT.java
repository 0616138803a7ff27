package dev.threeways.lambda;

import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.JdbcPaymentStore;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.webhook.StripeEventParser;
import dev.threeways.lambdalocal.InvokeResult;
import dev.threeways.lambdalocal.InvokeStatus;
import dev.threeways.lambdalocal.LambdaLocal;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

/** The deployable artifact under the real runtime interface client, each function in fresh JVMs via lambda-local. */
class LambdaFunctionIT {
    private static final String HTTP = "dev.threeways.lambda.HttpApiHandler::handleRequest";
    private static final String QUEUE = "dev.threeways.lambda.QueueHandler::handleRequest";
    private static final String SCHEDULE = "dev.threeways.lambda.ScheduleHandler::handleRequest";
    private static final ElasticMq elasticMq = ElasticMq.shared();
    private static final SqsClient sqs = elasticMq.client();
    private static TestDatabase db;

    @BeforeAll
    static void start() {
        db = TestDatabase.postgres();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static Map<String, String> env(String queueUrl, String... more) {
        var env = new HashMap<String, String>(Map.of(
                "DATABASE_URL", db.url(),
                "DATABASE_USER", db.user(),
                "DATABASE_PASSWORD", db.password(),
                "STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET,
                "READ_API_TOKENS", Reads.TOKEN,
                "AWS_ACCESS_KEY_ID", "x",
                "AWS_SECRET_ACCESS_KEY", "x",
                "AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString()));
        if (queueUrl != null) {
            env.put("QUEUE_URL", queueUrl);
        }
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static LambdaLocal function(String handler, Map<String, String> env) {
        return LambdaFunctions.function(handler, LambdaFunctions.artifactClasspath(), env).build();
    }

    private static JsonNode payload(InvokeResult r) {
        assertTrue(r.isSuccess(), r.status() + " " + r.errorJson() + "\n" + r.logs());
        return Json.MAPPER.readTree(r.payload());
    }

    @Test
    void helloThroughTheHttpApiHandlerColdThenWarm() {
        try (LambdaLocal fn = function(HTTP, env(null))) {
            InvokeResult cold = fn.invoke(HttpApiEvents.get("/hello", "name=lambda"));
            JsonNode response = payload(cold);
            assertEquals(200, response.get("statusCode").intValue());
            assertEquals("{\"message\":\"hello, lambda\"}", response.get("body").stringValue());
            assertFalse(response.get("isBase64Encoded").booleanValue());
            assertTrue(cold.report().initDuration().isPresent(), "the first invoke is a cold start");
            assertEquals(cold.requestId(), response.get("headers").get("X-Request-Id").stringValue(),
                    "the request id is the Lambda context's");

            InvokeResult warm = fn.invoke(HttpApiEvents.get("/nowhere", ""));
            assertTrue(warm.report().initDuration().isEmpty(), "the second reuses the environment");
            JsonNode notFound = payload(warm);
            assertEquals(404, notFound.get("statusCode").intValue());
            assertEquals("application/problem+json", notFound.get("headers").get("Content-Type").stringValue());
        }
    }

    @Test
    void aSignedWebhookIsVerifiedAndEnqueuedToSqs() {
        String queueUrl = sqs.createQueue(b -> b.queueName("lambda-webhooks")).queueUrl();
        try (LambdaLocal fn = function(HTTP, env(queueUrl))) {
            String event = paymentIntent("evt_lambda", "payment_intent.succeeded", 1, "pi_lambda", 800, 800, "succeeded");
            var signed = StripeEvents.signed(event);
            var headers = new LinkedHashMap<String, String>();
            headers.put("content-type", "application/json");
            headers.put("stripe-signature", signed.first("Stripe-Signature").orElseThrow());
            JsonNode response = payload(fn.invoke(HttpApiEvents.post("/webhooks/stripe", headers, event)));
            assertEquals(200, response.get("statusCode").intValue(), response.toString());
            assertTrue(response.get("body").stringValue().contains("\"queued\""));

            headers.put("stripe-signature", "t=1,v1=00");
            assertEquals(400, payload(fn.invoke(HttpApiEvents.post("/webhooks/stripe", headers, event))).get("statusCode").intValue());
        }
        var messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).messageAttributeNames("All").waitTimeSeconds(1)).messages();
        assertEquals(1, messages.size());
        assertEquals("evt_lambda", messages.getFirst().messageAttributes().get(QueuedWebhook.ATTR_EVENT_ID).stringValue());
    }

    private static String sqsEvent(List<String[]> idsAndBodies) {
        return SqsEventSource.event(idsAndBodies.stream()
                .map(r -> new SqsEventSource.SqsRecord(r[0], "handle-" + r[0], r[1], 1, Map.of())).toList());
    }

    @Test
    void anSqsBatchWithOnePoisonedRecordReportsExactlyThatRecord() {
        var batch = new ArrayList<String[]>();
        for (int i = 0; i < 4; i++) {
            batch.add(new String[] {"msg-" + i, paymentIntent("evt_sqs" + i, "payment_intent.succeeded", 1, "pi_sqs" + i, 50, 50, "succeeded")});
        }
        batch.add(2, new String[] {"msg-poison", "{\"not\":\"an event\"}"});
        String queueUrl = sqs.createQueue(b -> b.queueName("lambda-batch")).queueUrl();
        try (LambdaLocal fn = function(QUEUE, env(queueUrl))) {
            JsonNode response = payload(fn.invoke(sqsEvent(batch)));
            JsonNode failures = response.get("batchItemFailures");
            assertEquals(1, failures.size(), response.toString());
            assertEquals("msg-poison", failures.get(0).get("itemIdentifier").stringValue());
            // the same batch again (SQS redelivers only the failed one, but even all of it is harmless)
            assertEquals(1, payload(fn.invoke(sqsEvent(batch))).get("batchItemFailures").size());
        }
        assertEquals(4, Sql.queryLong(db.dataSource(), "SELECT COUNT(*) FROM ledger_entries WHERE entry_key LIKE 'pi_sqs%'"));
    }

    @Test
    void aHandlerExceptionComesBackInLambdasErrorShape() {
        try (LambdaLocal fn = function(SCHEDULE, env(null, "DATABASE_URL",
                TestDatabase.UNREACHABLE_URL))) {
            InvokeResult r = fn.invoke("{\"source\":\"aws.scheduler\"}");
            assertEquals(InvokeStatus.FUNCTION_ERROR, r.status(), r.logs());
            JsonNode error = Json.MAPPER.readTree(r.errorJson());
            assertTrue(error.get("errorType").stringValue().endsWith("StoreException"), error.toString());
            assertTrue(error.hasNonNull("errorMessage"));
            assertTrue(error.has("stackTrace"), "Lambda's shape: errorMessage, errorType, stackTrace");
        }
    }

    @Test
    void theScheduledReconcileReportsAPaymentStuckInProcessing() {
        long twoHoursAgo = java.time.Instant.now().minusSeconds(7200).getEpochSecond();
        new JdbcPaymentStore(db.dataSource()).apply(StripeEventParser.parse(Json.readBody(StripeEvents.bytes(paymentIntent(
                "evt_sched_stuck", "payment_intent.processing", twoHoursAgo, "pi_sched_stuck", 700, 0, "processing")))));
        try (LambdaLocal fn = function(SCHEDULE, env(null))) {
            JsonNode result = payload(fn.invoke("{\"version\":\"0\",\"source\":\"aws.events\",\"detail-type\":\"Scheduled Event\",\"detail\":{}}"));
            List<String> stuck = new ArrayList<>();
            result.get("stuck").forEach(id -> stuck.add(id.stringValue()));
            assertTrue(stuck.contains("pi_sched_stuck"), result.toString());
            assertEquals("stuck-payments", result.get("status").stringValue());
        }
    }

    @Test
    void aTimeoutIsReportedAndTheEnvironmentReplaced() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            // accepts the database connection and never answers: the reconcile hangs past the timeout
            Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        silent.accept();
                    }
                } catch (java.io.IOException closed) {
                    // test over
                }
            });
            var env = env(null, "DATABASE_URL", "jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/x?connectTimeout=30");
            try (LambdaLocal fn = LambdaFunctions.function(SCHEDULE, LambdaFunctions.artifactClasspath(), env)
                    .timeout(Duration.ofSeconds(3)).build()) {
                InvokeResult first = fn.invoke("{}");
                assertEquals(InvokeStatus.TIMEOUT, first.status(), first.logs());
                assertTrue(first.errorJson().contains("Task timed out"), first.errorJson());
                InvokeResult second = fn.invoke("{}");
                assertTrue(second.report().initDuration().isPresent(), "a new environment: a cold start");
                assertTrue(!second.environmentId().equals(first.environmentId()));
            }
        }
    }

    @Test
    void theBodyLimitAtTheEdgeAndOnePast() {
        try (LambdaLocal fn = function(HTTP, env(null, "HTTP_MAX_BODY_BYTES", "1024"))) {
            String atLimit = "{\"s\":\"" + "x".repeat(1024 - 8) + "\"}";
            var headers = Map.of("content-type", "application/json");
            assertEquals(200, payload(fn.invoke(HttpApiEvents.post("/echo", headers, atLimit))).get("statusCode").intValue());
            JsonNode over = payload(fn.invoke(HttpApiEvents.post("/echo", headers, atLimit + " ")));
            assertEquals(413, over.get("statusCode").intValue());
            assertTrue(over.get("body").stringValue().contains("payload-too-large"), over.toString());
            JsonNode base64 = payload(fn.invoke(HttpApiEvents.postBase64("/echo", headers,
                    "{\"b\":1}".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            assertEquals("{\"message\":\"ok\",\"input\":{\"b\":1}}", base64.get("body").stringValue());
        }
    }

    @Test
    void theStreamAndServletContainerHandlersAnswerLikeTheDirectHandler() {
        String event = paymentIntent("evt_same", "payment_intent.created", 1, "pi_same", 300, 0, "requires_payment_method");
        var signed = new LinkedHashMap<String, String>();
        signed.put("content-type", "application/json");
        signed.put("stripe-signature", StripeEvents.signed(event).first("Stripe-Signature").orElseThrow());
        String anonymousRead = HttpApiEvents.get("/payments/pi_nobody", "");
        String authorizedRead = HttpApiEvents.event("GET", "/payments/pi_nobody", "",
                Map.of("authorization", Reads.AUTHORIZATION), null, false, List.of());
        List<String> requests = List.of(
                HttpApiEvents.get("/hello", "name=same"),
                HttpApiEvents.get("/hello", "name=J%C3%BCrgen"),
                HttpApiEvents.get("/healthz", ""),
                anonymousRead,
                authorizedRead,
                HttpApiEvents.get("/café", ""),
                HttpApiEvents.event("DELETE", "/hello", "", Map.of(), null, false, List.of()),
                HttpApiEvents.post("/echo", Map.of("content-type", "application/json"), "{\"a\":[1,2]}"),
                HttpApiEvents.post("/echo", Map.of("content-type", "application/json"), "{broken"),
                HttpApiEvents.post("/echo", Map.of("content-type", "text/plain"), "hi"),
                HttpApiEvents.post("/webhooks/stripe", Map.of("content-type", "application/json", "stripe-signature", "t=1,v1=00"), event),
                HttpApiEvents.post("/webhooks/stripe", signed, event));
        // as deployed, with a queue: each of the three enqueues the same event (applying it would make
        // the second and third answers "duplicate")
        String queueUrl = sqs.createQueue(b -> b.queueName("lambda-same-answers")).queueUrl();
        try (LambdaLocal direct = function(HTTP, env(queueUrl));
             LambdaLocal stream = function("dev.threeways.lambda.HttpApiStreamHandler::handleRequest", env(queueUrl));
             LambdaLocal servlet = function("dev.threeways.lambda.servlet.ServletStreamHandler::handleRequest", env(queueUrl))) {
            assertEquals(401, payload(direct.invoke(anonymousRead)).get("statusCode").intValue());
            assertEquals(404, payload(direct.invoke(authorizedRead)).get("statusCode").intValue(),
                    "the token reaches the app through the event mapping");
            for (String request : requests) {
                JsonNode a = payload(direct.invoke(request));
                String what = Json.MAPPER.readTree(request).get("rawPath").stringValue();
                for (LambdaLocal other : List.of(stream, servlet)) {
                    JsonNode b = payload(other.invoke(request));
                    String who = what + " via " + other.config().handler();
                    assertEquals(a.get("statusCode").intValue(), b.get("statusCode").intValue(), who);
                    assertEquals(a.get("body").stringValue(), b.get("body").stringValue(), who);
                    assertEquals(a.get("headers").get("Content-Type").stringValue(),
                            b.get("headers").get("Content-Type").stringValue(), who);
                }
            }
        }
    }

    @Test
    void theStreamHandlerTurnsAnythingThatIsNotAnEventIntoA400() {
        try (LambdaLocal fn = function("dev.threeways.lambda.HttpApiStreamHandler::handleRequest", env(null))) {
            for (String notAnEvent : List.of("{}", "[1,2,3]", "\"text\"", "{\"requestContext\":{\"http\":{}}}")) {
                JsonNode r = payload(fn.invoke(notAnEvent));
                assertEquals(400, r.get("statusCode").intValue(), notAnEvent);
            }
        }
    }

    @Test
    void malformedEventsGetAClearErrorNotA500() {
        try (LambdaLocal fn = function(HTTP, env(null))) {
            JsonNode empty = payload(fn.invoke("{}"));
            assertEquals(400, empty.get("statusCode").intValue());
            assertTrue(empty.get("body").stringValue().contains("malformed-event"));
            InvokeResult notAnObject = fn.invoke("[1,2,3]");
            assertEquals(InvokeStatus.FUNCTION_ERROR, notAnObject.status(), "rejected by the runtime's deserializer");
            assertTrue(notAnObject.errorJson().contains("errorType"));
        }
    }
}
