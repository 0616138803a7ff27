package dev.threeways.server;

import dev.threeways.core.http.Problem;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outermost handler: counts requests in flight and, once draining, answers every new request
 * with 503 and {@code Connection: close} instead of accepting it. Undertow's own
 * GracefulShutdownHandler does the counting too, but answers a bare 503 and leaves keep-alive
 * connections open; this one answers a problem and closes them.
 */
final class DrainHandler implements HttpHandler {
    private final HttpHandler next;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean draining;

    DrainHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // count first, then look: a request that sees draining == false is counted before drain() reads the count
        inFlight.incrementAndGet();
        if (draining) {
            inFlight.decrementAndGet();
            Exchanges.reject(exchange, Problem.of(503, "draining", "Draining",
                    "This instance is shutting down; retry on another.").toResponse().withHeader("Retry-After", "1"),
                    "draining");
            return;
        }
        exchange.addExchangeCompleteListener((ex, nextListener) -> {
            inFlight.decrementAndGet();
            nextListener.proceed();
        });
        next.handleRequest(exchange);
    }

    void startDraining() {
        draining = true;
    }

    boolean isDraining() {
        return draining;
    }

    int inFlight() {
        return inFlight.get();
    }

    /** Waits until no request is in flight or {@code timeout} passes; true when idle. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inFlight.get() > 0) {
            if (System.nanoTime() >= deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
