package dev.threeways.lambdalocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the temporary directories the emulator made. */
final class Directories {

    private Directories() {
    }

    /** Deletes a directory tree, best effort: a file that cannot be removed is left, the rest still goes. */
    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // left behind; the rest still goes
                }
            });
        } catch (IOException e) {
            // the tree vanished or could not be listed: nothing more to do
        }
    }
}
