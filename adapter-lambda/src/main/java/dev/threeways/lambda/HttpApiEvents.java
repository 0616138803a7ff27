package dev.threeways.lambda;

import dev.threeways.core.http.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** API Gateway HTTP API events (payload format 2.0) as API Gateway sends them: for the start-up archive's training run, tests and measurements. */
public final class HttpApiEvents {
    private HttpApiEvents() {}

    public static String get(String path, String rawQuery) {
        return event("GET", path, rawQuery, Map.of("accept", "application/json"), null, false, List.of());
    }

    public static String post(String path, Map<String, String> headers, String body) {
        return event("POST", path, "", headers, body, false, List.of());
    }

    public static String postBase64(String path, Map<String, String> headers, byte[] body) {
        return event("POST", path, "", headers, Base64.getEncoder().encodeToString(body), true, List.of());
    }

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** The {@code requestContext} API Gateway puts in an event: where the request came from, its id and time. */
    public static Map<String, Object> requestContext(String method, String path, String domainName, String sourceIp,
                                                     String requestId, Instant at) {
        var http = new LinkedHashMap<String, Object>();
        http.put("method", method);
        http.put("path", path);
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", sourceIp);
        http.put("userAgent", "curl/8.5.0");
        var context = new LinkedHashMap<String, Object>();
        context.put("accountId", "123456789012");
        context.put("apiId", "abc123");
        context.put("domainName", domainName);
        context.put("domainPrefix", "abc123");
        context.put("http", http);
        context.put("requestId", requestId);
        context.put("routeKey", "$default");
        context.put("stage", "$default");
        context.put("time", TIME.format(at));
        context.put("timeEpoch", at.toEpochMilli());
        return context;
    }

    public static String event(String method, String path, String rawQuery, Map<String, String> headers, String body,
                               boolean base64, List<String> cookies) {
        var lowerCased = new LinkedHashMap<String, String>();
        lowerCased.put("host", "abc123.execute-api.eu-west-1.amazonaws.com");
        lowerCased.put("user-agent", "curl/8.5.0");
        lowerCased.put("x-forwarded-for", "203.0.113.7");
        lowerCased.put("x-forwarded-proto", "https");
        headers.forEach((k, v) -> lowerCased.put(k.toLowerCase(Locale.ROOT), v));
        var context = requestContext(method, path, "abc123.execute-api.eu-west-1.amazonaws.com", "203.0.113.7",
                "JKJaXmPLvHcESHA=", Instant.ofEpochMilli(1_795_000_000_000L));
        var event = new LinkedHashMap<String, Object>();
        event.put("version", "2.0");
        event.put("routeKey", "$default");
        event.put("rawPath", path);
        event.put("rawQueryString", rawQuery);
        if (!cookies.isEmpty()) {
            event.put("cookies", cookies);
        }
        event.put("headers", lowerCased);
        event.put("requestContext", context);
        if (body != null) {
            event.put("body", body);
        }
        event.put("isBase64Encoded", base64);
        return new String(Json.write(event), StandardCharsets.UTF_8);
    }
}
