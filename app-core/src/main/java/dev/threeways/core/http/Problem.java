package dev.threeways.core.http;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An RFC 9457 problem. {@code type} is a stable URN so that clients can branch on it; {@code detail}
 * explains this occurrence and never carries a stack trace or internal names.
 */
public record Problem(String type, String title, int status, String detail, Map<String, Object> extensions) {

    public static final String TYPE_PREFIX = "urn:three-ways:problem:";

    public Problem {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_PREFIX + slug, title, status, detail, Map.of());
    }

    public static Problem badRequest(String slug, String title, String detail) {
        return of(400, slug, title, detail);
    }

    public Problem with(String key, Object value) {
        var ext = new LinkedHashMap<>(extensions);
        ext.put(key, value);
        return new Problem(type, title, status, detail, ext);
    }

    public HttpResponse toResponse() {
        var body = new LinkedHashMap<String, Object>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        if (detail != null) {
            body.put("detail", detail);
        }
        body.putAll(extensions);
        return new HttpResponse(status, Headers.of("Content-Type", HttpResponse.PROBLEM_JSON), Json.write(body));
    }
}
