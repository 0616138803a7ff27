package dev.threeways.server;

import dev.threeways.core.http.BodyLimit;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Problem;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.xnio.Options;
import org.xnio.channels.StreamSourceChannel;

/**
 * Serves the app's handler from Undertow through blocking I/O, for what may block or has a body to read.
 * Runs off the I/O threads (on a {@link WorkLimit} worker; {@link AppHandler} has refused a declared body over
 * the limit), reads the body within the read timeout and the
 * request deadline but never more than the limit plus one byte, so an oversized body is refused without
 * being buffered.
 */
final class UndertowBridge implements HttpHandler {
    private final Handler app;
    private final int maxBodyBytes;
    private final long stallNanos;
    private final long deadlineNanos;
    private final int idleTimeoutMs;

    UndertowBridge(Handler app, int maxBodyBytes, Duration readTimeout, Duration requestDeadline, Duration idleTimeout) {
        this.app = app;
        this.maxBodyBytes = maxBodyBytes;
        this.stallNanos = readTimeout.toNanos();
        this.deadlineNanos = requestDeadline.toNanos();
        this.idleTimeoutMs = (int) idleTimeout.toMillis();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.startBlocking();
        byte[] body;
        long started = exchange.getRequestStartTime() > 0 ? exchange.getRequestStartTime() : System.nanoTime();
        try {
            // while the body comes, the connection's own read timeout is the stall limit too (the socket's is the
            // idle keep-alive's): a read that waits that long closes the connection even if the wait below did not end
            exchange.getConnection().setOption(Options.READ_TIMEOUT, (int) TimeUnit.NANOSECONDS.toMillis(stallNanos));
            body = readBody(exchange, maxBodyBytes + 1, stallNanos, started + deadlineNanos);
            exchange.getConnection().setOption(Options.READ_TIMEOUT, idleTimeoutMs);
        } catch (IOException e) {
            // the client stalled past the read timeout, overran the deadline or went away mid-body
            if (!exchange.isResponseStarted() && exchange.getConnection().isOpen()) {
                Exchanges.reject(exchange, Problem.of(408, "request-timeout", "Request timeout",
                        "The request body did not arrive in time.").toResponse(),
                        e instanceof DeadlinePassed ? "request deadline passed"
                                : e instanceof BodyStalled ? "body stalled" : "body read failed");
            }
            return;
        }
        if (body.length > maxBodyBytes) {
            Exchanges.reject(exchange, BodyLimit.tooLarge(maxBodyBytes), "body over the limit");
            return;
        }
        Exchanges.send(exchange, app.handle(Exchanges.request(exchange, body)));
    }

    /**
     * Reads up to {@code limit} bytes of the body: no wait for more bytes longer than {@code stallNanos} (a
     * client that stopped sending), the whole read ending by {@code deadlineAt} (a body trickled a byte at a
     * time never stalls that long). All on this thread, on the request channel: closing the connection from
     * elsewhere while a blocking read holds Undertow's buffer fails inside Undertow instead.
     */
    private static byte[] readBody(HttpServerExchange exchange, int limit, long stallNanos, long deadlineAt)
            throws IOException {
        StreamSourceChannel channel = exchange.getRequestChannel();
        var out = new ByteArrayOutputStream();
        if (channel == null) {
            return out.toByteArray();
        }
        ByteBuffer buffer = ByteBuffer.allocate(8192);
        long lastBytesAt = System.nanoTime();
        while (out.size() < limit) {
            buffer.clear().limit(Math.min(buffer.capacity(), limit - out.size()));
            int n = channel.read(buffer);
            if (n < 0) {
                if (!exchange.getConnection().isOpen()) {
                    // the read timeout closed the connection while this thread waited
                    throw new IOException("connection closed mid-body");
                }
                break;
            }
            long now = System.nanoTime();
            if (n == 0) {
                long left = deadlineAt - now;
                if (left <= 0) {
                    throw new DeadlinePassed();
                }
                if (now - lastBytesAt >= stallNanos) {
                    throw new BodyStalled();
                }
                channel.awaitReadable(Math.min(left, lastBytesAt + stallNanos - now), TimeUnit.NANOSECONDS);
                continue;
            }
            lastBytesAt = now;
            out.write(buffer.array(), 0, n);
        }
        return out.toByteArray();
    }

    /** No byte of the body came for SERVER_READ_TIMEOUT_MS. */
    private static final class BodyStalled extends IOException {
        BodyStalled() {
            super("body stalled");
        }
    }

    /** The whole request took longer than HTTP_REQUEST_DEADLINE_MS. */
    private static final class DeadlinePassed extends IOException {
        DeadlinePassed() {
            super("request deadline passed");
        }
    }
}
