package dev.threeways.bench.jmh;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.http.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The JMH wiring end to end, cheaply: the annotation processor's benchmark list is on the class path,
 * {@link JmhRun} turns its arguments into a run, the GC profiler is on by default, and the JSON the
 * report reads comes out. One benchmark in this JVM (no fork), 100 ms per iteration: its figure means
 * nothing, only that there is one.
 */
class JmhSmokeTest {

    @Test
    void oneBenchmarkWritesItsJsonResultWithTheAllocationRate(@TempDir Path dir) throws Exception {
        Path results = dir.resolve("nested/results.json");
        var console = new ByteArrayOutputStream();

        int exit = JmhRun.run(new String[] {"WebhookBench\\.verifySignature$", "-f", "0", "-wi", "1", "-i", "1",
                "-w", "100ms", "-r", "100ms", "--results", results.toString()}, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(0, exit, console.toString(StandardCharsets.UTF_8));
        assertTrue(Files.isRegularFile(results), "no results at " + results);
        JsonNode runs = Json.MAPPER.readTree(Files.readAllBytes(results));
        assertEquals(1, runs.size(), runs.toString());
        JsonNode run = runs.get(0);
        assertEquals("dev.threeways.bench.jmh.WebhookBench.verifySignature", run.get("benchmark").asString());
        assertTrue(run.path("primaryMetric").path("score").asDouble() > 0, run.path("primaryMetric").toString());
        assertTrue(run.path("secondaryMetrics").has("gc.alloc.rate.norm"),
                "no allocation figure: " + run.path("secondaryMetrics").propertyNames());
    }

    @Test
    void helpNamesTheDefaults() {
        var console = new ByteArrayOutputStream();
        assertEquals(0, JmhRun.run(new String[] {"--help"}, new PrintStream(console, true, StandardCharsets.UTF_8)));
        String help = console.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains(JmhRun.DEFAULT_RESULTS) && help.contains("-prof gc"), help);
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        var console = new ByteArrayOutputStream();
        assertEquals(2, JmhRun.run(new String[] {"--no-such-option"}, new PrintStream(console, true, StandardCharsets.UTF_8)));
    }
}
