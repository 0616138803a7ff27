package dev.threeways.core.http;

/** Answers one request. Throw {@link ProblemException} to answer with a problem. */
@FunctionalInterface
public interface Handler {
    HttpResponse handle(HttpRequest request);
}
