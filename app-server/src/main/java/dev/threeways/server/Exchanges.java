package dev.threeways.server;

import dev.threeways.core.http.AccessLog;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.log.JsonLog;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.HttpString;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Moving requests and responses between Undertow's exchange and the app's records. */
public final class Exchanges {
    private static final JsonLog LOG = JsonLog.of(ResidentServer.class);
    private static final Map<String, HttpString> HEADER_NAMES = new java.util.concurrent.ConcurrentHashMap<>();

    private Exchanges() {}

    /** Whether the request has a body to read: a length above zero, or chunks. */
    static boolean hasBody(HttpServerExchange exchange) {
        return exchange.getRequestContentLength() > 0
                || exchange.getRequestHeaders().contains(io.undertow.util.Headers.TRANSFER_ENCODING);
    }

    /** The app's request for {@code exchange}, with {@code body} as read. */
    static HttpRequest request(HttpServerExchange exchange, byte[] body) {
        Headers headers = headers(exchange);
        return new HttpRequest(exchange.getRequestMethod().toString(), exchange.getRequestPath(),
                exchange.getQueryString(), headers, body, requestId(headers), Map.of());
    }

    static Headers headers(HttpServerExchange exchange) {
        var builder = Headers.builder();
        for (HeaderValues values : exchange.getRequestHeaders()) {
            String name = values.getHeaderName().toString();
            for (String v : values) {
                builder.add(name, v);
            }
        }
        return builder.build();
    }

    /**
     * The runtime's request id: the ALB's {@code X-Amzn-Trace-Id}, or empty. (A caller's own
     * {@code X-Request-Id} wins over it in {@link AccessLog}, as on every way.)
     */
    static String requestId(Headers headers) {
        return AccessLog.callerId(headers, "X-Amzn-Trace-Id");
    }

    /**
     * Undertow's name for a response header the app sets. The app's names are its code's, a handful, so they are
     * kept: Undertow's own lookup knows only the standard names, and builds and checks a new one for every other
     * (X-Request-Id, on every answer).
     */
    private static HttpString headerName(String name) {
        return HEADER_NAMES.computeIfAbsent(name, HttpString::tryFromString);
    }

    public static void send(HttpServerExchange exchange, HttpResponse response) {
        exchange.setStatusCode(response.status());
        var out = exchange.getResponseHeaders();
        response.headers().forEach((name, values) -> out.putAll(headerName(name), values));
        exchange.setResponseContentLength(response.body().length);
        exchange.getResponseSender().send(ByteBuffer.wrap(response.body()));
    }

    /**
     * Answers without the app (body too large before it is read, draining, a stalled client) and says
     * so in the access log; the connection is closed after the answer, since its state is unknown.
     */
    static void reject(HttpServerExchange exchange, HttpResponse response, String reason) {
        exchange.setPersistent(false);
        send(exchange, response.withHeader("Connection", "close"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("method", exchange.getRequestMethod().toString());
        fields.put("path", exchange.getRequestPath());
        fields.put("status", response.status());
        fields.put("reason", reason);
        LOG.info("request rejected", fields);
    }
}
