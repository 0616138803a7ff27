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
    void badValuesNameTheVariable() {
        assertTrue(assertThrows(ConfigException.class, () -> ServerConfig.fromEnv(Map.of("PORT", "http")))
                .getMessage().contains("PORT"));
        assertThrows(ConfigException.class, () -> ServerConfig.fromEnv(Map.of("PORT", "65536")));
        assertThrows(ConfigException.class, () -> ServerConfig.fromEnv(Map.of("DATABASE_MIGRATE_ON_START", "maybe")));
        assertFalse(ServerConfig.fromEnv(Map.of("DATABASE_MIGRATE_ON_START", "false")).migrateOnStart());
    }
}
