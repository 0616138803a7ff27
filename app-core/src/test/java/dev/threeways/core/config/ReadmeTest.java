package dev.threeways.core.config;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.ReadmeTables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README documents every app setting with its default, and gives the command CI runs. */
class ReadmeTest {
    @Test
    void everyAppSettingHasARowWithItsDefault() throws IOException {
        ReadmeTables.assertDocumented(List.of(Setting.values()));
    }

    @Test
    void everyRowNamesASettingThatExists() throws IOException {
        ReadmeTables.assertNoUnknownRows();
    }

    @Test
    void theTestCommandIsTheOneCiRuns() throws IOException {
        String readme = ReadmeTables.readme();
        String ci = Files.readString(Path.of("../.ci/run"));
        assertTrue(readme.contains("```sh\n./mvnw verify\n```"));
        assertTrue(ci.lines().anyMatch(l -> l.equals("./mvnw verify")));
    }
}
