package dev.threeways.core.http;

import dev.threeways.core.log.JsonLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Method + path routing with {@code {param}} segments. It is itself a {@link Handler}, and it is
 * the last line of defence: whatever a handler throws becomes a problem response, never a stack trace.
 * Each route says what answering it needs of the calling thread ({@link Work}), so a server can answer
 * the cheap ones where the request arrived and give only the others a thread that may block.
 */
public final class Router implements Handler {
    private static final JsonLog LOG = JsonLog.of(Router.class);

    /** What answering a route needs of the thread that calls it. */
    public enum Work {
        /** The CPU alone, for microseconds, or an answer that completes later ({@link Handler#handleAsync}). */
        CPU,
        /** Waits on the network (the database, the queue): it needs a thread that may block, and a bound on how many. */
        BLOCKING
    }

    private final List<Route> routes;
    /** The work of each route without parameters, by method and path: asked on every request, before routing. */
    private final Map<String, Work> literalWork = new java.util.HashMap<>();

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
        for (int i = 0; i < this.routes.size(); i++) {
            Route route = this.routes.get(i);
            String[] pattern = route.pattern();
            // only where routing would take this route: no earlier one of the method matches its path
            boolean shadowed = this.routes.subList(0, i).stream()
                    .anyMatch(earlier -> earlier.method().equals(route.method()) && earlier.match(pattern) != null);
            if (!shadowed && java.util.Arrays.stream(pattern).noneMatch(p -> p.startsWith("{"))) {
                literalWork.put(route.method() + " /" + String.join("/", pattern), route.work());
            }
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        try {
            Matched matched = match(request);
            return matched.answer() != null ? matched.answer() : matched.route().handler().handle(matched.request());
        } catch (RuntimeException e) {
            return failed(request, e);
        }
    }

    /** As {@link #handle}, through the route's {@link Handler#handleAsync}: a check answers when it completes. */
    @Override
    public CompletionStage<HttpResponse> handleAsync(HttpRequest request) {
        try {
            Matched matched = match(request);
            if (matched.answer() != null) {
                return CompletableFuture.completedFuture(matched.answer());
            }
            return matched.route().handler().handleAsync(matched.request())
                    .exceptionally(e -> failed(request, e instanceof CompletionException c && c.getCause() != null
                            ? c.getCause() : e));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(failed(request, e));
        }
    }

    /** What answering {@code method path} needs of the calling thread; one no route takes is answered with a problem, CPU only. */
    public Work work(String method, String path) {
        Work literal = literalWork.get(method + " " + path);
        if (literal != null) {
            return literal;
        }
        String[] segments = split(path);
        for (Route route : routes) {
            if (route.method().equals(method) && route.match(segments) != null) {
                return route.work();
            }
        }
        return Work.CPU;
    }

    private static HttpResponse failed(HttpRequest request, Throwable e) {
        if (e instanceof ProblemException p) {
            return p.problem().toResponse();
        }
        LOG.error("unhandled error", e, Map.of("method", request.method(), "path", request.path()));
        return Problem.of(500, "internal-error", "Internal error",
                "The request could not be completed; it has been logged with request id "
                        + request.requestId() + ".").toResponse();
    }

    /** The route a request takes, with its path parameters; or, when none takes it, the answer (405). */
    private record Matched(Route route, HttpRequest request, HttpResponse answer) {}

    private Matched match(HttpRequest request) {
        String[] segments = split(request.path());
        TreeSet<String> allowed = null;
        for (Route route : routes) {
            Map<String, String> params = route.match(segments);
            if (params == null) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return new Matched(route, params.isEmpty() ? request : request.withPathParams(params), null);
            }
            if (allowed == null) {
                allowed = new TreeSet<>();
            }
            allowed.add(route.method());
        }
        if (allowed != null) {
            return new Matched(null, request, Problem.of(405, "method-not-allowed", "Method not allowed",
                            request.method() + " is not supported on " + request.path() + "; allowed: "
                                    + String.join(", ", allowed) + ".")
                    .toResponse()
                    .withHeader("Allow", String.join(", ", allowed)));
        }
        throw new ProblemException(Problem.of(404, "not-found", "Not found",
                "No route matches " + request.path() + "."));
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }

    record Route(String method, String[] pattern, Work work, Handler handler) {
        Map<String, String> match(String[] segments) {
            if (segments.length != pattern.length) {
                return null;
            }
            Map<String, String> params = null;
            for (int i = 0; i < pattern.length; i++) {
                String p = pattern[i];
                if (p.startsWith("{") && p.endsWith("}")) {
                    if (segments[i].isEmpty()) {
                        return null;
                    }
                    if (params == null) {
                        params = new LinkedHashMap<>();
                    }
                    params.put(p.substring(1, p.length() - 1), segments[i]);
                } else if (!p.equals(segments[i])) {
                    return null;
                }
            }
            return params == null ? Map.of() : params;
        }
    }

    public static final class Builder {
        private final List<Route> routes = new ArrayList<>();

        private Builder() {}

        public Builder route(String method, String pathPattern, Work work, Handler handler) {
            routes.add(new Route(method, split(pathPattern), work, handler));
            return this;
        }

        public Builder get(String pathPattern, Work work, Handler handler) {
            return route("GET", pathPattern, work, handler);
        }

        public Builder post(String pathPattern, Work work, Handler handler) {
            return route("POST", pathPattern, work, handler);
        }

        public Router build() {
            return new Router(routes);
        }
    }
}
