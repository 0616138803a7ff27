package dev.threeways.core.http;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A request as every runtime can describe it. The body is kept as the raw bytes received, because
 * webhook signatures are computed over exactly those bytes.
 *
 * @param method     upper-case method
 * @param path       the decoded path, starting with '/'
 * @param rawQuery   the query string as received, without '?', or empty
 * @param headers    case-insensitive headers
 * @param body       the raw body, never null
 * @param requestId  the id that ties log lines to this request
 * @param pathParams values of the route's {param} segments, filled in by the router
 */
public record HttpRequest(String method, String path, String rawQuery, Headers headers, byte[] body,
                          String requestId, Map<String, String> pathParams) {

    public HttpRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        rawQuery = rawQuery == null ? "" : rawQuery;
        headers = headers == null ? Headers.empty() : headers;
        body = body == null ? new byte[0] : body;
        requestId = requestId == null ? "" : requestId;
        pathParams = pathParams == null ? Map.of() : Map.copyOf(pathParams);
    }

    public static HttpRequest of(String method, String pathAndQuery, Headers headers, byte[] body, String requestId) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        return new HttpRequest(method, path, query, headers, body, requestId, Map.of());
    }

    public static HttpRequest get(String pathAndQuery) {
        return of("GET", pathAndQuery, Headers.empty(), new byte[0], "");
    }

    public QueryString query() {
        return QueryString.parse(rawQuery);
    }

    public Optional<String> header(String name) {
        return headers.first(name);
    }

    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null) {
            throw new IllegalStateException("route has no path parameter " + name);
        }
        return value;
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The media type of the body without parameters, lower-cased, or empty. */
    public String mediaType() {
        return headers.first("Content-Type")
                .map(v -> v.split(";", 2)[0].trim().toLowerCase(java.util.Locale.ROOT))
                .orElse("");
    }

    HttpRequest withPathParams(Map<String, String> params) {
        return new HttpRequest(method, path, rawQuery, headers, body, requestId, params);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpRequest r && method.equals(r.method) && path.equals(r.path)
                && rawQuery.equals(r.rawQuery) && headers.equals(r.headers)
                && java.util.Arrays.equals(body, r.body) && requestId.equals(r.requestId)
                && pathParams.equals(r.pathParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, path, rawQuery, headers, java.util.Arrays.hashCode(body), requestId, pathParams);
    }

    @Override
    public String toString() {
        return method + " " + path + (rawQuery.isEmpty() ? "" : "?" + rawQuery) + " (" + body.length + " bytes)";
    }
}
