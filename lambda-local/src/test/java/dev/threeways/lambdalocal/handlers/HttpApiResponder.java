package dev.threeways.lambdalocal.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An HTTP API function that answers what the request's body says, verbatim, so a test can hand the front
 * any answer a function might give; a body of {@code throw} throws and {@code sleep:<millis>} sleeps.
 * A request to {@code /event} (or under it) is answered with the event it became, as the body of a 200.
 */
public final class HttpApiResponder implements RequestStreamHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] eventBytes = input.readAllBytes();
        JsonNode event = JSON.readTree(eventBytes);
        if (event.get("rawPath").asString().startsWith("/event")) {
            var response = JSON.createObjectNode();
            response.put("statusCode", 200);
            response.putObject("headers").put("content-type", "application/json");
            response.put("body", new String(eventBytes, StandardCharsets.UTF_8));
            JSON.writeValue(output, response);
            return;
        }
        String body = event.path("body").asString("");
        if (event.get("isBase64Encoded").asBoolean()) {
            body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
        }
        if (body.equals("throw")) {
            throw new IllegalStateException("asked to fail");
        }
        if (body.startsWith("sleep:")) {
            try {
                Thread.sleep(Long.parseLong(body.substring(6)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        output.write(body.getBytes(StandardCharsets.UTF_8));
    }
}
