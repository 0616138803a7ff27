package dev.threeways.resilience;

import dev.threeways.core.http.Json;
import dev.threeways.lambda.HttpApiEvents;
import dev.threeways.lambda.LambdaFunctions;
import dev.threeways.lambda.SqsEventSource;
import dev.threeways.lambdalocal.InvokeResult;
import dev.threeways.lambdalocal.LambdaLocal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

/**
 * The Lambda way as deployed: the HTTP function (the deployed stream handler) behind what API Gateway's
 * HTTP API does with its answer, and the queue function fed by a stand-in for the event source mapping
 * (receive, invoke, delete what the partial batch response did not report failed), both under
 * lambda-local with the real runtime interface client.
 */
public final class LambdaWay implements Way {
    static final String HTTP_HANDLER = "dev.threeways.lambda.HttpApiStreamHandler::handleRequest";
    static final String QUEUE_HANDLER = "dev.threeways.lambda.QueueHandler::handleRequest";

    private final LambdaLocal http;
    private final LambdaLocal queue;
    private final AutoCloseable eventSourceMapping;
    private final StringBuilder invokeLogs = new StringBuilder();

    private LambdaWay(LambdaLocal http, LambdaLocal queue, SqsClient sqs, String queueUrl) {
        this.http = http;
        this.queue = queue;
        this.eventSourceMapping = new SqsEventSource(sqs, queueUrl, queue).running();
    }

    static LambdaWay start(Map<String, String> env, SqsClient sqs, String queueUrl) {
        LambdaLocal http = LambdaFunctions.function(HTTP_HANDLER, LambdaFunctions.artifactClasspath(), env).build();
        LambdaLocal queue = LambdaFunctions.function(QUEUE_HANDLER, LambdaFunctions.artifactClasspath(), env).build();
        return new LambdaWay(http, queue, sqs, queueUrl);
    }

    @Override
    public String name() {
        return "Lambda";
    }

    /** The HTTP function, for a front other than this class's own (the parity suite's invoke API and HTTP API). */
    public LambdaLocal http() {
        return http;
    }

    /** API Gateway's side: the request as an HTTP API event; a function error or timeout is API Gateway's 500 / 503. */
    @Override
    public Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        String event = body.length == 0 && method.equals("GET")
                ? HttpApiEvents.event(method, path.contains("?") ? path.substring(0, path.indexOf('?')) : path,
                        path.contains("?") ? path.substring(path.indexOf('?') + 1) : "", headers, null, false, java.util.List.of())
                : HttpApiEvents.event(method, path, "", headers, new String(body, StandardCharsets.UTF_8), false,
                        java.util.List.of());
        InvokeResult result = http.invoke(event);
        synchronized (invokeLogs) {
            invokeLogs.append(result.logs());
        }
        if (!result.isSuccess()) {
            return new Answer(result.runtimeErrorType().equals("Sandbox.Timedout") ? 503 : 500, result.errorJson());
        }
        JsonNode answer = Json.MAPPER.readTree(result.payload());
        String responseBody = answer.path("body").asString("");
        if (answer.path("isBase64Encoded").asBoolean(false)) {
            responseBody = new String(Base64.getDecoder().decode(responseBody), StandardCharsets.UTF_8);
        }
        return new Answer(answer.path("statusCode").asInt(500), responseBody);
    }

    @Override
    public String logs() {
        var all = new StringBuilder();
        synchronized (invokeLogs) {
            all.append(invokeLogs);
        }
        for (var fn : new LambdaLocal[] {http, queue}) {
            fn.environments().forEach(e -> all.append(fn.environmentLog(e.id())));
        }
        return all.toString();
    }

    /** Resident memory of every live execution environment's JVM. */
    Map<String, Long> residentBytes() {
        var out = new LinkedHashMap<String, Long>();
        http.environments().forEach(e -> out.put("http-" + e.id(), Memory.residentBytes(e.pid())));
        queue.environments().forEach(e -> out.put("queue-" + e.id(), Memory.residentBytes(e.pid())));
        return out;
    }

    @Override
    public void close() {
        try {
            eventSourceMapping.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        http.close();
        queue.close();
    }
}
