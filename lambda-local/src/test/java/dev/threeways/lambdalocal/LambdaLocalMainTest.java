package dev.threeways.lambdalocal;

import static dev.threeways.lambdalocal.TestFunctions.testClasspath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.lambdalocal.handlers.EchoHandler;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LambdaLocalMainTest {

    @Test
    void parsesTheCommandLineWithDefaults() {
        var options = LambdaLocalMain.Options.parse("--handler", "a.B::handle", "--classpath",
                "x.jar" + File.pathSeparator + "classes");

        assertEquals("a.B::handle", options.handler());
        assertEquals(List.of(Path.of("x.jar"), Path.of("classes")), options.classpath());
        assertEquals(9000, options.port());
        assertEquals("127.0.0.1", options.host());
        assertEquals(Duration.ofSeconds(30), options.timeout());
        assertEquals(512, options.memoryMb());
        assertEquals("function", options.functionName());
        assertFalse(options.httpApi(), "the invoke endpoint unless asked");
    }

    @Test
    void parsesEveryOption() {
        var options = LambdaLocalMain.Options.parse("--handler", "a.B", "--classpath", "x.jar", "--port", "0",
                "--timeout-seconds", "2.5", "--memory-mb", "1024", "--function-name", "orders", "--env", "A=1=2",
                "--env", "B=", "--max-concurrency", "3", "--http-api", "--host", "0.0.0.0");

        assertEquals(0, options.port());
        assertEquals(Duration.ofMillis(2_500), options.timeout());
        assertEquals(1024, options.memoryMb());
        assertEquals("orders", options.functionName());
        assertEquals(Map.of("A", "1=2", "B", ""), options.environment());
        assertEquals(3, options.maxConcurrency());
        assertEquals("0.0.0.0", options.host());
        assertTrue(options.httpApi());
    }

    @Test
    void refusesAnIncompleteOrWrongCommandLine() {
        assertThrows(LambdaLocalMain.UsageException.class, () -> LambdaLocalMain.Options.parse("--classpath", "x.jar"));
        assertThrows(LambdaLocalMain.UsageException.class, () -> LambdaLocalMain.Options.parse("--handler", "a.B"));
        assertThrows(LambdaLocalMain.UsageException.class,
                () -> LambdaLocalMain.Options.parse("--handler", "a.B", "--classpath", "x.jar", "--port", "http"));
        assertThrows(LambdaLocalMain.UsageException.class,
                () -> LambdaLocalMain.Options.parse("--handler", "a.B", "--classpath", "x.jar", "--memory-mb", "64"));
        assertThrows(LambdaLocalMain.UsageException.class,
                () -> LambdaLocalMain.Options.parse("--handler", "a.B", "--classpath", "x.jar", "--verbose", "yes"));
        assertThrows(LambdaLocalMain.UsageException.class, () -> LambdaLocalMain.Options.parse("--handler"));
    }

    /**
     * The CLI as a person runs it: its own JVM, curl-style requests, then Ctrl-C (SIGTERM here); behind the invoke
     * endpoint, or with {@code --http-api} as an HTTP API (the echoed event, with no statusCode, is API Gateway's
     * inferred 200).
     */
    @ParameterizedTest(name = "--http-api: {0}")
    @ValueSource(booleans = {false, true})
    void servesTheFunctionUntilStoppedAndLeavesNoRuntimeBehind(boolean httpApi) throws Exception {
        String cliClasspath = Path.of("target", "classes").toAbsolutePath().toString();
        String functionClasspath = testClasspath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", cliClasspath, LambdaLocalMain.class.getName(),
                "--handler", EchoHandler.class.getName() + "::handleRequest",
                "--classpath", functionClasspath, "--port", "0", "--timeout-seconds", "10", "--memory-mb", "256"));
        if (httpApi) {
            command.add("--http-api");
        }
        Process cli = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            BufferedReader lines = new BufferedReader(new InputStreamReader(cli.getInputStream(), StandardCharsets.UTF_8));
            URI invocations = CompletableFuture.supplyAsync(() -> awaitListeningLine(lines, output))
                    .get(20, TimeUnit.SECONDS);
            // the rest of the output (the invoke logs) is drained in the background so the CLI never blocks on it
            Thread.ofVirtual().start(() -> lines.lines().forEach(output::add));

            HttpResponse<String> response = http.send(HttpRequest.newBuilder(httpApi ? invocations.resolve("/hello?from=cli") : invocations)
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"hello\":\"cli\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode(), response::body);
            if (httpApi) {
                assertTrue(response.body().contains("\"rawPath\":\"/hello\""), response.body());
                assertFalse(response.body().contains("\"upgrade\""), "the connection's own headers stay with it");
                assertTrue(response.body().contains("\"body\":\"{\\\"hello\\\":\\\"cli\\\"}\""), response.body());
            } else {
                assertEquals("{\"hello\":\"cli\"}", response.body());
            }
            List<ProcessHandle> runtimes = cli.descendants().toList();
            assertEquals(1, runtimes.size(), "one execution environment: " + runtimes);

            cli.destroy(); // SIGTERM runs the shutdown hooks, as Ctrl-C's SIGINT does
            assertTrue(cli.waitFor(20, TimeUnit.SECONDS), "the CLI stopped");
            for (ProcessHandle runtime : runtimes) {
                runtime.onExit().get(10, TimeUnit.SECONDS);
                assertFalse(runtime.isAlive(), "the runtime JVM was killed with the CLI");
            }
        } finally {
            cli.descendants().forEach(ProcessHandle::destroyForcibly);
            cli.destroyForcibly();
        }
    }

    private static URI awaitListeningLine(BufferedReader lines, List<String> output) {
        Pattern listening = Pattern.compile("listening on (http://\\S+)");
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                output.add(line);
                Matcher matcher = listening.matcher(line);
                if (matcher.find()) {
                    return URI.create(matcher.group(1));
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        throw new AssertionError("the CLI ended without listening: " + output);
    }
}
