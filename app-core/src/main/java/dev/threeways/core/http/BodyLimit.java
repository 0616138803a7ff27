package dev.threeways.core.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Rejects bodies over the limit with 413 before any handler sees them. Servers also enforce the limit
 * while reading, so a huge body is never buffered; this is the check every runtime shares.
 */
public final class BodyLimit implements Handler {
    private final int maxBytes;
    private final Handler next;

    public BodyLimit(int maxBytes, Handler next) {
        this.maxBytes = maxBytes;
        this.next = next;
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        if (request.body().length > maxBytes) {
            return tooLarge(maxBytes);
        }
        return next.handle(request);
    }

    @Override
    public CompletionStage<HttpResponse> handleAsync(HttpRequest request) {
        if (request.body().length > maxBytes) {
            return CompletableFuture.completedFuture(tooLarge(maxBytes));
        }
        return next.handleAsync(request);
    }

    public static HttpResponse tooLarge(int maxBytes) {
        return Problem.of(413, "payload-too-large", "Payload too large",
                "The request body is larger than " + maxBytes + " bytes.").toResponse();
    }
}
