package dev.threeways.fargate;

import dev.threeways.server.testing.StartupArchiveContract;
import java.util.List;

/** The Fargate image's start-up archive, built from this module's Dockerfile, started as the serve task. */
class StartupArchiveIT extends StartupArchiveContract {
    @Override
    protected List<String> command() {
        return List.of("serve");
    }
}
