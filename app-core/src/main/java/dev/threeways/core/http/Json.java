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

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /**
     * Appends {@code s} to {@code b} as a JSON string, escaped as {@link #MAPPER} escapes one (quote, backslash,
     * the control characters; nothing else): for a document written by hand where the mapper's cost would show,
     * the log's lines and the hello answer. Runs without an escape are appended whole.
     */
    public static StringBuilder quote(StringBuilder b, CharSequence s) {
        b.append('"');
        int plain = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            b.append(s, plain, i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            plain = i + 1;
        }
        return b.append(s, plain, s.length()).append('"');
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
