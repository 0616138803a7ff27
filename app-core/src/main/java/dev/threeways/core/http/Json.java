package dev.threeways.core.http;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the app (Jackson 3: thread-safe, built once, no reflection-based modules). */
public final class Json {
    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private Json() {}

    public static byte[] write(Object value) {
        return MAPPER.writeValueAsBytes(value);
    }

    public static String writeString(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    /** Parses a request body; malformed JSON is the client's fault, so it becomes a 400 problem. */
    public static JsonNode readBody(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw new ProblemException(Problem.badRequest("malformed-json", "Malformed JSON",
                        "The request body is empty; a JSON document is required."));
            }
            return node;
        } catch (JacksonException e) {
            // a limit exceeded (nesting, length) has no location in the document
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")";
            throw new ProblemException(Problem.badRequest("malformed-json", "Malformed JSON",
                    "The request body is not valid JSON" + where + "."));
        }
    }
}
