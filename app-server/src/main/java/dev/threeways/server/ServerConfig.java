package dev.threeways.server;

import dev.threeways.core.config.EnvReader;
import java.time.Duration;
import java.util.Map;

/** The server's configuration, read once from the environment. */
public record ServerConfig(
        int port,
        String host,
        Duration drainTime,
        int ioThreads,
        int workerThreads,
        int workerNice,
        int maxWaiting,
        Duration maxWait,
        Duration readTimeout,
        Duration idleTimeout,
        HttpLimits limits,
        int poolSize,
        Duration connectionTimeout,
        Duration validationTimeout,
        Duration leakDetection,
        boolean migrateOnStart) {

    public static ServerConfig fromEnv(Map<String, String> env) {
        var r = new EnvReader(env);
        return new ServerConfig(
                r.integer(ServerSetting.PORT, 0, 65_535),
                r.string(ServerSetting.SERVER_HOST),
                Duration.ofSeconds(r.integer(ServerSetting.SERVER_DRAIN_SECONDS, 1, 115)),
                r.integer(ServerSetting.SERVER_IO_THREADS, 0, 256),
                r.integer(ServerSetting.SERVER_WORKER_THREADS, 0, 4096),
                r.integer(ServerSetting.SERVER_WORKER_NICE, 0, 19),
                r.integer(ServerSetting.SERVER_MAX_WAITING, 0, 100_000),
                Duration.ofMillis(r.integer(ServerSetting.SERVER_MAX_WAIT_MS, 1, 600_000)),
                Duration.ofMillis(r.integer(ServerSetting.SERVER_READ_TIMEOUT_MS, 100, 600_000)),
                Duration.ofMillis(r.integer(ServerSetting.SERVER_IDLE_TIMEOUT_MS, 1_000, 3_600_000)),
                new HttpLimits(Duration.ofMillis(r.integer(ServerSetting.HTTP_REQUEST_DEADLINE_MS, 100, 600_000)),
                        r.integer(ServerSetting.HTTP_MAX_HEADER_BYTES, 1024, 1024 * 1024),
                        r.integer(ServerSetting.HTTP_MAX_HEADERS, 8, 10_000),
                        r.integer(ServerSetting.HTTP_MAX_PARAMETERS, 1, 10_000),
                        r.integer(ServerSetting.HTTP_MAX_CONNECTIONS, 2, 1_000_000)),
                r.integer(ServerSetting.DATABASE_POOL_SIZE, 1, 200),
                Duration.ofMillis(r.integer(ServerSetting.DATABASE_CONNECTION_TIMEOUT_MS, 250, 60_000)),
                Duration.ofMillis(r.integer(ServerSetting.DATABASE_VALIDATION_TIMEOUT_MS, 250, 60_000)),
                Duration.ofMillis(r.integer(ServerSetting.DATABASE_LEAK_DETECTION_MS, 2_000, 600_000)),
                r.bool(ServerSetting.DATABASE_MIGRATE_ON_START));
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(newPort, host, drainTime, ioThreads, workerThreads, workerNice, maxWaiting, maxWait,
                readTimeout, idleTimeout, limits, poolSize, connectionTimeout, validationTimeout, leakDetection, migrateOnStart);
    }

    /** What one client may send and how many may be connected: each limit named, none left at Undertow's default. */
    public record HttpLimits(Duration requestDeadline, int maxHeaderBytes, int maxHeaders, int maxParameters,
                             int maxConnections) {}

    /** Worker threads for the routes that block: the configured number, or twice the database pool. */
    public int effectiveWorkerThreads() {
        return workerThreads > 0 ? workerThreads : 2 * poolSize;
    }

    /** Requests that may wait for a worker: the configured number, or four per worker. */
    public int effectiveMaxWaiting() {
        return maxWaiting > 0 ? maxWaiting : 4 * effectiveWorkerThreads();
    }

    /** I/O threads to start: the configured number, or one per core and at least two. */
    public int effectiveIoThreads() {
        return ioThreads > 0 ? ioThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
    }
}
