package dev.threeways.apprunner;

import dev.threeways.server.testing.StartupArchiveContract;
import java.util.List;

/** The App Runner / Express Mode image's start-up archive, built from this module's Dockerfile. */
class StartupArchiveIT extends StartupArchiveContract {
    @Override
    protected List<String> command() {
        return List.of();
    }
}
