package dev.threeways.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped runnable jar, as the README runs it: a fresh JVM, a workload file, exit codes. */
class AdvisorJarIT {
    private static final Path JAR = Path.of(System.getProperty("app.jar", "target/three-ways-advisor.jar"));

    private record Result(int exit, String out, String err) {}

    private static Result java(String... args) throws IOException, InterruptedException {
        assertTrue(Files.isRegularFile(JAR), "build the jar first (./mvnw package): " + JAR);
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                JAR.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the advisor did not exit");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void recommendsFromAWorkloadFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("websocket.properties");
        Files.writeString(file, "protocols=http,websocket\nrequests-per-month=50M\n");
        Result r = java("recommend", "--file", file.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Recommendation: ECS on Fargate"), r.out());
        assertTrue(r.out().contains("Q2"), r.out());
    }

    @Test
    void pricesAsJsonAndRejectsNonsenseWithExitTwo() throws Exception {
        Result cost = java("cost", "--requests-per-month", "1M", "--json");
        assertEquals(0, cost.exit(), cost.err());
        assertTrue(cost.out().contains("\"priceBook\" : \"" + dev.threeways.advisor.price.PriceBook.CURRENT + "\""), cost.out());
        Result bad = java("cost", "--memory", "0MB");
        assertEquals(2, bad.exit(), bad.out());
        assertTrue(bad.err().startsWith("advisor: "), bad.err());
    }
}
