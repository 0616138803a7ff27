package dev.threeways.lambda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/** The deployable jar fits Lambda's limits, holds the handlers, and leaves the runtime client to Lambda. */
class ArtifactIT {
    @Test
    void theJarFitsLambdasLimitsAndHoldsTheHandlers() throws IOException {
        Path jar = LambdaFunctions.artifactClasspath().getFirst();
        long size = Files.size(jar);
        System.out.printf("Lambda artifact %s: %d bytes (%.1f MB)%n", jar.getFileName(), size, size / 1_048_576.0);
        assertTrue(size < 50L * 1024 * 1024, "direct upload takes at most 50 MB zipped: " + size);
        try (var zip = new ZipFile(jar.toFile())) {
            long unzipped = zip.stream().mapToLong(e -> Math.max(0, e.getSize())).sum();
            assertTrue(unzipped < 250L * 1024 * 1024, "Lambda takes at most 250 MB unzipped: " + unzipped);
            for (String handler : new String[] {"HttpApiHandler", "HttpApiStreamHandler", "QueueHandler", "ScheduleHandler",
                    "servlet/ServletStreamHandler"}) {
                assertTrue(zip.getEntry("dev/threeways/lambda/" + handler + ".class") != null, handler);
            }
            assertTrue(zip.getEntry("com/amazonaws/services/lambda/runtime/api/client/AWSLambda.class") == null,
                    "the managed runtime brings the runtime client; the artifact must not");
            assertTrue(zip.getEntry("db/migration/V1__payment_ledger.sql") != null);
        }
    }
}
