package dev.threeways.server;

import dev.threeways.core.testing.ReadmeTables;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README documents every server setting with its default. */
class ReadmeTest {
    @Test
    void everyServerSettingHasARowWithItsDefault() throws IOException {
        ReadmeTables.assertDocumented(List.of(ServerSetting.values()));
    }
}
