package dev.threeways.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.config.ConfigException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerConfigTest {
    @Test
    void defaults() {
        ServerConfig c = ServerConfig.fromEnv(Map.of());
        assertEquals(8080, c.port());
        assertEquals(Duration.ofSeconds(20), c.drainTime());
        assertTrue(c.drainTime().compareTo(Duration.ofSeconds(30)) < 0, "below ECS's default stopTimeout");
        assertEquals(0, c.workerThreads());
        assertEquals(2 * c.poolSize(), c.effectiveWorkerThreads(), "derived from the database pool");
        assertEquals(4 * c.effectiveWorkerThreads(), c.effectiveMaxWaiting());
        assertEquals(Duration.ofSeconds(1), c.maxWait());
        assertEquals(Duration.ofSeconds(75), c.idleTimeout());
        assertTrue(c.idleTimeout().compareTo(Duration.ofSeconds(60)) > 0, "longer than an ALB's default idle timeout");
        assertTrue(c.effectiveIoThreads() >= 2);
        assertEquals(5, c.poolSize());
        assertTrue(c.migrateOnStart());
    }

    @Test
    void portComesFromPortAsAppRunnerSetsIt() {
        assertEquals(3000, ServerConfig.fromEnv(Map.of("PORT", "3000")).port());
    }

    @Test
    void drainTimeStaysBelowEcsMaximumStopTimeout() {
        assertEquals(Duration.ofSeconds(115), ServerConfig.fromEnv(Map.of("SERVER_DRAIN_SECONDS", "115")).drainTime());
        assertThrows(ConfigException.class, () -> ServerConfig.fromEnv(Map.of("SERVER_DRAIN_SECONDS", "116")));
        assertThrows(ConfigException.class, () -> ServerConfig.fromEnv(Map.of("SERVER_DRAIN_SECONDS", "0")));
    }

    @Test
    void theWorkLimitsAreTakenAtTheEndsOfTheirRangesAndRefusedPastThemNamingTheSetting() {
        var lowest = ServerConfig.fromEnv(Map.of("SERVER_WORKER_THREADS", "1", "SERVER_MAX_WAITING", "1",
                "SERVER_MAX_WAIT_MS", "1", "SERVER_IDLE_TIMEOUT_MS", "1000", "SERVER_WORKER_NICE", "0"));
        assertEquals(1, lowest.effectiveWorkerThreads());
        assertEquals(0, lowest.workerNice());
        assertEquals(1, lowest.effectiveMaxWaiting());
        assertEquals(Duration.ofMillis(1), lowest.maxWait());
        assertEquals(Duration.ofSeconds(1), lowest.idleTimeout());
        var highest = ServerConfig.fromEnv(Map.of("SERVER_WORKER_THREADS", "4096", "SERVER_MAX_WAITING", "100000",
                "SERVER_MAX_WAIT_MS", "600000", "SERVER_IDLE_TIMEOUT_MS", "3600000", "SERVER_WORKER_NICE", "19"));
        assertEquals(4096, highest.effectiveWorkerThreads());
        assertEquals(19, highest.workerNice());
        assertEquals(100_000, highest.effectiveMaxWaiting());
        assertEquals(Duration.ofMinutes(10), highest.maxWait());
        assertEquals(Duration.ofHours(1), highest.idleTimeout());
        for (var past : Map.of("SERVER_WORKER_THREADS", "4097", "SERVER_MAX_WAITING", "100001", "SERVER_MAX_WAIT_MS", "0",
                "SERVER_IDLE_TIMEOUT_MS", "999", "SERVER_WORKER_NICE", "20").entrySet()) {
            var e = assertThrows(ConfigException.class, () -> ServerConfig.fromEnv(Map.of(past.getKey(), past.getValue())));
            assertTrue(e.getMessage().contains(past.getKey()), e.getMessage());
        }
    }

    @Test
    void badValuesNameTheVariable() {
        assertTrue(assertThrows(ConfigException.class, () -> ServerConfig.fromEnv(Map.of("PORT", "http")))
                .getMessage().contains("PORT"));
        assertThrows(ConfigException.class, () -> ServerConfig.fromEnv(Map.of("PORT", "65536")));
        assertThrows(ConfigException.class, () -> ServerConfig.fromEnv(Map.of("DATABASE_MIGRATE_ON_START", "maybe")));
        assertFalse(ServerConfig.fromEnv(Map.of("DATABASE_MIGRATE_ON_START", "false")).migrateOnStart());
    }
}
