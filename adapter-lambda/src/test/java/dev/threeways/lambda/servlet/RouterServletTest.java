package dev.threeways.lambda.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** What the servlet hands the app and what it hands back, seen through the library with a stand-in handler. */
class RouterServletTest {

    private static JsonNode invoke(Handler handler, int maxBodyBytes, HttpApiEvent event) throws Exception {
        ServletContainerHandler container = container(handler, maxBodyBytes);
        var out = new ByteArrayOutputStream();
        container.proxyStream(new ByteArrayInputStream(event.toJson()), out, new TestContext("lambda-router-test"));
        return Json.MAPPER.readTree(out.toByteArray());
    }

    private static ServletContainerHandler container(Handler handler, int maxBodyBytes)
            throws ContainerInitializationException {
        return ServletContainerHandler.around(new RouterServlet(handler, maxBodyBytes));
    }

    @Test
    void theAppGetsTheRequestAsApiGatewaySentIt() throws Exception {
        var seen = new AtomicReference<HttpRequest>();
        byte[] body = {0, 1, 2, (byte) 0xff};
        invoke(request -> {
            seen.set(request);
            return new HttpResponse(204, Headers.empty(), new byte[0]);
        }, 1024, HttpApiEvent.request("PATCH", "/payments/pi 1?a=1&a=2&b=x%20y")
                .header("X-Multi", "one")
                .header("X-Multi", "two")
                .header("Content-Type", "application/octet-stream")
                .cookie("session=abc")
                .body(body, true));

        HttpRequest r = seen.get();
        assertNotNull(r, "the app was called");
        assertEquals("PATCH", r.method());
        assertEquals("/payments/pi 1", r.path(), "decoded path");
        assertEquals("a=1&a=2&b=x%20y", r.rawQuery(), "query as received");
        assertEquals(List.of("one,two"), r.headers().all("x-multi"), "one value, as API Gateway joined it");
        assertEquals("application/octet-stream", r.header("Content-Type").orElseThrow());
        assertEquals("198.51.100.7", r.header("X-Forwarded-For").orElseThrow());
        assertArrayEquals(body, r.body());
        assertEquals("lambda-router-test", r.requestId());
    }

    @Test
    void theBodyIsReadOnlyUpToOneByteOverTheLimit() throws Exception {
        var length = new AtomicReference<Integer>();
        invoke(request -> {
            length.set(request.body().length);
            return new HttpResponse(413, Headers.empty(), new byte[0]);
        }, 10, HttpApiEvent.request("POST", "/echo").body("x".repeat(1000)));
        assertEquals(11, length.get());
    }

    @Test
    void everyResponseHeaderValueIsWritten() throws Exception {
        Headers headers = Headers.builder()
                .add("Content-Type", "application/json")
                .add("Vary", "Accept")
                .add("Vary", "Origin")
                .add("Set-Cookie", "a=1; Path=/")
                .add("Set-Cookie", "b=2; Path=/")
                .build();
        byte[] body = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);

        JsonNode r = invoke(request -> new HttpResponse(201, headers, body), 1024,
                HttpApiEvent.request("GET", "/anything"));

        assertEquals(201, r.get("statusCode").intValue());
        assertEquals("{\"ok\":true}", r.get("body").stringValue());
        assertFalse(r.get("isBase64Encoded").booleanValue());
        JsonNode multi = r.get("multiValueHeaders");
        assertEquals(List.of("Accept", "Origin"), strings(multi.get("Vary")));
        assertEquals(List.of("a=1; Path=/", "b=2; Path=/"), strings(multi.get("Set-Cookie")));
        // The library's v2 writer keeps only the first value in "headers" and has no "cookies" field,
        // while payload format 2.0 ignores multiValueHeaders: API Gateway sends the client one of each.
        assertEquals("Accept", r.get("headers").get("Vary").stringValue());
        assertEquals("a=1; Path=/", r.get("headers").get("Set-Cookie").stringValue());
        assertFalse(r.has("cookies"));
    }

    @Test
    void binaryResponsesGoBackBase64Encoded() throws Exception {
        byte[] body = {(byte) 0x89, 'P', 'N', 'G', 0, (byte) 0xff};
        JsonNode r = invoke(request -> new HttpResponse(200, Headers.of("Content-Type", "image/png"), body), 1024,
                HttpApiEvent.request("GET", "/logo.png"));
        assertEquals(true, r.get("isBase64Encoded").booleanValue());
        assertArrayEquals(body, Base64.getDecoder().decode(r.get("body").stringValue()));
    }

    @Test
    void aHandlerThatThrowsDoesNotLeakAStackTrace() throws Exception {
        JsonNode r = invoke(request -> {
            throw new IllegalStateException("boom in the handler");
        }, 1024, HttpApiEvent.request("GET", "/boom"));
        assertEquals(502, r.get("statusCode").intValue(), r.toString());
        String body = r.get("body").stringValue();
        assertFalse(body.contains("boom") || body.contains("Exception"), body);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::stringValue).toList();
    }
}
