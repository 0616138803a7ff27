package dev.threeways.core.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.threeways.core.http.Json;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;

/**
 * A stand-in for Secrets Manager's {@code GetSecretValue} (the one call the app makes), speaking the
 * service's AWS JSON 1.1 protocol on a loopback port, so the real SDK client in the app reads from it
 * through {@code AWS_ENDPOINT_URL_SECRETS_MANAGER}. No SQS-like open-source server exists for Secrets
 * Manager that runs without Docker; signatures are not checked.
 */
public final class LocalSecretsManager implements AutoCloseable {
    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    private LocalSecretsManager(HttpServer server) {
        this.server = server;
    }

    public static LocalSecretsManager start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            var local = new LocalSecretsManager(server);
            server.createContext("/", local::handle);
            server.start();
            return local;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public LocalSecretsManager put(String id, String value) {
        secrets.put(id, value);
        return this;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** How many GetSecretValue calls were answered. */
    public int reads() {
        return reads.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            JsonNode request = Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes());
            if (!"POST".equals(exchange.getRequestMethod()) || !"secretsmanager.GetSecretValue".equals(target)) {
                reply(exchange, 400, Map.of("__type", "InvalidRequestException", "message", "only GetSecretValue: " + target));
                return;
            }
            String id = request.path("SecretId").asString("");
            String value = secrets.get(id);
            if (value == null) {
                reply(exchange, 400, Map.of("__type", "ResourceNotFoundException",
                        "message", "Secrets Manager can't find the specified secret."));
                return;
            }
            reads.incrementAndGet();
            reply(exchange, 200, Map.of("ARN", id, "Name", id, "SecretString", value, "VersionId", "local",
                    "VersionStages", java.util.List.of("AWSCURRENT")));
        }
    }

    private static void reply(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
