package dev.threeways.lambdalocal;

import static dev.threeways.lambdalocal.TestFunctions.function;
import static dev.threeways.lambdalocal.TestFunctions.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.lambdalocal.handlers.ScriptedHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The runtime-interface-emulator-compatible endpoint, over real HTTP, in front of one warm function. */
class InvokeEndpointTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final List<InvokeResult> SEEN = new CopyOnWriteArrayList<>();

    private static LambdaLocal fn;
    private static InvokeEndpoint endpoint;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        fn = function(ScriptedHandler.class).build();
        endpoint = InvokeEndpoint.start(fn, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), SEEN::add);
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
        if (fn != null) {
            fn.close();
        }
        if (http != null) {
            http.close();
        }
    }

    @Test
    void postingAnEventAnswersWithTheFunctionsResponse() throws Exception {
        HttpResponse<String> response = post(endpoint.invocationsUri(), "{\"action\":\"describe\"}");

        assertEquals(200, response.statusCode(), response::body);
        JsonNode body = json(response.body());
        assertEquals("describe", body.get("action").asString());
        String requestId = response.headers().firstValue("X-Amzn-RequestId").orElseThrow();
        assertEquals(requestId, body.get("requestId").asString());
        assertTrue(response.headers().firstValue("X-Amz-Function-Error").isEmpty());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(SEEN.stream().anyMatch(result -> result.requestId().equals(requestId)), "afterInvoke saw the result");
    }

    @Test
    void functionErrorAnswers200WithTheErrorDocumentAndTheUnhandledHeader() throws Exception {
        HttpResponse<String> response = post(endpoint.invocationsUri(), "{\"action\":\"throw\",\"message\":\"bad input\"}");

        assertEquals(200, response.statusCode(), response::body);
        assertEquals("Unhandled", response.headers().firstValue("X-Amz-Function-Error").orElseThrow());
        JsonNode error = json(response.body());
        assertEquals("asked to fail: bad input", error.get("errorMessage").asString());
        assertEquals("java.lang.IllegalStateException", error.get("errorType").asString());
    }

    @Test
    void logTailIsReturnedBase64WhenAskedFor() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.invocationsUri())
                .timeout(REQUEST_TIMEOUT)
                .header("X-Amz-Log-Type", "Tail")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"describe\"}"))
                .build();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response::body);
        String requestId = response.headers().firstValue("X-Amzn-RequestId").orElseThrow();
        String logs = new String(Base64.getDecoder().decode(
                response.headers().firstValue("X-Amz-Log-Result").orElseThrow()), UTF_8);
        assertTrue(logs.startsWith("START RequestId: " + requestId), logs);
        assertTrue(logs.contains("REPORT RequestId: " + requestId), logs);
    }

    @Test
    void eventInvocationIsAcceptedAndRunInTheBackground() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(endpoint.invocationsUri())
                .timeout(REQUEST_TIMEOUT)
                .header("X-Amz-Invocation-Type", "Event")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"describe\",\"marker\":\"async\"}"))
                .build();
        int before = SEEN.size();

        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(202, response.statusCode());
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (SEEN.size() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(SEEN.size() > before, "the background invoke ran");
    }

    @Test
    void theFunctionMayBeAddressedByItsOwnName() throws Exception {
        URI byName = endpoint.invocationsUri().resolve("/2015-03-31/functions/test-function/invocations");

        assertEquals(200, post(byName, "{}").statusCode());
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        HttpResponse<String> unknownFunction = post(
                endpoint.invocationsUri().resolve("/2015-03-31/functions/other/invocations"), "{}");
        HttpResponse<String> unknownPath = post(endpoint.invocationsUri().resolve("/invoke"), "{}");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(endpoint.invocationsUri()).timeout(REQUEST_TIMEOUT)
                .GET().build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(404, unknownFunction.statusCode());
        assertEquals("ResourceNotFoundException", unknownFunction.headers().firstValue("X-Amzn-ErrorType").orElseThrow());
        assertEquals(404, unknownPath.statusCode());
        assertEquals(405, get.statusCode());
    }

    private static HttpResponse<String> post(URI uri, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
