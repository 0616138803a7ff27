package dev.threeways.lambda;

import dev.threeways.core.testing.ReadmeTables;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README documents every Lambda setting with its default. */
class ReadmeTest {
    @Test
    void everyLambdaSettingHasARowWithItsDefault() throws IOException {
        ReadmeTables.assertDocumented(List.of(LambdaSetting.values()));
    }
}
