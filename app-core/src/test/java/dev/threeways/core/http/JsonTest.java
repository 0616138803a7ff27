package dev.threeways.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.threeways.core.api.Endpoints;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hand-written JSON string is the mapper's, byte for byte: what the hello answer and the log rely on. */
class JsonTest {
    @Test
    void quotedAsTheMapperQuotesEveryCharacterThatNeedsItAndNoOther() {
        var tricky = new StringBuilder("plain, \"quoted\", back\\slash, / é ✓ 😀 \u2028");
        for (char c = 0; c < 0x20; c++) {
            tricky.append(c);
        }
        tricky.append("\u007f end");
        for (String s : new String[] {"", "world", tricky.toString(), "\"", "\\", "\n"}) {
            assertEquals(Json.writeString(s), Json.quote(new StringBuilder(), s).toString(), "quoting " + s);
        }
    }

    @Test
    void theHelloAnswerIsTheMappersMessage() {
        String name = "a \"b\"\\\n\u0001 é";
        assertEquals(Json.writeString(new Endpoints.Message("hello, " + name)),
                HttpResponse.json(200, Json.quote(new StringBuilder("{\"message\":"), "hello, " + name).append('}'))
                        .bodyAsString());
        assertEquals("application/json", HttpResponse.json(200, new StringBuilder("{}")).headers().first("content-type").orElseThrow());
        assertEquals("{}", new String(HttpResponse.json(200, new StringBuilder("{}")).body(), StandardCharsets.UTF_8));
    }
}
