package dev.threeways.bench.ways;

import dev.threeways.bench.archive.TrainingHandler;
import dev.threeways.lambda.HttpApiEvents;
import dev.threeways.lambda.LambdaFunctions;
import dev.threeways.lambdalocal.InvokeResult;
import dev.threeways.lambdalocal.LambdaLocal;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JDK 25 AOT cache (JEP 483/514/515) for the deployed Lambda handler, made the way a function
 * would ship one: a training run of the same class path and JVM options under the runtime client,
 * serving representative requests (hello, signed webhooks applied), then exiting normally so the JVM
 * writes the cache ({@code -XX:AOTCacheOutput}). A start with {@code -XX:AOTCache} maps it; a cache
 * that does not match the JVM or class path is ignored with a warning, not fatal.
 */
final class LambdaArchive {
    static final int TRAINING_REQUESTS = 20;
    /** The cache is assembled after the training JVM's exit; this bounds the wait for it. */
    static final Duration ASSEMBLY_TIMEOUT = Duration.ofSeconds(20);

    private final Path cache;
    private final List<Path> classpath;

    private LambdaArchive(Path cache, List<Path> classpath) {
        this.cache = cache;
        this.classpath = classpath;
    }

    /** The class path a function with the archive runs on: the artifact's, plus the training handler. */
    List<Path> classpath() {
        return classpath;
    }

    /**
     * The options of a start that maps the cache. {@code -XX:SharedArchiveFile}, not {@code -XX:AOTCache}:
     * Lambda's Java runtime starts the JVM with {@code -Xshare:auto}, beside which the JVM refuses
     * {@code -XX:AOTCache} and fails to start, while it maps the same file named as a shared archive.
     */
    List<String> jvmOptions(List<String> base) {
        var options = new ArrayList<>(base);
        options.add("-XX:SharedArchiveFile=" + cache);
        return options;
    }

    Path cache() {
        return cache;
    }

    /** Trains; empty when this JVM cannot make a cache (the reason is in the training log). */
    static Optional<LambdaArchive> train(Map<String, String> env, List<String> jvmOptions, Webhooks webhooks)
            throws IOException, InterruptedException {
        var classpath = new ArrayList<>(LambdaFunctions.withTestClasses());
        classpath.add(ClassPath.classJar(TrainingHandler.class));
        Path cache = Files.createTempDirectory("three-ways-aot").resolve("three-ways-lambda.aot");
        var options = new ArrayList<>(jvmOptions);
        options.add("-XX:AOTCacheOutput=" + cache);
        try (LambdaLocal training = LambdaFunctions.function(TrainingHandler.class.getName() + "::handleRequest",
                classpath, env).initTimeout(Duration.ofMinutes(2)).jvmOptions(options).build()) {
            for (int i = 0; i < TRAINING_REQUESTS; i++) {
                String event;
                if (i % 2 == 0) {
                    event = HttpApiEvents.get("/hello", "name=training" + i);
                } else {
                    String body = webhooks.next().body();
                    event = HttpApiEvents.post(Webhooks.PATH, Webhooks.headers(body), body);
                }
                InvokeResult r = training.invoke(event);
                if (!r.isSuccess()) {
                    throw new IllegalStateException("the training run failed: " + r.status() + " " + r.errorJson() + "\n"
                            + r.logs());
                }
            }
            training.invoke(HttpApiEvents.get(TrainingHandler.EXIT_PATH, ""));
            long deadline = System.nanoTime() + ASSEMBLY_TIMEOUT.toNanos();
            while (!assembled(cache) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }
        if (!assembled(cache)) {
            return Optional.empty();
        }
        var archive = new LambdaArchive(cache, List.copyOf(classpath));
        return archive.mapped(env, jvmOptions) ? Optional.of(archive) : Optional.empty();
    }

    /** Whether a start with the archive maps it: the JVM's own CDS log says so, or why not. */
    private boolean mapped(Map<String, String> env, List<String> jvmOptions) {
        var options = jvmOptions(jvmOptions);
        options.add("-Xlog:cds=info");
        try (LambdaLocal probe = LambdaFunctions.function("dev.threeways.lambda.HttpApiStreamHandler::handleRequest",
                classpath, env).jvmOptions(options).build()) {
            InvokeResult r = probe.invoke(HttpApiEvents.get("/hello", "name=probe"));
            return r.isSuccess() && r.logs().contains("Opened shared archive file " + cache)
                    && !r.logs().contains("Unable to use shared archive");
        }
    }

    /** Present and no longer growing: the training JVM assembles it in a child process after its exit began. */
    private static boolean assembled(Path cache) throws IOException, InterruptedException {
        if (!Files.isRegularFile(cache)) {
            return false;
        }
        long size = Files.size(cache);
        Thread.sleep(500);
        return size > 0 && Files.size(cache) == size;
    }
}
