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
import java.util.Map;

/**
 * Serves the app's handler from Undertow. Runs off the I/O threads (the caller dispatches it), reads
 * the body blocking but never more than the limit plus one byte, so an oversized body is refused
 * without being buffered.
 */
final class UndertowBridge implements HttpHandler {
    private final Handler app;
    private final int maxBodyBytes;

    UndertowBridge(Handler app, int maxBodyBytes) {
        this.app = app;
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        exchange.startBlocking();
        if (exchange.getRequestContentLength() > maxBodyBytes) {
            Exchanges.reject(exchange, BodyLimit.tooLarge(maxBodyBytes), "declared body over the limit");
            return;
        }
        byte[] body;
        try {
            body = readAtMost(exchange.getInputStream(), maxBodyBytes + 1);
        } catch (IOException e) {
            // the client stalled past the read timeout or went away mid-body
            if (!exchange.isResponseStarted()) {
                Exchanges.reject(exchange, Problem.of(408, "request-timeout", "Request timeout",
                        "The request body did not arrive in time.").toResponse(), "body read failed");
            }
            return;
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
