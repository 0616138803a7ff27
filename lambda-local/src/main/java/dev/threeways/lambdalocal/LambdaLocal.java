package dev.threeways.lambdalocal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

/**
 * A Lambda function run locally: the real runtime interface client in fresh JVMs ("execution environments"),
 * talking to a Runtime API emulated here.
 *
 * <p>Like Lambda, an environment serves one invoke at a time. An invoke takes the most recently used idle
 * environment; when none is idle it starts a new one (a cold start) unless {@link FunctionConfig#maxConcurrency()}
 * environments exist already, in which case it is throttled. An environment whose invoke timed out, whose runtime
 * exited, or that failed to initialise is killed and discarded; the next invoke starts afresh.
 *
 * <pre>{@code
 * try (LambdaLocal fn = LambdaLocal.builder()
 *         .handler("com.example.Handler::handleRequest")
 *         .classpath(List.of(Path.of("target/classes"), Path.of("lib/aws-lambda-java-runtime-interface-client.jar"), ...))
 *         .timeout(Duration.ofSeconds(10))
 *         .memoryMb(512)
 *         .build()) {
 *     InvokeResult result = fn.invoke("{\"name\":\"x\"}".getBytes(UTF_8));
 * }
 * }</pre>
 */
public final class LambdaLocal implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(LambdaLocal.class.getName());

    private final FunctionConfig config;
    private final Path workDirectory;
    private final Path nativeLibrary;
    private final AtomicInteger environmentCounter = new AtomicInteger();
    private final Thread shutdownHook;

    private final ReentrantLock lock = new ReentrantLock();
    // guarded by lock: every live environment, and the idle ones among them, most recently used first
    private final Set<ExecutionEnvironment> environments = new LinkedHashSet<>();
    private final Deque<ExecutionEnvironment> idle = new ArrayDeque<>();
    private boolean closed;

    private final LongConsumer afterInit;

    private LambdaLocal(FunctionConfig config, LongConsumer afterInit) {
        this.config = config;
        this.afterInit = afterInit;
        try {
            this.workDirectory = Files.createTempDirectory("lambda-local-" + config.functionName() + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary directory for " + config.functionName(), e);
        }
        try {
            this.nativeLibrary = RuntimeClientNativeLibrary.extract(config.classpath(), workDirectory);
        } catch (RuntimeException e) {
            Directories.deleteRecursively(workDirectory);
            throw e;
        }
        // runtime JVMs outlive a parent that just exits; Ctrl-C and System.exit must not leave them behind
        this.shutdownHook = Thread.ofPlatform().name("lambda-local-shutdown-" + config.functionName()).unstarted(this::closeEnvironments);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a function from a complete configuration (the builder fills in defaults). */
    public static LambdaLocal start(FunctionConfig config) {
        return new LambdaLocal(Objects.requireNonNull(config, "config"), pid -> { });
    }

    public FunctionConfig config() {
        return config;
    }

    /** Invokes the function with a UTF-8 JSON event. */
    public InvokeResult invoke(String eventJson) {
        return invoke(eventJson.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Invokes the function synchronously (Lambda's {@code RequestResponse}), waiting at most the init timeout plus
     * the function timeout. Safe to call from many threads: each concurrent invoke gets its own environment.
     */
    public InvokeResult invoke(byte[] event) {
        Objects.requireNonNull(event, "event");
        String requestId = UUID.randomUUID().toString();
        // a warm environment can be lost between invokes (its runtime exited); then the invoke goes to a fresh one
        while (true) {
            Optional<ExecutionEnvironment> acquired = acquire();
            if (acquired.isEmpty()) {
                return throttled(requestId);
            }
            ExecutionEnvironment environment = acquired.get();
            InvokeResult result;
            try {
                result = environment.invoke(requestId, event);
            } catch (EnvironmentLostException lost) {
                LOG.log(System.Logger.Level.INFO, lost.getMessage() + "; starting a new environment");
                release(environment);
                continue;
            } catch (RuntimeException | Error e) {
                environment.close();
                release(environment);
                throw e;
            }
            release(environment);
            LOG.log(System.Logger.Level.INFO, () -> result.report().toLogLine());
            return result;
        }
    }

    private Optional<ExecutionEnvironment> acquire() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("function " + config.functionName() + " is closed");
            }
            while (!idle.isEmpty()) {
                ExecutionEnvironment warm = idle.pop();
                if (warm.isReusable()) {
                    return Optional.of(warm);
                }
                environments.remove(warm);
                warm.close();
            }
            if (environments.size() >= config.maxConcurrency()) {
                return Optional.empty();
            }
            // started under the lock so that the count and the close() below see it; starting only forks a JVM
            ExecutionEnvironment cold = ExecutionEnvironment.start(
                    "env-" + environmentCounter.incrementAndGet(), config, nativeLibrary, workDirectory, afterInit);
            environments.add(cold);
            return Optional.of(cold);
        } finally {
            lock.unlock();
        }
    }

    private void release(ExecutionEnvironment environment) {
        boolean discard;
        lock.lock();
        try {
            discard = closed || !environment.isReusable();
            if (discard) {
                environments.remove(environment);
            } else {
                idle.push(environment);
            }
        } finally {
            lock.unlock();
        }
        if (discard) {
            environment.close();
        }
    }

    private InvokeResult throttled(String requestId) {
        String errorJson = Json.error("TooManyRequestsException", "Rate Exceeded. " + config.functionName()
                + " already has " + config.maxConcurrency() + " busy environments (maxConcurrency)");
        InvokeReport report = InvokeReport.of(requestId, Duration.ZERO, config.memoryMb(), 0, Optional.empty());
        return new InvokeResult(requestId, InvokeStatus.THROTTLED, null, errorJson, "TooManyRequestsException",
                report, null, null);
    }

    /** The live environments, oldest first. */
    public List<EnvironmentInfo> environments() {
        lock.lock();
        try {
            List<EnvironmentInfo> infos = new ArrayList<>();
            for (ExecutionEnvironment environment : environments) {
                infos.add(new EnvironmentInfo(environment.id(), environment.pid(), !idle.contains(environment),
                        environment.invocationCount(), environment.logFile()));
            }
            return infos;
        } finally {
            lock.unlock();
        }
    }

    /** The whole log of a live environment (its runtime's stdout and stderr, and the START/END/REPORT lines). */
    public String environmentLog(String environmentId) {
        lock.lock();
        try {
            for (ExecutionEnvironment environment : environments) {
                if (environment.id().equals(environmentId)) {
                    return environment.log();
                }
            }
        } finally {
            lock.unlock();
        }
        throw new IllegalArgumentException("function " + config.functionName() + " has no live environment "
                + environmentId + " (environments that failed or timed out are discarded with their logs)");
    }

    /** Kills every environment and removes the temporary files (task roots, logs, the native library). */
    @Override
    public void close() {
        closeEnvironments();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }

    private void closeEnvironments() {
        List<ExecutionEnvironment> toClose;
        lock.lock();
        try {
            closed = true;
            toClose = new ArrayList<>(environments);
            environments.clear();
            idle.clear();
        } finally {
            lock.unlock();
        }
        toClose.forEach(ExecutionEnvironment::close);
        Directories.deleteRecursively(workDirectory);
    }

    /** Builds a {@link LambdaLocal}; defaults are Lambda's (3 s timeout, 128 MB) unless said otherwise. */
    public static final class Builder {
        private String functionName = "function";
        private String handler;
        private List<Path> classpath = List.of();
        private Duration timeout = Duration.ofSeconds(3);
        private Duration initTimeout = Duration.ofSeconds(10);
        private int memoryMb = 128;
        private String region = "us-east-1";
        private final Map<String, String> environment = new LinkedHashMap<>();
        private int maxConcurrency = 10;
        private Path javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java");
        private List<String> jvmOptions = List.of();
        private boolean managedRuntime = true;
        private String initializationType = "on-demand";
        private LongConsumer afterInit = pid -> { };

        private Builder() {
        }

        /** {@code AWS_LAMBDA_FUNCTION_NAME}; default "function", the name the runtime interface emulator uses. */
        public Builder functionName(String functionName) {
            this.functionName = functionName;
            return this;
        }

        /** The handler string, e.g. {@code com.example.Handler::handleRequest} or {@code com.example.Handler}. */
        public Builder handler(String handler) {
            this.handler = handler;
            return this;
        }

        /** The function's code and libraries, which must include the runtime interface client. */
        public Builder classpath(List<Path> classpath) {
            this.classpath = List.copyOf(classpath);
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        /** How long a new environment may take to initialise; default 10 s, Lambda's limit. */
        public Builder initTimeout(Duration initTimeout) {
            this.initTimeout = initTimeout;
            return this;
        }

        public Builder memoryMb(int memoryMb) {
            this.memoryMb = memoryMb;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        /** The function's environment variables (added to what the emulator sets). */
        public Builder env(Map<String, String> variables) {
            this.environment.putAll(variables);
            return this;
        }

        public Builder env(String name, String value) {
            this.environment.put(name, value);
            return this;
        }

        /** How many environments may exist at once (reserved concurrency); default 10. */
        public Builder maxConcurrency(int maxConcurrency) {
            this.maxConcurrency = maxConcurrency;
            return this;
        }

        /** The {@code java} launcher for the runtime JVMs; default this JVM's. */
        public Builder javaExecutable(Path javaExecutable) {
            this.javaExecutable = javaExecutable;
            return this;
        }

        /** Extra JVM options for the runtime JVMs, after the defaults (so they win). */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /**
         * A container image function: the JVM gets {@code jvmOptions} and nothing of the managed runtime's
         * (its heap size, collector, compiler level, CDS), as the image's ENTRYPOINT decides them; it sees
         * the memory size as its container's limit ({@code -XX:MaxRAM}).
         */
        public Builder containerImage() {
            this.managedRuntime = false;
            return this;
        }

        /**
         * {@code AWS_LAMBDA_INITIALIZATION_TYPE}: {@code on-demand} (the default) or {@code provisioned-concurrency},
         * which a function may read to do in init what it would otherwise leave to its first request.
         */
        public Builder initializationType(String initializationType) {
            this.initializationType = initializationType;
            return this;
        }

        /**
         * Called with the runtime JVM's process id when its init ends (its first {@code /next}), before the first
         * event is handed over: for a harness that gives init other resources than invokes, as Lambda gives an
         * on-demand init a full vCPU and each invoke the memory's share. Not part of the function's configuration.
         */
        public Builder afterInit(LongConsumer afterInit) {
            this.afterInit = Objects.requireNonNull(afterInit, "afterInit");
            return this;
        }

        public FunctionConfig toConfig() {
            return new FunctionConfig(functionName, handler, classpath, timeout, initTimeout, memoryMb, region,
                    environment, maxConcurrency, javaExecutable, jvmOptions, managedRuntime, initializationType);
        }

        /** Validates the configuration and copies the runtime client's native library; starts no JVM yet. */
        public LambdaLocal build() {
            return new LambdaLocal(toConfig(), afterInit);
        }
    }
}
