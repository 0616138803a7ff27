package dev.threeways.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The same HTTP API mapping as {@link HttpApiHandler}, reading and writing the event with the app's own
 * JSON mapper. The runtime client then deserializes no event class: measured under lambda-local, its
 * event deserialization is most of a cold start (see the README), and the app already pays for one
 * JSON library.
 */
public final class HttpApiStreamHandler implements RequestStreamHandler {
    private final HttpApiMapping mapping;

    public HttpApiStreamHandler() {
        this(LambdaApp.get().app().handler());
    }

    public HttpApiStreamHandler(Handler app) {
        this.mapping = new HttpApiMapping(app);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        HttpApiMapping.Event event;
        try {
            event = event(Json.MAPPER.readTree(input.readAllBytes()));
        } catch (JacksonException e) {
            event = new HttpApiMapping.Event(null, null, null, null, null, null, false);
        }
        HttpApiMapping.Response response = mapping.handle(event, context == null ? "" : context.getAwsRequestId());
        var out = new LinkedHashMap<String, Object>();
        out.put("statusCode", response.statusCode());
        out.put("headers", response.headers());
        if (response.cookies() != null) {
            out.put("cookies", response.cookies());
        }
        out.put("body", response.body());
        out.put("isBase64Encoded", response.isBase64Encoded());
        output.write(Json.write(out));
    }

    private static HttpApiMapping.Event event(JsonNode json) {
        JsonNode http = json.path("requestContext").path("http");
        var headers = new LinkedHashMap<String, String>();
        json.path("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        List<String> cookies = new ArrayList<>();
        json.path("cookies").forEach(c -> cookies.add(c.asString()));
        return new HttpApiMapping.Event(text(http, "method"), text(json, "rawPath"), text(json, "rawQueryString"),
                headers, cookies, text(json, "body"), json.path("isBase64Encoded").asBoolean(false));
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || v.isNull() ? null : v.asString();
    }

}
