package dev.threeways.core.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.config.EnvSetting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Keeps the README's configuration tables in step with the settings enums. */
public final class ReadmeTables {
    private ReadmeTables() {}

    /** The repository's README, from a module directory (where Maven runs tests). */
    public static String readme() throws IOException {
        return Files.readString(Path.of("..", "README.md"));
    }

    /** Table rows of the form {@code | `NAME` | default | meaning |}, by name. */
    public static Map<String, String> settingRows(String readme) {
        return readme.lines()
                .filter(l -> l.matches("\\| `[A-Z][A-Z0-9_]+` \\|.*"))
                .collect(Collectors.toMap(l -> l.substring(3, l.indexOf('`', 3)), Function.identity(), (a, b) -> a));
    }

    /** Every setting has a row that shows its default. */
    public static void assertDocumented(List<? extends EnvSetting> settings) throws IOException {
        Map<String, String> rows = settingRows(readme());
        for (EnvSetting s : settings) {
            String row = rows.get(s.name());
            assertTrue(row != null, s.name() + " has no row in the README");
            if (!s.defaultValue().isEmpty() && !s.defaultValue().startsWith("jdbc:")) {
                assertTrue(row.contains("`" + s.defaultValue() + "`"), s.name() + " default in README: " + row);
            }
        }
    }

    /**
     * Every row names a constant of some settings enum in the repository (read as text, since no one
     * module sees every enum): the README documents nothing that does not exist.
     */
    public static void assertNoUnknownRows() throws IOException {
        List<String> known = settingNamesInSources(Path.of(".."));
        List<String> unknown = settingRows(readme()).keySet().stream().filter(n -> !known.contains(n)).sorted().toList();
        assertEquals(List.of(), unknown, "README rows that name no setting");
    }

    /** The constants of every {@code enum ... implements EnvSetting} under {@code root}. */
    static List<String> settingNamesInSources(Path root) throws IOException {
        var constant = java.util.regex.Pattern.compile("^ {4}([A-Z][A-Z0-9_]+)\\(");
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith("Setting.java") && p.toString().contains("src/main/java"))
                    .flatMap(p -> {
                        try {
                            String text = Files.readString(p);
                            return text.contains("implements EnvSetting") ? text.lines() : Stream.<String>empty();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    })
                    .map(constant::matcher)
                    .filter(java.util.regex.Matcher::find)
                    .map(m -> m.group(1))
                    .toList();
        }
    }
}
