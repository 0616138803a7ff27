package dev.threeways.parity;

import dev.threeways.core.http.Json;
import dev.threeways.lambda.HttpApiEvents;
import dev.threeways.lambdalocal.HttpApiGateway;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The HTTP function reached through the Lambda Invoke API (lambda-local's invoke endpoint, over HTTP): each
 * request becomes the HTTP API event API Gateway would send for it ({@link HttpApiEvents}: the path decoded,
 * the query as sent, header names lower-cased and repeats joined, a non-text body in base64), and the
 * function's HTTP API response is read back into status, headers and body. What the Invoke API itself refuses
 * (an event over 6 MB) is its own answer: {@code 413} with Lambda's error document.
 */
final class InvokeWay extends StartedWay {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI invocations;

    InvokeWay(URI invocations, Supplier<String> logs, AutoCloseable stop) {
        super(Kind.LAMBDA_INVOKE, logs, stop);
        this.invocations = invocations;
    }

    static String event(Request request) {
        var headers = new LinkedHashMap<String, String>();
        request.headers().forEach(h -> headers.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + "," + b));
        if (request.body().length > 0) {
            headers.put("content-length", String.valueOf(request.body().length));
        }
        String path = URLDecoder.decode(request.path().replace("+", "%2B"), StandardCharsets.UTF_8);
        boolean text = HttpApiGateway.isTextual(headers.get("content-type"));
        String body = request.body().length == 0 ? null
                : text ? new String(request.body(), StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(request.body());
        return HttpApiEvents.event(request.method(), path, request.rawQuery(), headers, body, body != null && !text, List.of());
    }

    @Override
    public Answer send(Request request) {
        var invoke = HttpRequest.newBuilder(invocations).timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(event(request), StandardCharsets.UTF_8)).build();
        HttpResponse<String> response;
        try {
            response = HTTP.send(invoke, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            return new Answer(0, Map.of(), "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, Map.of(), "interrupted");
        }
        if (response.statusCode() != 200 || response.headers().firstValue("X-Amz-Function-Error").isPresent()) {
            // the Invoke API's own refusal, or the function's error document
            return new Answer(response.statusCode() == 200 ? 502 : response.statusCode(),
                    Map.of("content-type", response.headers().firstValue("Content-Type").orElse("")), response.body());
        }
        JsonNode answer = Json.MAPPER.readTree(response.body());
        var headers = new LinkedHashMap<String, String>();
        answer.path("headers").properties().forEach(h -> headers.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asString()));
        String body = answer.path("body").asString("");
        if (answer.path("isBase64Encoded").asBoolean(false)) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        return new Answer(answer.path("statusCode").asInt(0), headers, body);
    }
}
