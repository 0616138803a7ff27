package dev.threeways.lambdalocal;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import java.util.stream.Collectors;

/**
 * One execution environment: a JVM running the real runtime interface client ({@value #RUNTIME_MAIN_CLASS}) for one
 * function, with its own Runtime API server, working directory and log file. It serves one invoke at a time; the
 * caller ({@link LambdaLocal}) makes sure of that.
 *
 * <p>Everything the runtime reports, and the process's exit, completes the in-flight invocation's outcome future;
 * the first completion wins, which is how a response racing a timeout, or an init error racing the exit that
 * follows it, is settled.
 */
final class ExecutionEnvironment implements RuntimeApi, AutoCloseable {

    static final String RUNTIME_MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";

    private static final System.Logger LOG = System.getLogger(ExecutionEnvironment.class.getName());
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);
    /** An invoke's logs are returned in full up to this size, else their last part. */
    private static final int MAX_LOG_RETURNED = 1 << 20;

    private final String id;
    private final FunctionConfig config;
    private final Path taskRoot;
    private final Path logFile;
    private final long startedNanos = System.nanoTime();
    private final CompletableFuture<Long> firstNextRequest = new CompletableFuture<>();
    private final CompletableFuture<RuntimeOutcome.InitFailed> initError = new CompletableFuture<>();
    private final CompletableFuture<RuntimeOutcome.Exited> exit = new CompletableFuture<>();
    // the hand-over point between the invoking thread and the runtime's /next request
    private final BlockingQueue<PendingInvocation> queued = new LinkedBlockingQueue<>(1);
    private final AtomicLong peakResidentKib = new AtomicLong();
    private final AtomicInteger invocations = new AtomicInteger();

    private volatile PendingInvocation inFlight;
    private volatile RuntimeApiServer runtimeApi;
    private volatile Process process;
    private volatile boolean retired;

    private final LongConsumer afterInit;

    private ExecutionEnvironment(String id, FunctionConfig config, Path taskRoot, Path logFile, LongConsumer afterInit) {
        this.afterInit = afterInit;
        this.id = id;
        this.config = config;
        this.taskRoot = taskRoot;
        this.logFile = logFile;
    }

    /**
     * Starts the runtime JVM (a cold start) and returns at once; the first invoke waits for its initialisation.
     *
     * @param workDirectory where the environment's task root and log file go
     */
    static ExecutionEnvironment start(String id, FunctionConfig config, Path nativeLibrary, Path workDirectory) {
        return start(id, config, nativeLibrary, workDirectory, pid -> { });
    }

    /** As {@link #start(String, FunctionConfig, Path, Path)}, calling {@code afterInit} with the JVM's pid when its init ends. */
    static ExecutionEnvironment start(String id, FunctionConfig config, Path nativeLibrary, Path workDirectory,
                                      LongConsumer afterInit) {
        Path taskRoot;
        Path logFile;
        try {
            taskRoot = Files.createDirectory(workDirectory.resolve(id + "-task"));
            logFile = Files.createFile(workDirectory.resolve(id + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the directories of environment " + id, e);
        }
        ExecutionEnvironment environment = new ExecutionEnvironment(id, config, taskRoot, logFile, afterInit);
        environment.runtimeApi = RuntimeApiServer.start(environment, id);
        try {
            environment.process = environment.runtimeProcess(nativeLibrary).start();
        } catch (IOException e) {
            environment.runtimeApi.close();
            throw new UncheckedIOException("could not start the runtime JVM of environment " + id + " ("
                    + config.javaExecutable() + ")", e);
        }
        try {
            environment.process.getOutputStream().close(); // a runtime reads no stdin
        } catch (IOException e) {
            // nothing was written to it; closing cannot lose anything
        }
        environment.process.onExit().thenAccept(exited -> environment.runtimeExited(exited.exitValue()));
        LOG.log(System.Logger.Level.DEBUG, () -> "environment " + id + " started: pid " + environment.process.pid()
                + ", Runtime API " + environment.runtimeApi.hostAndPort());
        return environment;
    }

    private ProcessBuilder runtimeProcess(Path nativeLibrary) {
        List<String> command = new ArrayList<>();
        command.add(config.javaExecutable().toString());
        if (config.managedRuntime()) {
            command.addAll(defaultJvmOptions(config.memoryMb(), config.jvmOptions()));
        } else {
            // a container image's JVM sizes itself by its cgroup's memory, which is the function's memory size
            command.add("-XX:MaxRAM=" + config.memoryMb() + "m");
        }
        command.add("-D" + RuntimeClientNativeLibrary.JNI_PROPERTY + "=" + nativeLibrary);
        command.addAll(config.jvmOptions());
        command.add("-cp");
        command.add(config.classpath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(RUNTIME_MAIN_CLASS);
        command.add(config.handler());

        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(taskRoot.toFile()) // the client takes user.dir as the task root
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        // a Lambda sandbox starts from a clean environment: nothing of the caller's leaks in but PATH
        var env = builder.environment();
        String path = env.getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.clear();
        env.put("PATH", path);
        env.put("LANG", "en_US.UTF-8");
        env.put("TZ", ":UTC");
        env.putAll(config.environment());
        env.put("_HANDLER", config.handler());
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi.hostAndPort());
        env.put("AWS_LAMBDA_FUNCTION_NAME", config.functionName());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", config.initializationType());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(config.memoryMb()));
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + config.functionName());
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy/MM/dd"))
                + "/[$LATEST]" + randomHex(16));
        env.put("AWS_REGION", config.region());
        env.put("AWS_DEFAULT_REGION", config.region());
        return builder;
    }

    /**
     * Start-up and footprint settings modelled on Lambda's Java runtimes: most of the memory as heap, the serial
     * collector, C1 only. Native access is granted because JDK 24+ otherwise prints four lines of warning into every
     * environment's log when the client loads its JNI library (the option exists from JDK 17 on).
     */
    static List<String> defaultJvmOptions(int memoryMb) {
        return defaultJvmOptions(memoryMb, List.of());
    }

    /**
     * As {@link #defaultJvmOptions(int)}, less {@code -Xshare:auto} when {@code extra} records a JDK AOT cache
     * ({@code -XX:AOTCacheOutput}, {@code -XX:AOTMode=record}): the JVM refuses to record one with any -Xshare
     * option given, and a training run is a build step, not a start Lambda makes. Using a cache
     * ({@code -XX:AOTCache}) keeps every default.
     */
    static List<String> defaultJvmOptions(int memoryMb, List<String> extra) {
        boolean recordsAotCache = extra.stream()
                .anyMatch(o -> o.startsWith("-XX:AOTCacheOutput=") || o.equals("-XX:AOTMode=record"));
        return java.util.stream.Stream.of(
                        "-XX:MaxHeapSize=" + (memoryMb * 85L / 100) + "m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1",
                        "-Xshare:auto",
                        "-Djava.net.preferIPv4Stack=true",
                        "--enable-native-access=ALL-UNNAMED")
                .filter(o -> !(recordsAotCache && o.equals("-Xshare:auto")))
                .toList();
    }

    String id() {
        return id;
    }

    long pid() {
        Process p = process;
        return p == null ? -1 : p.pid();
    }

    Path logFile() {
        return logFile;
    }

    int invocationCount() {
        return invocations.get();
    }

    /** Whether this environment may serve another invoke: not killed, not failed, process alive. */
    boolean isReusable() {
        Process p = process;
        return !retired && p != null && p.isAlive() && !initError.isDone();
    }

    /**
     * Runs one invoke here and waits, bounded by the init timeout and then the function timeout, for its outcome.
     *
     * @throws EnvironmentLostException when this environment had served invokes before but its runtime exited before
     *                                  taking this one: Lambda would run it in a fresh environment, and so does the caller
     */
    InvokeResult invoke(String requestId, byte[] event) throws EnvironmentLostException {
        boolean firstInvoke = invocations.getAndIncrement() == 0;
        long logStart = logSize();
        appendLog("START RequestId: " + requestId + " Version: $LATEST");

        PendingInvocation invocation = new PendingInvocation(requestId, event);
        inFlight = invocation;
        // the callbacks settle whatever is in flight; what they recorded before inFlight was set is settled here
        // (both sides write, then read, volatile state, so at least one of them sees the other)
        settleFromEarlierEvents(invocation);
        queued.add(invocation);

        RuntimeOutcome outcome = awaitOutcome(invocation);
        inFlight = null;
        queued.clear();
        sampleMemory();

        boolean handedOver = invocation.handedOver.isDone();
        if (!firstInvoke && !handedOver && outcome instanceof RuntimeOutcome.Exited exited) {
            appendLog("lambda-local: the runtime of environment " + id + " exited (status " + exited.status()
                    + ") before taking RequestId " + requestId + "; the invoke goes to a new environment");
            close();
            throw new EnvironmentLostException(id, requestId, exited.status());
        }
        InvokeResult result = result(requestId, outcome, invocation, firstInvoke, logStart);
        if (!(outcome instanceof RuntimeOutcome.Response || outcome instanceof RuntimeOutcome.FunctionError)) {
            close(); // timed out, exited or failed to initialise: Lambda discards the sandbox
        }
        return result;
    }

    private void settleFromEarlierEvents(PendingInvocation invocation) {
        // an init error comes first: the runtime reports it, then exits
        RuntimeOutcome.InitFailed failed = initError.getNow(null);
        if (failed != null) {
            invocation.outcome.complete(failed);
        }
        RuntimeOutcome.Exited exited = exit.getNow(null);
        if (exited != null) {
            invocation.outcome.complete(exited);
        }
    }

    private RuntimeOutcome awaitOutcome(PendingInvocation invocation) {
        try {
            // a cold runtime must initialise and ask for the event; a warm one is already asking or about to
            try {
                CompletableFuture.anyOf(invocation.handedOver, invocation.outcome)
                        .get(config.initTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                invocation.outcome.complete(new RuntimeOutcome.InitTimedOut(System.nanoTime()));
            }
            if (!invocation.outcome.isDone()) {
                long elapsed = System.nanoTime() - invocation.handedOver.join();
                long remaining = Math.max(0, config.timeout().toNanos() - elapsed);
                try {
                    invocation.outcome.get(remaining, TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    invocation.outcome.complete(new RuntimeOutcome.TimedOut(System.nanoTime()));
                }
            }
            return invocation.outcome.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close(); // what the runtime is doing now is unknown: it cannot serve another invoke
            throw new IllegalStateException("interrupted while waiting for RequestId " + invocation.requestId
                    + " in environment " + id + "; the environment was killed", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("RequestId " + invocation.requestId + " in environment " + id, e.getCause());
        }
    }

    private InvokeResult result(String requestId, RuntimeOutcome outcome, PendingInvocation invocation,
                                boolean firstInvoke, long logStart) {
        Duration duration = invocation.handedOver.isDone()
                ? Duration.ofNanos(outcome.atNanos() - invocation.handedOver.join())
                : Duration.ZERO;
        Optional<Duration> initDuration = firstInvoke
                ? Optional.of(Duration.ofNanos(firstNextRequest.getNow(outcome.atNanos()) - startedNanos))
                : Optional.empty();
        InvokeStatus status;
        byte[] payload = null;
        String errorJson = null;
        String errorType = null;
        switch (outcome) {
            case RuntimeOutcome.Response response -> {
                status = InvokeStatus.SUCCESS;
                payload = response.body();
            }
            case RuntimeOutcome.FunctionError error -> {
                status = InvokeStatus.FUNCTION_ERROR;
                errorJson = error.errorJson();
                errorType = error.errorType();
            }
            case RuntimeOutcome.InitFailed failed -> {
                status = InvokeStatus.INIT_ERROR;
                errorJson = failed.errorJson();
                errorType = failed.errorType();
            }
            case RuntimeOutcome.Exited exited -> {
                status = InvokeStatus.RUNTIME_EXIT;
                errorType = "Runtime.ExitError";
                String reason = exited.status() == 0
                        ? "Runtime exited without providing a reason"
                        : "Runtime exited with error: exit status " + exited.status();
                errorJson = Json.error(errorType, "RequestId: " + requestId + " Error: " + reason);
                appendLog("RequestId: " + requestId + " Error: " + reason + "\n" + errorType);
            }
            case RuntimeOutcome.TimedOut timedOut -> {
                status = InvokeStatus.TIMEOUT;
                errorType = "Sandbox.Timedout";
                String message = "Task timed out after " + seconds(config.timeout()) + " seconds";
                errorJson = Json.error(errorType, "RequestId: " + requestId + " Error: " + message);
                appendLog(Instant.now() + " " + requestId + " " + message);
            }
            case RuntimeOutcome.InitTimedOut initTimedOut -> {
                status = InvokeStatus.TIMEOUT;
                errorType = "Sandbox.Timedout";
                String message = "Task timed out after " + seconds(config.initTimeout())
                        + " seconds: the runtime did not ask for the event within the init timeout";
                errorJson = Json.error(errorType, "RequestId: " + requestId + " Error: " + message);
                appendLog(Instant.now() + " " + requestId + " " + message);
            }
        }
        InvokeReport report = InvokeReport.of(requestId, duration, config.memoryMb(),
                ProcessMemory.kibToMib(peakResidentKib.get()), initDuration);
        appendLog("END RequestId: " + requestId);
        appendLog(report.toLogLine());
        return new InvokeResult(requestId, status, payload, errorJson, errorType, report, id, readLogFrom(logStart));
    }

    private static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f", d.toNanos() / 1e9);
    }

    // ---- the Runtime API side (called on the server's threads) ----

    @Override
    public Handover awaitNextInvocation() throws InterruptedException {
        if (firstNextRequest.complete(System.nanoTime())) { // only the first call counts: the end of init
            Process p = process;
            if (p != null) {
                afterInit.accept(p.pid());
            }
        }
        sampleMemory();
        PendingInvocation next = queued.take();
        next.handedOver.complete(System.nanoTime());
        long deadline = System.currentTimeMillis() + config.timeout().toMillis();
        return new Handover(next.requestId, next.event, deadline, config.functionArn(), traceId());
    }

    @Override
    public boolean invocationResponse(String requestId, byte[] response) {
        sampleMemory();
        PendingInvocation current = handedOver(requestId);
        return current != null && current.outcome.complete(new RuntimeOutcome.Response(response, System.nanoTime()));
    }

    @Override
    public boolean invocationError(String requestId, byte[] errorJson, String errorType) {
        sampleMemory();
        PendingInvocation current = handedOver(requestId);
        return current != null && current.outcome.complete(new RuntimeOutcome.FunctionError(
                new String(errorJson, StandardCharsets.UTF_8), errorType, System.nanoTime()));
    }

    @Override
    public void initError(byte[] errorJson, String errorType) {
        sampleMemory();
        var failed = new RuntimeOutcome.InitFailed(new String(errorJson, StandardCharsets.UTF_8), errorType, System.nanoTime());
        initError.complete(failed);
        PendingInvocation current = inFlight;
        if (current != null) {
            current.outcome.complete(failed);
        }
    }

    private PendingInvocation handedOver(String requestId) {
        PendingInvocation current = inFlight;
        return current != null && current.requestId.equals(requestId) && current.handedOver.isDone() ? current : null;
    }

    private void runtimeExited(int status) {
        var exited = new RuntimeOutcome.Exited(status, System.nanoTime());
        exit.complete(exited);
        PendingInvocation current = inFlight;
        if (current != null) {
            current.outcome.complete(exited);
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "environment " + id + ": runtime exited with status " + status);
    }

    private void sampleMemory() {
        Process p = process;
        if (p != null) {
            ProcessMemory.peakResidentKib(p.pid()).ifPresent(kib -> peakResidentKib.accumulateAndGet(kib, Math::max));
        }
    }

    // ---- the environment's log: the runtime's stdout and stderr, and our START/END/REPORT lines ----

    /** The whole log of this environment so far. */
    String log() {
        return readLogFrom(0);
    }

    private long logSize() {
        try {
            return Files.size(logFile);
        } catch (IOException e) {
            return 0;
        }
    }

    private void appendLog(String line) {
        // O_APPEND, like the runtime's own writes to the same file, so neither overwrites the other
        try {
            Files.writeString(logFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "environment " + id + ": could not write to " + logFile, e);
        }
    }

    private String readLogFrom(long offset) {
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.READ)) {
            long size = channel.size();
            long start = Math.max(offset, size - MAX_LOG_RETURNED);
            var buffer = ByteBuffer.allocate((int) Math.max(0, size - start));
            while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
                // read to the end
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String traceId() {
        // X-Ray's format: Root=1-<epoch seconds, 8 hex>-<96 random bits>;Parent=<64 bits>
        return "Root=1-" + Long.toHexString(System.currentTimeMillis() / 1000) + "-" + randomHex(12)
                + ";Parent=" + randomHex(8) + ";Sampled=0";
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** Kills the runtime (and anything it started), stops the Runtime API and removes the task root. Idempotent. */
    @Override
    public void close() {
        retired = true;
        Process p = process;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            try {
                p.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.log(System.Logger.Level.WARNING, "environment " + id + ": pid " + p.pid()
                        + " did not exit within " + KILL_WAIT + " of SIGKILL");
            }
        }
        RuntimeApiServer api = runtimeApi;
        if (api != null) {
            api.close();
        }
        Directories.deleteRecursively(taskRoot);
    }

    @Override
    public String toString() {
        return "environment " + id + " (pid " + pid() + ")";
    }

    /** One invoke on its way through this environment. */
    private static final class PendingInvocation {
        final String requestId;
        final byte[] event;
        /** Completed with System.nanoTime() when /next hands the event to the runtime. */
        final CompletableFuture<Long> handedOver = new CompletableFuture<>();
        final CompletableFuture<RuntimeOutcome> outcome = new CompletableFuture<>();

        PendingInvocation(String requestId, byte[] event) {
            this.requestId = requestId;
            this.event = event;
        }
    }

    /** How an invocation ended, and when (System.nanoTime()). */
    sealed interface RuntimeOutcome {
        long atNanos();

        record Response(byte[] body, long atNanos) implements RuntimeOutcome {
        }

        record FunctionError(String errorJson, String errorType, long atNanos) implements RuntimeOutcome {
        }

        record InitFailed(String errorJson, String errorType, long atNanos) implements RuntimeOutcome {
        }

        record Exited(int status, long atNanos) implements RuntimeOutcome {
        }

        record TimedOut(long atNanos) implements RuntimeOutcome {
        }

        record InitTimedOut(long atNanos) implements RuntimeOutcome {
        }
    }
}
