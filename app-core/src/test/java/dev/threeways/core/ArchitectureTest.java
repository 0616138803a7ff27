package dev.threeways.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** app-core never imports a runtime: no server, no Lambda, no CDK types. */
class ArchitectureTest {
    private static final List<String> FORBIDDEN = List.of(
            "io.undertow", "com.amazonaws.services.lambda", "software.amazon.awscdk", "jakarta.servlet",
            "com.zaxxer.hikari", "com.sun.net.httpserver", "org.crac");

    @Test
    void appCoreImportsNoRuntime() throws IOException {
        Path sources = Path.of("src/main/java");
        assertTrue(Files.isDirectory(sources), "run from the app-core module directory");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(sources)) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> lines(p).filter(l -> l.startsWith("import "))
                            .filter(l -> FORBIDDEN.stream().anyMatch(f -> l.contains(" " + f) || l.contains("static " + f)))
                            .map(l -> p + ": " + l))
                    .toList();
        }
        assertEquals(List.of(), offenders);
    }

    private static Stream<String> lines(Path p) {
        try {
            return Files.readAllLines(p).stream().map(String::strip);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
