package dev.threeways.bench.jmh;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.log.JsonLog;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the access line costs a request where it really goes — a file descriptor, as a container's
 * stdout is — and not only what building it costs ({@link RouterBench} writes it nowhere): {@code GET
 * /hello} through the app's handler at LOG_LEVEL WARN (no line), at INFO with a write per line (as
 * {@code System.out} does, and the Lambda way still does), and at INFO buffered, as the resident servers
 * write it. The difference to WARN is the line's cost per request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class AccessLogBench {

    @State(Scope.Benchmark)
    public static class Hello {
        @Param({"WARN", "INFO, a write a line", "INFO, buffered"})
        public String log;

        Handler app;
        HttpRequest hello;
        Path file;
        FileOutputStream stream;

        @Setup
        public void setUp() throws IOException {
            file = Files.createTempFile("three-ways-access-log", ".jsonl");
            stream = new FileOutputStream(file.toFile());
            if (log.endsWith("buffered")) {
                JsonLog.bufferTo(stream, Duration.ofMillis(200));
            } else {
                // System.out's own shape: a 128-byte buffer, flushed at every line
                JsonLog.setOutput(new PrintStream(new java.io.BufferedOutputStream(stream, 128), true));
            }
            app = App.fromConfig(AppConfig.fromEnv(Map.of("LOG_LEVEL", log.startsWith("WARN") ? "WARN" : "INFO"))).handler();
            hello = new HttpRequest("GET", "/hello", "name=bench", Headers.of("Accept", "application/json"), new byte[0],
                    "", Map.of());
            if (app.handle(hello).status() != 200) {
                throw new IllegalStateException("GET /hello did not answer 200");
            }
        }

        @TearDown
        public void tearDown() throws IOException {
            QuietLog.restore();
            stream.close();
            Files.deleteIfExists(file);
        }
    }

    @Benchmark
    public HttpResponse helloGet(Hello h) {
        return h.app.handle(h.hello);
    }
}
