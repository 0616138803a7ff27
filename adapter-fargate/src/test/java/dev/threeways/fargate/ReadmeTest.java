package dev.threeways.fargate;

import dev.threeways.core.testing.ReadmeTables;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README documents every Fargate setting with its default. */
class ReadmeTest {
    @Test
    void everyFargateSettingHasARowWithItsDefault() throws IOException {
        ReadmeTables.assertDocumented(List.of(FargateSetting.values()));
    }
}
