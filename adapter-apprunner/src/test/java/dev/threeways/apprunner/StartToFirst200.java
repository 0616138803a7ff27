package dev.threeways.apprunner;

import dev.threeways.server.testing.JarProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures start-to-first-200 of the App Runner jar (fresh JVM, embedded defaults, until
 * {@code GET /healthz} answers 200) over N fresh starts, and in the same run the same for a baseline:
 * the JDK's own {@code jwebserver} until {@code GET /} answers 200. Starts alternate, so both see the
 * same machine. Not a test: a measurement, printed as a table.
 *
 * <pre>./mvnw -q -pl adapter-apprunner -am install -DskipTests
 * ./mvnw -q -pl adapter-apprunner exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.threeways.apprunner.StartToFirst200 -Dexec.args=10</pre>
 */
public final class StartToFirst200 {
    private StartToFirst200() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path jar = Path.of(args.length > 1 ? args[1] : "target/three-ways-apprunner.jar");
        if (!Files.exists(jar)) {
            jar = Path.of("adapter-apprunner").resolve(jar);
        }
        Path emptyDir = Files.createTempDirectory("baseline-www");
        List<Long> app = new ArrayList<>();
        List<Long> baseline = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            int port = JarProcess.freePort();
            try (JarProcess p = JarProcess.launch(List.of(JarProcess.javaTool("jwebserver"), "-b", "127.0.0.1",
                    "-p", String.valueOf(port), "-d", emptyDir.toString()), Map.of("PORT", String.valueOf(port)), "baseline")) {
                baseline.add(p.awaitFirst200("/", Duration.ofSeconds(60)).toMillis());
            }
            try (JarProcess p = JarProcess.start(jar, Map.of(), "startup")) {
                app.add(p.awaitFirst200("/healthz", Duration.ofSeconds(60)).toMillis());
                p.sigterm();
                p.awaitExit(Duration.ofSeconds(30));
            }
        }
        System.out.printf("start-to-first-200, %d fresh starts each, java %s, %d cores%n", runs,
                Runtime.version(), Runtime.getRuntime().availableProcessors());
        System.out.println("| process | median ms | min ms | max ms |");
        System.out.println("|---|---|---|---|");
        row("App Runner jar (embedded H2, migrations, Undertow)", app);
        row("baseline: JDK jwebserver", baseline);
        System.out.printf("ratio of medians (jar / baseline): %.2f%n", (double) median(app) / median(baseline));
        System.out.println("raw jar ms: " + app);
        System.out.println("raw baseline ms: " + baseline);
    }

    private static void row(String name, List<Long> ms) {
        System.out.printf("| %s | %d | %d | %d |%n", name, median(ms),
                ms.stream().mapToLong(Long::longValue).min().orElseThrow(),
                ms.stream().mapToLong(Long::longValue).max().orElseThrow());
    }

    private static long median(List<Long> ms) {
        List<Long> sorted = ms.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
