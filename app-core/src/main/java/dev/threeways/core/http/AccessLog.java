package dev.threeways.core.http;

import dev.threeways.core.log.JsonLog;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * One JSON line per request, and the request id bound for every line logged while it is handled.
 * The id is the caller's {@code X-Request-Id} when it sent a usable one — on every way, so a client can
 * follow its request into the logs wherever it runs —, else the runtime's (Lambda's request id, the load
 * balancer's trace id), else one made here; it is sent back as {@code X-Request-Id}.
 */
public final class AccessLog implements Handler {
    private static final JsonLog LOG = JsonLog.of(AccessLog.class);
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    /** What a caller's or proxy's request id may look like before it is logged and sent back. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:;=/+\\-]{1,200}");

    /** The id in {@code header}, if it can go into a log line and back out as a header unchanged; empty otherwise. */
    public static String callerId(Headers headers, String header) {
        String id = headers.first(header).orElse("");
        return !id.isEmpty() && SAFE_ID.matcher(id).matches() ? id : "";
    }

    private final Handler next;

    public AccessLog(Handler next) {
        this.next = next;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        String id = idOf(request);
        long start = System.nanoTime();
        HttpResponse response = ScopedValue.where(JsonLog.REQUEST_ID, id).call(() -> next.handle(withId(request, id)));
        return logged(request, id, start, response);
    }

    @Override
    public CompletionStage<HttpResponse> handleAsync(HttpRequest request) {
        String id = idOf(request);
        long start = System.nanoTime();
        CompletionStage<HttpResponse> answer = ScopedValue.where(JsonLog.REQUEST_ID, id)
                .call(() -> next.handleAsync(withId(request, id)));
        return answer.thenApply(response -> logged(request, id, start, response));
    }

    private static String idOf(HttpRequest request) {
        String caller = callerId(request.headers(), REQUEST_ID_HEADER);
        return !caller.isEmpty() ? caller : !request.requestId().isEmpty() ? request.requestId() : newId();
    }

    /**
     * A random (version 4) UUID from a thread's own generator: an id must be unique, not unguessable, and
     * {@link UUID#randomUUID()} takes a lock on the process's one SecureRandom for every request.
     */
    static String newId() {
        var random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000_0000_0000_0000L)) | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    private static HttpRequest withId(HttpRequest request, String id) {
        return new HttpRequest(request.method(), request.path(), request.rawQuery(), request.headers(),
                request.body(), id, request.pathParams());
    }

    private static HttpResponse logged(HttpRequest request, String id, long start, HttpResponse response) {
        if (LOG.enabled(JsonLog.Level.INFO)) {
            LOG.line(JsonLog.Level.INFO, "request")
                    .field("method", request.method())
                    .field("path", request.path())
                    .field("status", response.status())
                    .field("bytesIn", request.body().length)
                    .field("bytesOut", response.body().length)
                    .field("durationMs", (System.nanoTime() - start) / 1_000_000.0)
                    .field("requestId", id)
                    .write();
        }
        return response.withHeader(REQUEST_ID_HEADER, id);
    }
}
