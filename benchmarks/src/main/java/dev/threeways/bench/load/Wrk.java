package dev.threeways.bench.load;

import dev.threeways.bench.Budget;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Closed-model saturation driven by wrk, a load generator written in C, instead of this JVM. On one
 * generator CPU the harness's own generator tops out near 31k requests/s, below what a bare handler in a
 * 1-vCPU quota answers, so a ceiling taken with it measures the generator; wrk on the same CPU drives
 * well past it. Only a fixed GET is sent this way (wrk replays one request); webhooks, each signed anew,
 * stay with {@link LoadGenerator}, at rates a hundred times lower.
 *
 * <p>wrk's own latency record is read back whole through its Lua {@code done} hook, so a run's histogram is
 * wrk's, not a summary of it: every response in microseconds from when its request was written, plus the
 * samples wrk 4 adds before the hook runs to correct for coordinated omission (for a response slower than
 * twice the mean interval of a connection, one more at each interval below it). Both of a run's views
 * (corrected, service time) are that record. wrk tells 2xx/3xx from 4xx/5xx responses but no finer, and the
 * statuses say so.
 */
public final class Wrk {
    /** Statuses as wrk tells them apart: below 400, 400 and above, and a socket error or a timeout. */
    public static final String BELOW_400 = "2xx/3xx (wrk)";
    public static final String FROM_400 = "4xx/5xx (wrk)";
    public static final String SOCKET_ERROR = "error: socket or timeout (wrk)";

    /** Prints the summary and then every distinct latency with its count, one per line. */
    static final String DONE_SCRIPT = """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write(string.format("three-ways-summary %d %d %d %d\\n", summary.requests, summary.duration, e.status,
                e.connect + e.read + e.write + e.timeout))
              for i = 1, #latency do
                local micros, count = latency(i)
                io.write(string.format("three-ways-latency %d %d\\n", micros, count))
              end
            end
            """;
    /**
     * Added for a paced run: each connection waits its interval (wrk's {@code delay} hook, whole milliseconds,
     * given as the script's argument) after an answer before it sends again.
     */
    static final String PACING_SCRIPT = """
            init = function(args)
              interval = tonumber(args[1])
            end
            delay = function()
              return interval
            end
            """;
    /**
     * How long a paced connection waits after an answer: long beside an answer well below saturation (under a
     * millisecond), so a connection's rate is within a few percent of one per interval, and short enough that
     * the thousand connections one wrk thread keeps reach what a 1-vCPU server answers at 75 %.
     */
    static final int PACED_INTERVAL_MS = 20;
    private static final Pattern SUMMARY = Pattern.compile("^three-ways-summary (\\d+) (\\d+) (\\d+) (\\d+)$", Pattern.MULTILINE);
    private static final Pattern LATENCY = Pattern.compile("^three-ways-latency (\\d+) (\\d+)$", Pattern.MULTILINE);

    private final Path executable;
    private final String version;
    private final Path script;
    private final Path pacedScript;

    private Wrk(Path executable, String version, Path script, Path pacedScript) {
        this.executable = executable;
        this.version = version;
        this.script = script;
        this.pacedScript = pacedScript;
    }

    /** wrk from the PATH, if it is there and runs. */
    public static Optional<Wrk> find() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "wrk");
            if (Files.isExecutable(candidate)) {
                try {
                    // `wrk -v` prints its version and usage and exits 1
                    Process p = new ProcessBuilder(candidate.toString(), "-v").redirectErrorStream(true).start();
                    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    p.waitFor(10, TimeUnit.SECONDS);
                    String first = out.lines().findFirst().orElse("");
                    if (!first.startsWith("wrk")) {
                        return Optional.empty();
                    }
                    Path script = Files.createTempFile("three-ways-wrk", ".lua");
                    Files.writeString(script, DONE_SCRIPT);
                    script.toFile().deleteOnExit();
                    Path pacedScript = Files.createTempFile("three-ways-wrk-paced", ".lua");
                    Files.writeString(pacedScript, DONE_SCRIPT + PACING_SCRIPT);
                    pacedScript.toFile().deleteOnExit();
                    return Optional.of(new Wrk(candidate, first.replaceAll("\\s*Copyright.*$", "").trim(), script, pacedScript));
                } catch (IOException e) {
                    return Optional.empty();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** Its version line, e.g. "wrk debian/4.1.0-3+b2 [epoll]". */
    public String version() {
        return version;
    }

    /**
     * {@code connections} connections on one wrk thread, each sending GET {@code pathAndQuery} again as soon as
     * it is answered, for {@code duration} rounded to whole seconds (wrk's unit; at least one). The requests it
     * sent are taken from {@code budget} afterwards; a run is not started without time or requests left.
     *
     * @param prefix what runs wrk (e.g. {@code taskset -c 0}); empty to run it as it is
     */
    public LoadResult closed(List<String> prefix, int port, String pathAndQuery, int connections, Duration duration,
                             Budget budget) throws IOException, InterruptedException {
        return run(prefix, port, pathAndQuery, connections, duration, budget, script, List.of());
    }

    /**
     * GET {@code pathAndQuery} at about {@code rate} a second: as many connections as send one request each
     * {@link #PACED_INTERVAL_MS} after their last answer — the harness's own open-model generator cannot send
     * tens of thousands a second from one CPU on time, wrk can. Below saturation an answer takes far less than
     * the interval, so the rate holds within a few percent (the result says what was sent); a server that
     * stalls slows its connections, and wrk's coordinated-omission samples stand in for the requests not sent.
     */
    public LoadResult paced(List<String> prefix, int port, String pathAndQuery, double rate, Duration duration,
                            Budget budget) throws IOException, InterruptedException {
        LoadResult r = run(prefix, port, pathAndQuery, connectionsFor(rate), duration, budget, pacedScript,
                List.of("--", String.valueOf(PACED_INTERVAL_MS)));
        return new LoadResult(rate, r.requests(), r.seconds(), r.corrected(), r.serviceTime(), r.statuses(), r.cutByBudget());
    }

    /** The connections that send {@code rate} a second, one each {@link #PACED_INTERVAL_MS}. */
    static int connectionsFor(double rate) {
        return (int) Math.max(1, Math.round(rate * PACED_INTERVAL_MS / 1000.0));
    }

    private LoadResult run(List<String> prefix, int port, String pathAndQuery, int connections, Duration duration,
                           Budget budget, Path lua, List<String> scriptArgs) throws IOException, InterruptedException {
        if (connections <= 0) {
            throw new IllegalArgumentException("a closed model needs at least one connection: " + connections);
        }
        if (!budget.hasRequests()) {
            return new LoadResult(0, 0, 0, histogram(), histogram(), Map.of(), true);
        }
        long seconds = Math.max(1, Math.round(duration.toMillis() / 1000.0));
        var command = new ArrayList<>(prefix);
        command.addAll(List.of(executable.toString(), "-t1", "-c" + connections, "-d" + seconds + "s", "--timeout", "10s",
                "-s", lua.toString(), "http://127.0.0.1:" + port + pathAndQuery));
        command.addAll(scriptArgs);
        // to a file, so the timeout below bounds a wrk that hangs (reading a pipe to its end would wait with it)
        Path output = Files.createTempFile("three-ways-wrk", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean ended = p.waitFor(seconds + 30, TimeUnit.SECONDS);
            if (!ended) {
                p.destroyForcibly();
            }
            String out = Files.readString(output, StandardCharsets.UTF_8);
            if (!ended || p.exitValue() != 0) {
                throw new IllegalStateException("wrk failed (" + String.join(" ", command) + "):\n" + out);
            }
            LoadResult result = parse(out);
            budget.spend(result.requests());
            return result;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** wrk's output, read through {@link #DONE_SCRIPT}'s lines. */
    static LoadResult parse(String out) {
        Matcher summary = SUMMARY.matcher(out);
        if (!summary.find()) {
            throw new IllegalStateException("wrk printed no summary (was its Lua script run?):\n" + out);
        }
        long requests = Long.parseLong(summary.group(1));
        double seconds = Long.parseLong(summary.group(2)) / 1e6;
        long fromFourHundred = Long.parseLong(summary.group(3));
        long socketErrors = Long.parseLong(summary.group(4));
        Histogram latencies = histogram();
        Matcher latency = LATENCY.matcher(out);
        while (latency.find()) {
            long micros = Math.min(Math.max(Long.parseLong(latency.group(1)), 1), LoadGenerator.HIGHEST_TRACKABLE_MICROS);
            latencies.recordValueWithCount(micros, Long.parseLong(latency.group(2)));
        }
        var statuses = new TreeMap<String, Long>();
        statuses.put(BELOW_400, Math.max(0, requests - fromFourHundred));
        if (fromFourHundred > 0) {
            statuses.put(FROM_400, fromFourHundred);
        }
        if (socketErrors > 0) {
            statuses.put(SOCKET_ERROR, socketErrors);
        }
        // closed model: wrk's record (with its correction) is the only one there is, so both views are it
        return new LoadResult(0, requests, seconds, latencies, latencies.copy(), statuses, false);
    }

    private static Histogram histogram() {
        return new Histogram(LoadGenerator.HIGHEST_TRACKABLE_MICROS, 3);
    }
}
