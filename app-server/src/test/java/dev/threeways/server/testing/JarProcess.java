package dev.threeways.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A built jar started as its own JVM process, as a platform starts it: a clean environment holding only
 * what the test gives, output to a log file, SIGTERM to stop.
 */
public final class JarProcess implements AutoCloseable {
    /**
     * Every process started here and not yet closed: killed when this JVM is ended (SIGTERM, Ctrl-C), which runs
     * no finally block of the code that started them — a harness stopped mid-run would otherwise leave servers
     * running, on the CPU the next run measures.
     */
    private static final java.util.Set<Process> LIVE = java.util.concurrent.ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("jar-process-cleanup").unstarted(() ->
                LIVE.forEach(p -> {
                    p.descendants().forEach(ProcessHandle::destroyForcibly);
                    p.destroyForcibly();
                })));
    }

    private final Process process;
    private final int port;
    private final Path log;

    private JarProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** The jar named by the system property {@code app.jar} (set by the failsafe configuration). */
    public static Path jarFromSystemProperty() {
        String jar = System.getProperty("app.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property app.jar must name the built jar (run through 'mvnw verify'); got " + jar);
        }
        return Path.of(jar);
    }

    public static int freePort() throws IOException {
        try (var s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code java -jar jar args} with {@code env} and PORT set to a free port. */
    public static JarProcess start(Path jar, Map<String, String> env, String name, String... args) throws IOException {
        var command = new java.util.ArrayList<>(List.of(javaTool("java"), "-jar", jar.toString()));
        command.addAll(List.of(args));
        var all = new HashMap<>(env);
        all.putIfAbsent("PORT", String.valueOf(freePort()));
        return launch(command, all, name);
    }

    /** A tool of the running JDK ({@code java}, {@code jwebserver}, ...). */
    public static String javaTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    /** Starts {@code command} with exactly {@code env} (plus PATH); it must listen on {@code env.get("PORT")}. */
    public static JarProcess launch(List<String> command, Map<String, String> env, String name) throws IOException {
        return launch(command, env, name, Path.of("."));
    }

    /** As {@link #launch(List, Map, String)}, in {@code workdir} (an image's WORKDIR). */
    public static JarProcess launch(List<String> command, Map<String, String> env, String name, Path workdir) throws IOException {
        var all = new HashMap<>(env);
        var builder = new ProcessBuilder(command).directory(workdir.toFile());
        Map<String, String> environment = builder.environment();
        String path = environment.get("PATH");
        environment.clear();
        environment.put("PATH", path == null ? "/usr/bin:/bin" : path);
        environment.putAll(all);
        Path log = Path.of("target", "it-logs", name + "-" + System.nanoTime() + ".log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process started = builder.start();
        LIVE.add(started);
        started.onExit().thenAccept(LIVE::remove);
        return new JarProcess(started, Integer.parseInt(all.get("PORT")), log);
    }

    public int port() {
        return port;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    public long pid() {
        return process.pid();
    }

    /** Polls {@code path} until it answers 200; returns the time that took, or throws after {@code timeout}. */
    public Duration awaitFirst200(String path, Duration timeout) throws Exception {
        long start = System.nanoTime();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        while (System.nanoTime() - start < timeout.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("process exited with " + process.exitValue() + ":\n" + log());
            }
            try {
                var r = client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(1)).build(),
                        BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return Duration.ofNanos(System.nanoTime() - start);
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no 200 from " + path + " within " + timeout + ":\n" + log());
    }

    /** Sends SIGTERM, as ECS, App Runner and Express Mode do. */
    public void sigterm() {
        process.destroy();
    }

    /** Sends SIGKILL: the process gets no chance to clean up. */
    public void sigkill() {
        process.destroyForcibly();
    }

    /** Waits for the exit; returns the exit code, or throws if it did not exit within {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("still running after " + timeout + ":\n" + log());
        }
        return process.exitValue();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
