package dev.threeways.server;

import dev.threeways.core.App;
import dev.threeways.core.http.BodyLimit;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Problem;
import dev.threeways.core.http.Router.Work;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.SameThreadExecutor;
import java.util.concurrent.CompletableFuture;

/**
 * Where each request is answered. A route that needs only the CPU (hello, the probes, every problem) and
 * a request without a body are answered here, on the I/O thread the request arrived on: no thread hand-off,
 * no blocking stream, nothing allocated per request beyond the answer — and the probes answer however busy
 * the workers are. A probe that waits on a dependency check suspends the exchange and is answered from the
 * I/O thread when the check completes. Everything else (a route that blocks, a body to read) goes to the
 * {@link WorkLimit}'s workers through the blocking {@link UndertowBridge}.
 */
final class AppHandler implements HttpHandler {
    private static final byte[] NO_BODY = new byte[0];

    private final App app;
    private final HttpHandler blocking;
    private final WorkLimit limit;

    AppHandler(App app, HttpHandler blocking, WorkLimit limit) {
        this.app = app;
        this.blocking = blocking;
        this.limit = limit;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.getRequestContentLength() > app.config().maxBodyBytes()) {
            // refused before it takes a worker or a place in the line, as before any byte of it is read
            Exchanges.reject(exchange, BodyLimit.tooLarge(app.config().maxBodyBytes()), "declared body over the limit");
            return;
        }
        if (Exchanges.hasBody(exchange) || app.work(exchange.getRequestMethod().toString(), exchange.getRequestPath()) != Work.CPU) {
            limit.dispatch(exchange, blocking);
            return;
        }
        CompletableFuture<HttpResponse> answer = app.handler().handleAsync(Exchanges.request(exchange, NO_BODY))
                .toCompletableFuture();
        if (answer.isDone()) {
            Exchanges.send(exchange, answer.join());
            return;
        }
        // answered later, from this exchange's I/O thread; dispatching to the same thread keeps the exchange open
        exchange.dispatch(SameThreadExecutor.INSTANCE, () -> answer.whenComplete((response, failure) ->
                exchange.getIoThread().execute(() -> Exchanges.send(exchange, response != null ? response
                        : Problem.of(500, "internal-error", "Internal error", "The request could not be completed.").toResponse()))));
    }
}
