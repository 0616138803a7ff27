package dev.threeways.lambdalocal;

import static dev.threeways.lambdalocal.TestFunctions.function;
import static dev.threeways.lambdalocal.TestFunctions.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.lambdalocal.handlers.HttpApiResponder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The HTTP API front, over real HTTP, in front of a function run by the real runtime interface client. */
class HttpApiGatewayTest {
    private static LambdaLocal fn;
    private static HttpApiGateway gateway;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        fn = function(HttpApiResponder.class).build();
        gateway = HttpApiGateway.start(fn, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
        if (fn != null) {
            fn.close();
        }
        if (http != null) {
            http.close();
        }
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(40)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(gateway.uri() + pathAndQuery.substring(1)));
    }

    private static HttpResponse<byte[]> post(String contentType, byte[] body) throws Exception {
        return send(request("/answer").header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    private static HttpResponse<byte[]> answering(String functionResponse) throws Exception {
        return post("application/json", functionResponse.getBytes(UTF_8));
    }

    @Test
    void aRequestBecomesAnHttpApiEventAsApiGatewayBuildsIt() throws Exception {
        var response = send(request("/event/caf%C3%A9%25?name=a%20b&name=c&flag").header("X-Multi", "one").header("X-Multi", "two")
                .header("Cookie", "a=1; b=2").GET());

        assertEquals(200, response.statusCode());
        JsonNode event = json(response.body());
        assertEquals("2.0", event.get("version").asString());
        assertEquals("$default", event.get("routeKey").asString());
        assertEquals("/event/café%", event.get("rawPath").asString(), "decoded, whatever its name says");
        assertEquals("name=a%20b&name=c&flag", event.get("rawQueryString").asString(), "the query as sent");
        assertEquals("a b,c", event.at("/queryStringParameters/name").asString(), "repeated names joined, decoded");
        assertEquals("", event.at("/queryStringParameters/flag").asString());
        assertEquals("one,two", event.at("/headers/x-multi").asString(), "header names lower-cased, repeats joined");
        assertEquals(List.of("a=1", "b=2"), event.get("cookies").valueStream().map(JsonNode::asString).toList());
        assertFalse(event.get("headers").has("cookie"), "cookies travel in 'cookies' only");
        assertEquals("127.0.0.1", event.at("/headers/x-forwarded-for").asString());
        assertEquals("GET", event.at("/requestContext/http/method").asString());
        assertEquals("/event/café%", event.at("/requestContext/http/path").asString());
        assertEquals(response.headers().firstValue("apigw-requestid").orElseThrow(),
                event.at("/requestContext/requestId").asString(), "the id the client sees is the event's");
        assertTrue(event.at("/headers/x-amzn-trace-id").asString().matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24}"),
                event.at("/headers/x-amzn-trace-id").asString());
        assertFalse(event.has("body"));
        assertFalse(event.get("headers").has("content-length"), "no body, no length");
        assertFalse(event.get("isBase64Encoded").asBoolean());
    }

    @Test
    void aTextBodyTravelsAsTextAndAnyOtherAsBase64() throws Exception {
        byte[] binary = {0, 1, 2, (byte) 0xff};
        var text = send(request("/event").header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString("{\"zoë\":\"✓\"}", UTF_8)));
        var octets = send(request("/event").header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(binary)));

        JsonNode textEvent = json(text.body());
        assertEquals("{\"zoë\":\"✓\"}", textEvent.get("body").asString());
        assertFalse(textEvent.get("isBase64Encoded").asBoolean());
        JsonNode binaryEvent = json(octets.body());
        assertArrayEquals(binary, Base64.getDecoder().decode(binaryEvent.get("body").asString()));
        assertTrue(binaryEvent.get("isBase64Encoded").asBoolean());
    }

    @Test
    void theFunctionsResponseIsTheHttpResponse() throws Exception {
        var response = answering("{\"statusCode\":201,\"headers\":{\"content-type\":\"text/plain\",\"x-n\":7},"
                + "\"cookies\":[\"a=1; Path=/\",\"b=2\"],\"body\":\"made ✓\"}");

        assertEquals(201, response.statusCode());
        assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());
        assertEquals("7", response.headers().firstValue("x-n").orElseThrow());
        assertEquals(List.of("a=1; Path=/", "b=2"), response.headers().allValues("set-cookie"));
        assertEquals("made ✓", new String(response.body(), UTF_8));
    }

    @Test
    void aBase64BodyIsDecodedAndAnAnswerWithoutStatusIsInferred() throws Exception {
        var binary = answering("{\"statusCode\":200,\"body\":\"AAEC/w==\",\"isBase64Encoded\":true}");
        var inferred = answering("{\"hello\":[1,2]}");
        var string = answering("\"just text\"");
        var unchecked = answering("not json");

        assertArrayEquals(new byte[] {0, 1, 2, (byte) 0xff}, binary.body());
        assertEquals("text/plain; charset=utf-8", binary.headers().firstValue("content-type").orElseThrow(),
                "API Gateway's type when the function names none");
        assertEquals(200, inferred.statusCode());
        assertEquals("application/json", inferred.headers().firstValue("content-type").orElseThrow());
        assertEquals("{\"hello\":[1,2]}", new String(inferred.body(), UTF_8));
        assertEquals("just text", new String(string.body(), UTF_8), "a JSON string is unwrapped");
        assertEquals(200, unchecked.statusCode(), "API Gateway does not check an answer it infers");
        assertEquals("not json", new String(unchecked.body(), UTF_8));
    }

    @Test
    void whatApiGatewayCannotUseIsItsOwnError() throws Exception {
        for (String broken : List.of("{\"statusCode\":\"two hundred\"}", "{\"statusCode\":99}", "{\"statusCode\":200.5}",
                "throw")) {
            var response = answering(broken);
            assertEquals(500, response.statusCode(), broken);
            assertEquals("{\"message\":\"Internal Server Error\"}", new String(response.body(), UTF_8), broken);
            assertTrue(response.headers().firstValue("apigw-requestid").isPresent());
        }
    }

    @Test
    void aFunctionTimeoutIsServiceUnavailable() throws Exception {
        var response = answering("sleep:" + (fn.config().timeout().toMillis() + 1000));

        assertEquals(503, response.statusCode());
        assertEquals("{\"message\":\"Service Unavailable\"}", new String(response.body(), UTF_8));
    }

    @Test
    void bodiesAreRefusedPastLambdasPayloadAndPastTheApisQuota() throws Exception {
        // 4.6 MB of binary is 6.1 MB as base64: the event is over Lambda's limit though the body is not
        var overInvoke = post("application/octet-stream", new byte[4_800_000]);
        var overQuota = post("application/json", new byte[HttpApiGateway.MAX_BODY_BYTES + 1]);
        var underBoth = post("application/octet-stream", new byte[4_000_000]);

        for (var refused : List.of(overInvoke, overQuota)) {
            assertEquals(413, refused.statusCode());
            assertEquals("{\"message\":\"Request Entity Too Large\"}", new String(refused.body(), UTF_8));
        }
        assertEquals(200, underBoth.statusCode(), "4 MB of binary is 5.3 MB as base64: under the limit");
    }
}
