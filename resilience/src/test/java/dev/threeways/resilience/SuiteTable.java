package dev.threeways.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The suite's results as the README's table: fault or abuse × way → what the client saw, what was lost,
 * how long recovery took. Each test appends its row to {@code target/resilience-table.md}.
 */
final class SuiteTable {
    private static final Path FILE = Path.of("target", "resilience-table.md");

    private SuiteTable() {}

    static synchronized void row(String fault, String way, String clientSaw, String lost, String recovery) {
        try {
            if (!Files.exists(FILE)) {
                Files.createDirectories(FILE.getParent());
                Files.writeString(FILE, "| fault or abuse | way | what the client saw | lost | recovery |\n"
                        + "|---|---|---|---|---|\n");
            }
            Files.writeString(FILE, "| " + String.join(" | ", fault, way, clientSaw, lost, recovery) + " |\n",
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + FILE, e);
        }
    }

    static String seconds(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
