package dev.threeways.server;

import dev.threeways.core.http.BodyLimit;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.Problem;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import dev.threeways.core.log.JsonLog;
import org.xnio.IoUtils;
import org.xnio.XnioExecutor;

/**
 * Serves the app's handler from Undertow. Runs off the I/O threads (the caller dispatches it), reads
 * the body blocking but never more than the limit plus one byte, so an oversized body is refused
 * without being buffered.
 */
final class UndertowBridge implements HttpHandler {
    private static final JsonLog LOG = JsonLog.of(UndertowBridge.class);
    private final Handler app;
    private final int maxBodyBytes;
    private final long deadlineNanos;

    UndertowBridge(Handler app, int maxBodyBytes, Duration requestDeadline) {
        this.app = app;
        this.maxBodyBytes = maxBodyBytes;
        this.deadlineNanos = requestDeadline.toNanos();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.startBlocking();
        if (exchange.getRequestContentLength() > maxBodyBytes) {
            Exchanges.reject(exchange, BodyLimit.tooLarge(maxBodyBytes), "declared body over the limit");
            return;
        }
        byte[] body;
        // the read timeout is per read, so a body trickled byte by byte would never trip it: past the
        // whole-request deadline the connection is closed, which ends the blocked read below
        long started = exchange.getRequestStartTime() > 0 ? exchange.getRequestStartTime() : System.nanoTime();
        long remaining = Math.max(0, started + deadlineNanos - System.nanoTime());
        var expired = new AtomicBoolean();
        XnioExecutor.Key deadline = exchange.getIoThread().executeAfter(() -> {
            expired.set(true);
            IoUtils.safeClose(exchange.getConnection());
        }, remaining, TimeUnit.NANOSECONDS);
        try {
            body = readAtMost(exchange.getInputStream(), maxBodyBytes + 1);
        } catch (IOException e) {
            // the client stalled past the read timeout, overran the deadline or went away mid-body
            if (expired.get()) {
                LOG.info("request cut off at its deadline", Map.of("path", exchange.getRequestPath(),
                        "deadlineMs", TimeUnit.NANOSECONDS.toMillis(deadlineNanos)));
            } else if (!exchange.isResponseStarted()) {
                Exchanges.reject(exchange, Problem.of(408, "request-timeout", "Request timeout",
                        "The request body did not arrive in time.").toResponse(), "body read failed");
            }
            return;
        } finally {
            deadline.remove();
        }
        if (body.length > maxBodyBytes) {
            Exchanges.reject(exchange, BodyLimit.tooLarge(maxBodyBytes), "body over the limit");
            return;
        }
        Headers headers = Exchanges.headers(exchange);
        var request = new HttpRequest(exchange.getRequestMethod().toString(), exchange.getRequestPath(),
                exchange.getQueryString(), headers, body, Exchanges.requestId(headers), Map.of());
        Exchanges.send(exchange, app.handle(request));
    }

    private static byte[] readAtMost(InputStream in, int limit) throws IOException {
        return in.readNBytes(limit);
    }
}
