package dev.threeways.lambdalocal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Runtime API (version 2018-06-01) for one execution environment, on 127.0.0.1 and a port of the system's
 * choosing: the endpoints the runtime interface client calls.
 */
final class RuntimeApiServer implements AutoCloseable {

    private static final String PREFIX = "/2018-06-01/runtime/";
    private static final Pattern INVOCATION_RESULT = Pattern.compile("invocation/([^/]+)/(response|error)");
    private static final String ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type";

    private final RuntimeApi environment;
    private final String environmentId;
    private final HttpServer server;
    // /next blocks for as long as the environment is idle: one (virtual) thread per exchange, never the dispatcher
    private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();

    private RuntimeApiServer(RuntimeApi environment, String environmentId) throws IOException {
        this.environment = environment;
        this.environmentId = environmentId;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PREFIX, this::handle);
        server.setExecutor(exchanges);
    }

    static RuntimeApiServer start(RuntimeApi environment, String environmentId) {
        try {
            RuntimeApiServer api = new RuntimeApiServer(environment, environmentId);
            api.server.start();
            return api;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Runtime API for environment " + environmentId, e);
        }
    }

    /** The value for {@code AWS_LAMBDA_RUNTIME_API}. */
    String hostAndPort() {
        InetSocketAddress address = server.getAddress();
        return address.getAddress().getHostAddress() + ":" + address.getPort();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            if (path.equals("invocation/next")) {
                if (!method.equals("GET")) {
                    reply(exchange, 405, "InvalidRequest", "use GET for " + PREFIX + path);
                    return;
                }
                next(exchange);
                return;
            }
            Matcher result = INVOCATION_RESULT.matcher(path);
            if (result.matches() && method.equals("POST")) {
                String requestId = result.group(1);
                byte[] body = readBody(exchange);
                boolean known = result.group(2).equals("response")
                        ? environment.invocationResponse(requestId, body)
                        : environment.invocationError(requestId, body, errorType(exchange));
                if (known) {
                    accepted(exchange);
                } else {
                    // RAPID answers an id it is not waiting for the same way
                    reply(exchange, 400, "InvalidRequestID",
                            "environment " + environmentId + " has no invocation " + requestId + " in flight");
                }
                return;
            }
            if (path.equals("init/error") && method.equals("POST")) {
                environment.initError(readBody(exchange), errorType(exchange));
                accepted(exchange);
                return;
            }
            reply(exchange, 404, "NotFound", "the local Runtime API has no " + method + " " + PREFIX + path);
        }
    }

    private void next(HttpExchange exchange) throws IOException {
        RuntimeApi.Handover handover;
        try {
            handover = environment.awaitNextInvocation();
        } catch (InterruptedException e) {
            // the environment is being shut down; the runtime is about to be killed
            Thread.currentThread().interrupt();
            reply(exchange, 500, "EnvironmentShutDown", "environment " + environmentId + " is shutting down");
            return;
        }
        var headers = exchange.getResponseHeaders();
        // the client's libcurl code copies Content-Type into a std::string and crashes when the header is absent
        headers.set("Content-Type", "application/json");
        headers.set("Lambda-Runtime-Aws-Request-Id", handover.requestId());
        headers.set("Lambda-Runtime-Deadline-Ms", Long.toString(handover.deadlineEpochMillis()));
        headers.set("Lambda-Runtime-Invoked-Function-Arn", handover.functionArn());
        headers.set("Lambda-Runtime-Trace-Id", handover.traceId());
        Exchanges.send(exchange, 200, handover.event());
    }

    private static String errorType(HttpExchange exchange) {
        String type = exchange.getRequestHeaders().getFirst(ERROR_TYPE_HEADER);
        return type == null ? "" : type;
    }

    private static byte[] readBody(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readAllBytes();
        }
    }

    private static void accepted(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        Exchanges.send(exchange, 202, "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static void reply(HttpExchange exchange, int status, String errorType, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        Exchanges.send(exchange, status, Json.error(errorType, message).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        // interrupt first: a /next still waiting would otherwise hold stop() for its whole grace period
        exchanges.shutdownNow();
        server.stop(0);
    }
}
