package dev.threeways.lambda.servlet;

import dev.threeways.core.http.Json;
import dev.threeways.lambda.HttpApiEvents;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.node.ObjectNode;

/**
 * An API Gateway HTTP API event, payload format 2.0, shaped as API Gateway sends it: header names
 * lower-cased, repeated headers and query parameters joined with commas, cookies moved out of the
 * headers into their own list, the body base64-encoded when it is not text.
 */
final class HttpApiEvent {
    private final String method;
    private final String rawPath;
    private final String rawQuery;
    private final Map<String, List<String>> headers = new LinkedHashMap<>();
    private final List<String> cookies = new ArrayList<>();
    private byte[] body;
    private boolean base64;
    private final String requestId = apiGatewayRequestId();

    private HttpApiEvent(String method, String pathAndQuery) {
        this.method = method;
        int q = pathAndQuery.indexOf('?');
        this.rawPath = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        this.rawQuery = q < 0 ? "" : pathAndQuery.substring(q + 1);
        header("accept", "*/*");
        header("host", "abc123.execute-api.us-east-1.amazonaws.com");
        header("user-agent", "curl/8.5.0");
        header("x-amzn-trace-id", "Root=1-67891233-abcdef012345678912345678");
        header("x-forwarded-for", "198.51.100.7");
        header("x-forwarded-port", "443");
        header("x-forwarded-proto", "https");
    }

    static HttpApiEvent request(String method, String pathAndQuery) {
        return new HttpApiEvent(method, pathAndQuery);
    }

    /** Adds a value; API Gateway joins repeated headers with commas. */
    HttpApiEvent header(String name, String value) {
        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
        return this;
    }

    HttpApiEvent headers(Map<String, List<String>> more) {
        more.forEach((name, values) -> values.forEach(v -> header(name, v)));
        return this;
    }

    HttpApiEvent cookie(String cookie) {
        cookies.add(cookie);
        return this;
    }

    HttpApiEvent body(byte[] bytes, boolean base64Encoded) {
        this.body = bytes;
        this.base64 = base64Encoded;
        header("content-length", String.valueOf(bytes.length));
        return this;
    }

    HttpApiEvent body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8), false);
    }

    byte[] toJson() {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", rawPath);
        event.put("rawQueryString", rawQuery);
        if (!cookies.isEmpty()) {
            var array = event.putArray("cookies");
            cookies.forEach(array::add);
        }
        ObjectNode h = event.putObject("headers");
        headers.forEach((name, values) -> h.put(name, String.join(",", values)));
        if (!rawQuery.isEmpty()) {
            ObjectNode params = event.putObject("queryStringParameters");
            queryParameters().forEach((name, values) -> params.put(name, String.join(",", values)));
        }
        event.set("requestContext", Json.MAPPER.valueToTree(HttpApiEvents.requestContext(method, rawPath,
                "abc123.execute-api.us-east-1.amazonaws.com", "198.51.100.7", requestId, Instant.now())));
        if (body != null) {
            event.put("body", base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8));
        }
        event.put("isBase64Encoded", base64);
        return Json.write(event);
    }

    /** API Gateway's request ids look like "JKJaXmPLvHcESHA=". */
    private static String apiGatewayRequestId() {
        byte[] bytes = new byte[11];
        ThreadLocalRandom.current().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private Map<String, List<String>> queryParameters() {
        var params = new LinkedHashMap<String, List<String>>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return params;
    }

    /** The first value of a header, by lower-cased name. */
    java.util.Optional<String> firstHeader(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(values.getFirst());
    }
}
