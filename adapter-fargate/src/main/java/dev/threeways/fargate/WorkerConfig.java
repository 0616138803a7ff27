package dev.threeways.fargate;

import dev.threeways.core.config.EnvReader;
import java.time.Duration;
import java.util.Map;

/** How the queue worker polls, read from the environment. */
public record WorkerConfig(boolean enabled, int pollers, int batchSize, Duration pollWait, Duration visibility,
                           Duration maxBackoff) {

    public static WorkerConfig fromEnv(Map<String, String> env) {
        var r = new EnvReader(env);
        return new WorkerConfig(
                r.bool(FargateSetting.WORKER_ENABLED),
                r.integer(FargateSetting.WORKER_POLLERS, 1, 64),
                r.integer(FargateSetting.WORKER_BATCH_SIZE, 1, 10),
                Duration.ofSeconds(r.integer(FargateSetting.WORKER_WAIT_SECONDS, 0, 20)),
                Duration.ofSeconds(r.integer(FargateSetting.WORKER_VISIBILITY_SECONDS, 2, 43_200)),
                Duration.ofSeconds(r.integer(FargateSetting.WORKER_MAX_BACKOFF_SECONDS, 1, 900)));
    }
}
