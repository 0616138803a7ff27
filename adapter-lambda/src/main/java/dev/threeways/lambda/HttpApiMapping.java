package dev.threeways.lambda;

import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Problem;
import dev.threeways.core.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway HTTP API (payload format 2.0) ⇄ the app, whatever reads the event: the event's path
 * (which API Gateway has percent-decoded, whatever its name says), raw query, headers (API Gateway
 * lower-cases them and joins repeats with commas), cookies and body (base64 when binary) become an app
 * request; the response's cookies go in the {@code cookies} field
 * and a binary body is base64-encoded, as the HTTP API expects.
 */
final class HttpApiMapping {
    /** The parts of the event the app needs. */
    record Event(String method, String rawPath, String rawQuery, Map<String, String> headers, List<String> cookies,
                 String body, boolean base64) {}

    /** The response in the shape API Gateway reads (field names are the wire names). */
    record Response(int statusCode, Map<String, String> headers, List<String> cookies, String body,
                    boolean isBase64Encoded) {}

    private final Handler app;

    HttpApiMapping(Handler app) {
        this.app = app;
    }

    Response handle(Event event, String requestId) {
        if (event.method() == null || event.method().isBlank()) {
            return toEvent(Problem.badRequest("malformed-event", "Malformed event",
                    "The invocation is not an API Gateway HTTP API (payload format 2.0) event.").toResponse());
        }
        try {
            byte[] body = body(event);
            // the HTTP API has decoded the path already (rawPath is not raw): decoding it again would turn a
            // requested "/payments/100%25" into a malformed "/payments/100%"
            var request = new HttpRequest(event.method(), event.rawPath() == null ? "/" : event.rawPath(),
                    event.rawQuery(), headers(event), body, requestId == null ? "" : requestId, Map.of());
            return toEvent(app.handle(request));
        } catch (ProblemException e) {
            return toEvent(e.problem().toResponse());
        }
    }

    private static byte[] body(Event event) {
        if (event.body() == null) {
            return new byte[0];
        }
        if (!event.base64()) {
            return event.body().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return Base64.getDecoder().decode(event.body());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.badRequest("malformed-event", "Malformed event",
                    "The body is marked base64 but is not."));
        }
    }

    private static Headers headers(Event event) {
        var headers = Headers.builder();
        if (event.headers() != null) {
            event.headers().forEach((name, value) -> {
                if (name != null && !name.isEmpty() && value != null) {
                    headers.add(name, value);
                }
            });
        }
        if (event.cookies() != null && !event.cookies().isEmpty()) {
            headers.set("cookie", String.join("; ", event.cookies()));
        }
        return headers.build();
    }

    static Response toEvent(HttpResponse response) {
        var headers = new LinkedHashMap<String, String>();
        List<String> cookies = new ArrayList<>();
        response.headers().asMap().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Set-Cookie")) {
                cookies.addAll(values);
            } else {
                headers.put(name, String.join(",", values));
            }
        });
        boolean text = isText(response.headers().first("Content-Type").orElse(""));
        return new Response(response.status(), headers, cookies.isEmpty() ? null : cookies,
                text ? response.bodyAsString() : Base64.getEncoder().encodeToString(response.body()), !text);
    }

    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("charset=");
    }
}
