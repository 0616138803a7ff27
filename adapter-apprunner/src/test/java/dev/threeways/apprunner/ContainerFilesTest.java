package dev.threeways.apprunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Dockerfile ships the jar this module builds, as a non-root user, with java as PID 1. */
class ContainerFilesTest {
    private static List<String> instructions() throws IOException {
        return Files.readAllLines(Path.of("Dockerfile")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    @Test
    void runsAsANonRootUser() throws IOException {
        String user = instructions().stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow();
        String uid = user.substring(5).split(":")[0].strip();
        assertTrue(!uid.equals("0") && !uid.equals("root"), user);
    }

    @Test
    void copiesTheJarThisModuleBuilds() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"));
        String finalName = pom.substring(pom.indexOf("<finalName>") + 11, pom.indexOf("</finalName>"));
        assertTrue(instructions().contains("COPY target/" + finalName + ".jar /app/app.jar"));
    }

    @Test
    void usesAJava25RuntimeAndTheExecForm() throws IOException {
        List<String> lines = instructions();
        assertTrue(lines.getFirst().matches("FROM eclipse-temurin:25-jre.*"), lines.getFirst());
        String entry = lines.stream().filter(l -> l.startsWith("ENTRYPOINT")).findFirst().orElseThrow();
        assertTrue(entry.startsWith("ENTRYPOINT [\"java\""), "exec form, so java receives SIGTERM: " + entry);
        assertEquals(1, lines.stream().filter(l -> l.startsWith("FROM ")).count(), "the jar only, no build stage");
    }

    @Test
    void appRunnerFileSaysWhyItIsNotUsed() throws IOException {
        String yaml = Files.readString(Path.of("apprunner.yaml"));
        assertTrue(yaml.contains("NOT USABLE"));
        assertTrue(yaml.contains("corretto11"));
    }
}
