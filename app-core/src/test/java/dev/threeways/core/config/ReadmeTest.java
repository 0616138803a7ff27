package dev.threeways.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README's configuration table names every setting and its default, and nothing else. */
class ReadmeTest {
    @Test
    void configurationTableMatchesTheSettings() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        List<String> rows = readme.lines().filter(l -> l.startsWith("| `") && l.matches("\\| `[A-Z_]+` \\|.*")).toList();
        List<String> documented = rows.stream().map(l -> l.substring(3, l.indexOf('`', 3))).toList();
        List<String> settings = Arrays.stream(Setting.values()).map(Enum::name).toList();
        assertEquals(settings, documented, "README rows, in enum order");
        for (Setting s : Setting.values()) {
            String row = rows.get(s.ordinal());
            if (!s.defaultValue().isEmpty() && !s.defaultValue().startsWith("jdbc:")) {
                assertTrue(row.contains("`" + s.defaultValue() + "`"), s + " default in README: " + row);
            }
        }
    }

    @Test
    void theTestCommandIsTheOneCiRuns() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        String ci = Files.readString(Path.of("../.ci/run"));
        assertTrue(readme.contains("```sh\n./mvnw verify\n```"));
        assertTrue(ci.lines().anyMatch(l -> l.equals("./mvnw verify")));
    }
}
