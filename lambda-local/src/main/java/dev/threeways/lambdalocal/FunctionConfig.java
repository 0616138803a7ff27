package dev.threeways.lambdalocal;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One function's configuration, as Lambda would hold it, plus how to start its JVM locally.
 *
 * @param functionName   {@code AWS_LAMBDA_FUNCTION_NAME}, also part of the invoked function ARN
 * @param handler        the handler string the runtime interface client resolves, e.g. {@code pkg.Cls::handleRequest}
 * @param classpath      the function's code: must include the runtime interface client
 *                       ({@code com.amazonaws:aws-lambda-java-runtime-interface-client}), whose native library is
 *                       taken from it
 * @param timeout        the function timeout, counted from the event being handed to the runtime
 * @param initTimeout    how long an environment may take from process start until it first asks for an invocation
 *                       (Lambda's init phase is limited to 10 s)
 * @param memoryMb       {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}; also sizes the JVM heap. Not enforced as a limit.
 * @param region         {@code AWS_REGION} and {@code AWS_DEFAULT_REGION}
 * @param environment    the function's own environment variables
 * @param maxConcurrency how many environments may exist at once; an invoke beyond that is throttled
 * @param javaExecutable the {@code java} launcher for the runtime JVMs
 * @param jvmOptions     options added after the defaults (see {@link ExecutionEnvironment})
 * @param managedRuntime whether the JVM gets the managed runtime's options (a .zip function) or only
 *                       {@code jvmOptions} (a container image function, whose ENTRYPOINT decides them)
 * @param initializationType {@code AWS_LAMBDA_INITIALIZATION_TYPE} as Lambda sets it: {@code on-demand}, or
 *                       {@code provisioned-concurrency} for an environment initialised ahead of its invokes (here
 *                       the init still runs when the first invoke arrives; the value is what the function reads)
 */
public record FunctionConfig(
        String functionName,
        String handler,
        List<Path> classpath,
        Duration timeout,
        Duration initTimeout,
        int memoryMb,
        String region,
        Map<String, String> environment,
        int maxConcurrency,
        Path javaExecutable,
        List<String> jvmOptions,
        boolean managedRuntime,
        String initializationType) {

    /**
     * The variables the emulator sets for the runtime itself. A function may not set them, as on Lambda; the
     * multi-concurrency switch is reserved too because one environment here serves one invoke at a time.
     */
    static final Set<String> RESERVED_VARIABLES = Set.of(
            "_HANDLER", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR", "AWS_LAMBDA_RUNTIME_API",
            "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_LOG_GROUP_NAME", "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_REGION", "AWS_DEFAULT_REGION",
            "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_MAX_CONCURRENCY", "_LAMBDA_TELEMETRY_LOG_FD");

    public FunctionConfig {
        requireText(functionName, "functionName");
        requireText(handler, "handler");
        Objects.requireNonNull(classpath, "classpath");
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("classpath is empty: it must hold the handler and the runtime interface client");
        }
        // the runtime JVM runs in its own task root, where relative entries would point nowhere
        classpath = classpath.stream().map(entry -> entry.toAbsolutePath().normalize()).toList();
        requirePositive(timeout, "timeout");
        requirePositive(initTimeout, "initTimeout");
        if (memoryMb < 128 || memoryMb > 10_240) {
            throw new IllegalArgumentException("memoryMb must be 128..10240 as on Lambda, was " + memoryMb);
        }
        requireText(region, "region");
        environment = Map.copyOf(new LinkedHashMap<>(Objects.requireNonNull(environment, "environment")));
        for (String name : environment.keySet()) {
            if (RESERVED_VARIABLES.contains(name)) {
                throw new IllegalArgumentException("environment variable " + name + " is reserved: the emulator sets it");
            }
        }
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
        javaExecutable = Objects.requireNonNull(javaExecutable, "javaExecutable").toAbsolutePath();
        jvmOptions = List.copyOf(Objects.requireNonNull(jvmOptions, "jvmOptions"));
        if (!INITIALIZATION_TYPES.contains(initializationType)) {
            throw new IllegalArgumentException("initializationType must be one of " + INITIALIZATION_TYPES + ", was "
                    + initializationType + " (SnapStart's snap-start is not emulated)");
        }
    }

    /** The initialisation types the emulator can stand for. */
    static final Set<String> INITIALIZATION_TYPES = Set.of("on-demand", "provisioned-concurrency");

    /** The ARN the runtime sees as {@code Lambda-Runtime-Invoked-Function-Arn}; the account id is a placeholder. */
    public String functionArn() {
        return "arn:aws:lambda:" + region + ":000000000000:function:" + functionName;
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
