package dev.threeways.lambdalocal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parts that need no runtime process. */
class UnitsTest {

    @Test
    void reportLineHasLambdasFieldsAndRoundsTheBilledDurationUp() {
        InvokeReport cold = InvokeReport.of("r-1", Duration.ofNanos(12_340_001), 512, 90,
                Optional.of(Duration.ofMillis(456)));
        InvokeReport warm = InvokeReport.of("r-2", Duration.ofMillis(3), 512, 91, Optional.empty());

        assertEquals(13, cold.billedDurationMs());
        assertEquals(3, warm.billedDurationMs());
        assertEquals("REPORT RequestId: r-1\tDuration: 12.34 ms\tBilled Duration: 13 ms\tMemory Size: 512 MB"
                + "\tMax Memory Used: 90 MB\tInit Duration: 456.00 ms", cold.toLogLine());
        assertEquals("REPORT RequestId: r-2\tDuration: 3.00 ms\tBilled Duration: 3 ms\tMemory Size: 512 MB"
                + "\tMax Memory Used: 91 MB", warm.toLogLine());
    }

    @Test
    void errorDocumentsAreValidJson() {
        String error = Json.error("Runtime.ExitError", "quote \" backslash \\ newline \n tab \t bell \u0007");

        var parsed = TestFunctions.json(error);
        assertEquals("Runtime.ExitError", parsed.get("errorType").asString());
        assertEquals("quote \" backslash \\ newline \n tab \t bell \u0007", parsed.get("errorMessage").asString());
    }

    @Test
    void peakMemoryOfThisProcessIsReadFromProc() {
        long kib = ProcessMemory.peakResidentKib(ProcessHandle.current().pid()).orElseThrow();

        assertTrue(kib > 1024, "a JVM uses more than a MiB: " + kib);
        assertEquals(1, ProcessMemory.kibToMib(1));
        assertEquals(1, ProcessMemory.kibToMib(1024));
        assertEquals(2, ProcessMemory.kibToMib(1025));
        assertTrue(ProcessMemory.peakResidentKib(Long.MAX_VALUE).isEmpty());
    }

    @Test
    void currentMemoryOfThisProcessIsReadFromProcAndIsAtMostItsPeak() {
        long pid = ProcessHandle.current().pid();
        long now = ProcessMemory.residentKib(pid).orElseThrow();
        assertTrue(now > 1024, "a JVM holds more than a MiB: " + now);
        assertTrue(now <= ProcessMemory.peakResidentKib(pid).orElseThrow());
        assertTrue(ProcessMemory.residentKib(Long.MAX_VALUE).isEmpty());
    }

    @Test
    void nativeLibraryForThisPlatformIsCopiedOutOfTheRuntimeClientJar(@TempDir Path directory) throws Exception {
        Path library = RuntimeClientNativeLibrary.extract(TestFunctions.testClasspath(), directory);

        assertEquals(directory.resolve("libaws-lambda-jni.so"), library);
        byte[] header = Files.readAllBytes(library);
        assertTrue(header.length > 4 && header[0] == 0x7f && header[1] == 'E' && header[2] == 'L' && header[3] == 'F',
                "an ELF shared object");
        assertTrue(RuntimeClientNativeLibrary.libraryFileName().matches("libaws-lambda-jni\\.linux(_musl)?-(x86_64|aarch_64)\\.so"));
    }

    @Test
    void classpathWithoutTheRuntimeClientIsRefusedClearly(@TempDir Path directory) {
        var error = assertThrows(IllegalStateException.class,
                () -> RuntimeClientNativeLibrary.extract(List.of(directory), directory));

        assertTrue(error.getMessage().contains("aws-lambda-java-runtime-interface-client"), error.getMessage());
    }

    @Test
    void relativeClasspathEntriesAreMadeAbsoluteForTheRuntimesOwnWorkingDirectory() {
        FunctionConfig config = TestFunctions.function("a.B::handle").classpath(List.of(Path.of("target/classes"))).toConfig();

        assertEquals(List.of(Path.of("target/classes").toAbsolutePath()), config.classpath());
    }

    @Test
    void configRefusesWhatLambdaRefuses() {
        var builder = TestFunctions.function("a.B::handle");

        assertThrows(IllegalArgumentException.class, () -> builder.memoryMb(64).toConfig());
        assertThrows(IllegalArgumentException.class, () -> TestFunctions.function("a.B::handle")
                .env(Map.of("AWS_LAMBDA_RUNTIME_API", "elsewhere:1")).toConfig());
        assertThrows(IllegalArgumentException.class, () -> TestFunctions.function("a.B::handle")
                .timeout(Duration.ZERO).toConfig());
        assertThrows(IllegalArgumentException.class, () -> TestFunctions.function(" ").toConfig());
        var snapStart = assertThrows(IllegalArgumentException.class, () -> TestFunctions.function("a.B::handle")
                .initializationType("snap-start").toConfig());
        assertTrue(snapStart.getMessage().contains("not emulated"), snapStart.getMessage());
        assertEquals("provisioned-concurrency", TestFunctions.function("a.B::handle")
                .initializationType("provisioned-concurrency").toConfig().initializationType());
        assertEquals("arn:aws:lambda:eu-west-1:000000000000:function:test-function",
                TestFunctions.function("a.B::handle").region("eu-west-1").toConfig().functionArn());
    }
}
