package dev.threeways.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.Json;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.testing.H2Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.List;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonLogTest {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        JsonLog.setOutput(System.out);
    }

    private List<JsonNode> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().map(l -> Json.MAPPER.readTree(l)).toList();
    }

    @Test
    void everyLineIsOneJsonObjectAndRequestLinesCarryTheRequestId() {
        AppConfig config = AppConfig.embedded();
        var app = new App(config, H2Database.fresh(), new InMemoryWebhookQueue(1024), InstantSource.system());
        JsonLog.setOutput(new PrintStream(captured, true, StandardCharsets.UTF_8));
        app.handler().handle(HttpRequest.of("GET", "/nowhere", null, null, "req-abc"));
        Logger.getLogger("some.library").warning("from java.util.logging\nacross lines");

        List<JsonNode> lines = lines();
        assertEquals(2, lines.size(), captured.toString());
        JsonNode access = lines.getFirst();
        assertEquals("request", access.get("msg").stringValue());
        assertEquals("req-abc", access.get("requestId").stringValue());
        assertEquals(404, access.get("status").intValue());
        JsonNode library = lines.get(1);
        assertEquals("WARN", library.get("level").stringValue());
        assertEquals("some.library", library.get("logger").stringValue());
        assertFalse(library.has("requestId"));
    }

    @Test
    void errorsCarryTheirTraceInsideTheOneLine() {
        JsonLog.setOutput(new PrintStream(captured, true, StandardCharsets.UTF_8));
        JsonLog.of(JsonLogTest.class).error("failed", new IllegalStateException("why"), java.util.Map.of("k", 1));
        List<JsonNode> lines = lines();
        assertEquals(1, lines.size());
        assertTrue(lines.getFirst().get("stack").stringValue().contains("IllegalStateException: why"));
        assertEquals(1, lines.getFirst().get("k").intValue());
    }

    @Test
    void aLineWrittenByHandReadsBackAsTheMapperWouldHaveWrittenIt() {
        var line = new java.util.LinkedHashMap<String, Object>();
        line.put("text", "quote \" backslash \\ newline \n tab \t bell \u0007 brace { é 日本 😀");
        line.put("int", 42);
        line.put("long", -9_007_199_254_740_993L);
        line.put("double", 0.000123);
        line.put("notANumber", Double.NaN);
        line.put("flag", true);
        line.put("nothing", null);
        line.put("nested", java.util.Map.of("k", List.of(1, "two")));
        var built = JsonLog.named("test").line(JsonLog.Level.INFO, "written by hand");
        line.forEach(built::value);
        String json = built.text();
        JsonNode read = Json.MAPPER.readTree(json);
        Json.MAPPER.readTree(Json.writeString(line)).properties()
                .forEach(e -> assertEquals(e.getValue(), read.get(e.getKey()), e.getKey() + " in " + json));
        assertEquals("written by hand", read.get("msg").stringValue());
        assertFalse(json.contains("\n") || json.contains("\u0007"), "control characters are escaped: " + json);
    }
}
