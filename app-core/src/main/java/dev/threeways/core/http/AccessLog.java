package dev.threeways.core.http;

import dev.threeways.core.log.JsonLog;
import java.util.LinkedHashMap;
import java.util.UUID;

/**
 * One JSON line per request, and the request id bound for every line logged while it is handled.
 * The id comes from the runtime (Lambda's request id, a proxy's header) or is made here, and is sent
 * back as {@code X-Request-Id}.
 */
public final class AccessLog implements Handler {
    private static final JsonLog LOG = JsonLog.of(AccessLog.class);
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final java.util.regex.Pattern SAFE_ID = java.util.regex.Pattern.compile("[A-Za-z0-9._:;=/+\\-]{1,200}");

    /**
     * The id the caller gave in {@code header}, if it is one that can go into a log line and back out as a
     * header unchanged; empty otherwise. Every way keeps the caller's {@code X-Request-Id}, so a client can
     * follow its request into the logs wherever it runs.
     */
    public static String callerId(Headers headers, String header) {
        String id = headers.first(header).orElse("");
        return SAFE_ID.matcher(id).matches() ? id : "";
    }

    private final Handler next;

    public AccessLog(Handler next) {
        this.next = next;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String id = request.requestId().isEmpty() ? UUID.randomUUID().toString() : request.requestId();
        HttpRequest withId = new HttpRequest(request.method(), request.path(), request.rawQuery(), request.headers(),
                request.body(), id, request.pathParams());
        long start = System.nanoTime();
        HttpResponse response = ScopedValue.where(JsonLog.REQUEST_ID, id).call(() -> next.handle(withId));
        var fields = new LinkedHashMap<String, Object>();
        fields.put("method", request.method());
        fields.put("path", request.path());
        fields.put("status", response.status());
        fields.put("bytesIn", request.body().length);
        fields.put("bytesOut", response.body().length);
        fields.put("durationMs", (System.nanoTime() - start) / 1_000_000.0);
        fields.put("requestId", id);
        LOG.info("request", fields);
        return response.withHeader(REQUEST_ID_HEADER, id);
    }
}
