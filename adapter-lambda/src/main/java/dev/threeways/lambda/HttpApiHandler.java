package dev.threeways.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.PathDecoding;
import dev.threeways.core.http.Problem;
import dev.threeways.core.http.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * API Gateway HTTP API (payload format 2.0) → the app → back. The whole Lambda HTTP adapter: the
 * event's path, raw query, headers (API Gateway lower-cases them and joins repeats with commas),
 * cookies and body (base64 when binary) become an app request; the response's cookies go in the
 * {@code cookies} field and a binary body is base64-encoded, as the HTTP API expects.
 */
public final class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final Handler app;
    private final int maxPayloadBytes;

    /** What Lambda calls: the environment's app, built once in the init phase. */
    public HttpApiHandler() {
        this(LambdaApp.get().app().handler(), LambdaApp.get().maxPayloadBytes());
    }

    HttpApiHandler(Handler app, int maxPayloadBytes) {
        this.app = app;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        if (event == null || event.getRequestContext() == null || event.getRequestContext().getHttp() == null) {
            return toEvent(Problem.badRequest("malformed-event", "Malformed event",
                    "The invocation is not an API Gateway HTTP API (payload format 2.0) event.").toResponse());
        }
        byte[] body;
        try {
            body = body(event);
        } catch (IllegalArgumentException e) {
            return toEvent(Problem.badRequest("malformed-event", "Malformed event",
                    "The body is marked base64 but is not.").toResponse());
        }
        if (body.length > maxPayloadBytes) {
            return toEvent(Problem.of(413, "payload-too-large", "Payload too large",
                    "The request body is larger than Lambda's synchronous payload limit of " + maxPayloadBytes
                            + " bytes.").toResponse());
        }
        String path;
        try {
            path = PathDecoding.decode(event.getRawPath() == null ? "/" : event.getRawPath());
        } catch (ProblemException e) {
            return toEvent(e.problem().toResponse());
        }
        var request = new HttpRequest(event.getRequestContext().getHttp().getMethod(), path,
                event.getRawQueryString(), headers(event), body, context == null ? "" : context.getAwsRequestId(), Map.of());
        return toEvent(app.handle(request));
    }

    private static byte[] body(APIGatewayV2HTTPEvent event) {
        String body = event.getBody();
        if (body == null) {
            return new byte[0];
        }
        return event.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
    }

    private static Headers headers(APIGatewayV2HTTPEvent event) {
        var headers = Headers.builder();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (value != null) {
                    headers.add(name, value);
                }
            });
        }
        if (event.getCookies() != null && !event.getCookies().isEmpty()) {
            headers.set("cookie", String.join("; ", event.getCookies()));
        }
        return headers.build();
    }

    private static APIGatewayV2HTTPResponse toEvent(HttpResponse response) {
        var headers = new LinkedHashMap<String, String>();
        List<String> cookies = new ArrayList<>();
        response.headers().asMap().forEach((name, values) -> {
            if (name.equalsIgnoreCase("Set-Cookie")) {
                cookies.addAll(values);
            } else {
                headers.put(name, String.join(",", values));
            }
        });
        boolean text = isText(response.headers().first("Content-Type").orElse(""));
        var builder = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(response.status())
                .withHeaders(headers)
                .withIsBase64Encoded(!text)
                .withBody(text ? response.bodyAsString() : Base64.getEncoder().encodeToString(response.body()));
        if (!cookies.isEmpty()) {
            builder.withCookies(cookies);
        }
        return builder.build();
    }

    private static boolean isText(String contentType) {
        String type = contentType.toLowerCase(Locale.ROOT);
        return type.isEmpty() || type.startsWith("text/") || type.contains("json") || type.contains("xml")
                || type.contains("charset=");
    }
}
