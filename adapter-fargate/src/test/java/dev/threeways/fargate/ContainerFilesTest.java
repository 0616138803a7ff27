package dev.threeways.fargate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.http.Json;
import dev.threeways.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The task definition and the Dockerfile agree with what the app does on SIGTERM and how it is built. */
class ContainerFilesTest {
    private static JsonNode taskDefinition() throws IOException {
        return Json.MAPPER.readTree(Files.readString(Path.of("task-definition.json")));
    }

    private static JsonNode app() throws IOException {
        return taskDefinition().get("containerDefinitions").get(0);
    }

    private static Map<String, String> environment() throws IOException {
        var env = new HashMap<String, String>();
        app().get("environment").forEach(e -> env.put(e.get("name").stringValue(), e.get("value").stringValue()));
        return env;
    }

    @Test
    void stopTimeoutLeavesRoomForTheDrain() throws IOException {
        int stopTimeout = app().get("stopTimeout").intValue();
        long drain = ServerConfig.fromEnv(environment()).drainTime().toSeconds();
        assertTrue(drain < stopTimeout, "drain " + drain + " s must end before ECS's SIGKILL at " + stopTimeout + " s");
        assertTrue(stopTimeout <= 120, "ECS allows at most 120 s");
    }

    @Test
    void arm64FargateWithSecretsFromSecretsManagerAndAwslogs() throws IOException {
        JsonNode td = taskDefinition();
        assertEquals("ARM64", td.get("runtimePlatform").get("cpuArchitecture").stringValue());
        assertEquals("awsvpc", td.get("networkMode").stringValue());
        assertEquals("awslogs", app().get("logConfiguration").get("logDriver").stringValue());
        List<String> secrets = new java.util.ArrayList<>();
        app().get("secrets").forEach(s -> {
            secrets.add(s.get("name").stringValue());
            assertTrue(s.get("valueFrom").stringValue().startsWith("arn:aws:secretsmanager:"));
        });
        assertEquals(List.of("DATABASE_PASSWORD", "STRIPE_WEBHOOK_SECRETS"), secrets);
        assertFalse(environment().containsKey("DATABASE_PASSWORD"), "no secret as a plain environment value");
        assertEquals("false", environment().get("DATABASE_MIGRATE_ON_START"), "the migrate task runs before a deploy");
    }

    @Test
    void healthCheckRunsTheAppsOwnProbeWithoutAShellAgainstTheLivenessEndpoint() throws IOException {
        List<String> command = new java.util.ArrayList<>();
        app().get("healthCheck").get("command").forEach(c -> command.add(c.stringValue()));
        // exec form: ECS's CMD-SHELL means /bin/sh, dash in this image, which has no /dev/tcp
        assertEquals("CMD", command.getFirst());
        assertEquals(List.of("-cp", "/app/app.jar", "dev.threeways.server.HealthProbe", "/healthz"),
                command.subList(command.size() - 4, command.size()));
    }

    @Test
    void dockerfileRunsTheFargateJarAsNonRootWithServeByDefault() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile")).stream().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertTrue(lines.contains("COPY target/three-ways-fargate.jar /app/app.jar"));
        assertTrue(lines.contains("USER 10001:10001"));
        assertTrue(lines.contains("CMD [\"serve\"]"));
        assertTrue(lines.getFirst().startsWith("FROM eclipse-temurin:25-jre"));
    }
}
