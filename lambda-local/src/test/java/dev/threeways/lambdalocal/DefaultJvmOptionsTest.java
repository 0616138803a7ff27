package dev.threeways.lambdalocal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DefaultJvmOptionsTest {
    @Test
    void aStartGetsTheRuntimesSharingDefaultEvenWithACacheToUse() {
        assertTrue(ExecutionEnvironment.defaultJvmOptions(1024).contains("-Xshare:auto"));
        assertTrue(ExecutionEnvironment.defaultJvmOptions(1024, List.of("-XX:AOTCache=/tmp/app.aot")).contains("-Xshare:auto"));
        assertEquals("-XX:MaxHeapSize=870m", ExecutionEnvironment.defaultJvmOptions(1024).getFirst());
    }

    @Test
    void aTrainingRunThatRecordsACacheDropsIt() {
        // the JVM refuses -XX:AOTCacheOutput beside any -Xshare option: "Error occurred during initialization of VM"
        List<String> training = ExecutionEnvironment.defaultJvmOptions(1024, List.of("-XX:AOTCacheOutput=/tmp/app.aot"));
        assertFalse(training.contains("-Xshare:auto"));
        assertTrue(training.contains("-XX:+UseSerialGC"), "the rest stay, so the cache matches the starts that use it");
        assertFalse(ExecutionEnvironment.defaultJvmOptions(1024, List.of("-XX:AOTMode=record")).contains("-Xshare:auto"));
    }
}
