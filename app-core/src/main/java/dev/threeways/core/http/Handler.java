package dev.threeways.core.http;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Answers one request. Throw {@link ProblemException} to answer with a problem. */
@FunctionalInterface
public interface Handler {
    HttpResponse handle(HttpRequest request);

    /**
     * The same answer without waiting on the calling thread, for a server that calls from its I/O thread: a
     * handler whose answer waits on something (a readiness check) completes the stage when it has it. By
     * default, the synchronous answer.
     */
    default CompletionStage<HttpResponse> handleAsync(HttpRequest request) {
        try {
            return CompletableFuture.completedFuture(handle(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
