package dev.threeways.parity;

import dev.threeways.core.http.Json;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** What a client got: the status (0 when nothing came back), the headers (names lower-cased), the body. */
record Answer(int status, Map<String, String> headers, String body) {

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    String mediaType() {
        String type = header("content-type");
        return type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    }

    /** The body as JSON, or null when it is not JSON. */
    JsonNode json() {
        try {
            return Json.MAPPER.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    /**
     * The body as compared between ways: JSON without the fields that name a moment ({@code updatedAt}, when the
     * ledger applied the event, is a fact of each run), any other body as it came.
     */
    String comparable() {
        JsonNode json = json();
        if (json == null) {
            return body;
        }
        withoutMoments(json);
        return json.toString();
    }

    private static void withoutMoments(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("updatedAt");
        }
        node.forEach(Answer::withoutMoments);
    }

    @Override
    public String toString() {
        return status + " " + header("content-type") + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
    }
}
