package dev.threeways.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Start-up archives a JVM must refuse without failing to start: what a stale or broken deploy would ship. */
public final class AotCaches {
    /** What the JVM logs when it refuses a cache made by another build of the JDK. */
    public static final String OTHER_JDK_BUILD = "created by a different version or build of HotSpot";
    /** What the JVM logs when it cannot map a cache at all. */
    public static final String UNUSABLE = "Unable to map shared spaces";

    private AotCaches() {}

    /**
     * A copy of {@code cache} as another build of this JDK would have made it: the header names the
     * HotSpot build that made a cache, and here it names another (the update number one less or more).
     */
    public static Path fromAnotherJdkBuild(Path cache) throws IOException {
        byte[] bytes = Files.readAllBytes(cache);
        String version = Runtime.version().toString();
        int at = indexOf(bytes, version.getBytes(StandardCharsets.US_ASCII));
        if (at < 0) {
            throw new IllegalStateException(cache + " does not name this JDK's build " + version + " in its header");
        }
        bytes[at + version.indexOf('+') - 1] ^= 1;
        return Files.write(Files.createTempFile("other-jdk-build", ".aot"), bytes);
    }

    /** The first 4 KiB of {@code cache}: a copy cut short. */
    public static Path damaged(Path cache) throws IOException {
        return Files.write(Files.createTempFile("damaged", ".aot"), Arrays.copyOf(Files.readAllBytes(cache), 4096));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
