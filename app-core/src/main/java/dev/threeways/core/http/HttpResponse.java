package dev.threeways.core.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** A response as every runtime can send it. */
public record HttpResponse(int status, Headers headers, byte[] body) {

    public static final String JSON = "application/json";
    public static final String PROBLEM_JSON = "application/problem+json";

    public HttpResponse {
        if (status < 100 || status > 599) {
            throw new IllegalArgumentException("status " + status);
        }
        headers = headers == null ? Headers.empty() : headers;
        body = body == null ? new byte[0] : body;
    }

    private static final Headers JSON_HEADERS = Headers.of("Content-Type", JSON);

    public static HttpResponse json(int status, Object value) {
        return new HttpResponse(status, JSON_HEADERS, Json.write(value));
    }

    /** A JSON document written by hand (see {@link Json#quote}). */
    public static HttpResponse json(int status, StringBuilder document) {
        return new HttpResponse(status, JSON_HEADERS, document.toString().getBytes(StandardCharsets.UTF_8));
    }

    public HttpResponse withHeader(String name, String value) {
        return new HttpResponse(status, headers.with(name, value), body);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpResponse r && status == r.status && headers.equals(r.headers)
                && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return status + " " + headers + " " + bodyAsString();
    }
}
