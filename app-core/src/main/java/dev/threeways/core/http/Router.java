package dev.threeways.core.http;

import dev.threeways.core.log.JsonLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Method + path routing with {@code {param}} segments. It is itself a {@link Handler}, and it is
 * the last line of defence: whatever a handler throws becomes a problem response, never a stack trace.
 */
public final class Router implements Handler {
    private static final JsonLog LOG = JsonLog.of(Router.class);

    private final List<Route> routes;

    private Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public HttpResponse handle(HttpRequest request) {
        try {
            return dispatch(request);
        } catch (ProblemException e) {
            return e.problem().toResponse();
        } catch (RuntimeException e) {
            LOG.error("unhandled error", e, Map.of("method", request.method(), "path", request.path()));
            return Problem.of(500, "internal-error", "Internal error",
                    "The request could not be completed; it has been logged with request id "
                            + request.requestId() + ".").toResponse();
        }
    }

    private HttpResponse dispatch(HttpRequest request) {
        String[] segments = split(request.path());
        var allowed = new TreeSet<String>();
        for (Route route : routes) {
            Map<String, String> params = route.match(segments);
            if (params == null) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return route.handler().handle(request.withPathParams(params));
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            return Problem.of(405, "method-not-allowed", "Method not allowed",
                            request.method() + " is not supported on " + request.path() + "; allowed: "
                                    + String.join(", ", allowed) + ".")
                    .toResponse()
                    .withHeader("Allow", String.join(", ", allowed));
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

    record Route(String method, String[] pattern, Handler handler) {
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

        public Builder route(String method, String pathPattern, Handler handler) {
            routes.add(new Route(method, split(pathPattern), handler));
            return this;
        }

        public Builder get(String pathPattern, Handler handler) {
            return route("GET", pathPattern, handler);
        }

        public Builder post(String pathPattern, Handler handler) {
            return route("POST", pathPattern, handler);
        }

        public Router build() {
            return new Router(routes);
        }
    }
}
