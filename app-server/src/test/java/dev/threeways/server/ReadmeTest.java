package dev.threeways.server;

import dev.threeways.core.config.Setting;
import dev.threeways.core.testing.ReadmeTables;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The README documents every server setting with its default, and names no setting that does not exist. */
class ReadmeTest {
    @Test
    void everyServerSettingHasARowWithItsDefault() throws IOException {
        ReadmeTables.assertDocumented(List.of(ServerSetting.values()));
    }

    @Test
    void everyRowNamesASetting() throws IOException {
        ReadmeTables.assertNoUnknownRows(ReadmeTables.union(List.of(ServerSetting.values()), List.of(Setting.values())));
    }
}
