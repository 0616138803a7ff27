package dev.threeways.bench.ways;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a JVM chose, read from jcmd's own words (samples as JDK 25's jcmd prints them). */
class JvmFactsTest {
    @Test
    void theCollectorProcessorsHeapAndOptionsComeFromTheProcessNotItsCommandLine() {
        String flags = "123:\n-XX:CICompilerCount=2 -XX:InitialHeapSize=396361728 -XX:MaxHeapSize=1610612736 "
                + "-XX:+SegmentedCodeCache -XX:+UseCompressedOops -XX:+UseSerialGC\n";
        String info = "...\nCPU: total 2 (initial active 1) (1 cores per cpu, 1 threads per core) family 26\n...";
        String commandLine = "123:\nVM Arguments:\njvm_args: -XX:MaxRAM=2048m -XX:AOTCache=/app/app.aot "
                + "-Dcom.example.native=/tmp/x -XX:MaxRAMPercentage=75 --enable-native-access=ALL-UNNAMED\n"
                + "java_command: /app/app.jar\n";
        JvmFacts facts = JvmFacts.parse(flags, info, commandLine);
        assertEquals("SerialGC", facts.gc());
        assertEquals(1, facts.activeProcessors(), "what the JVM sized itself for, not the machine's 2");
        assertEquals(1536, facts.maxHeapMib());
        assertEquals(List.of("-XX:MaxRAM=2048m", "-XX:AOTCache=/app/app.aot", "-XX:MaxRAMPercentage=75",
                "--enable-native-access=ALL-UNNAMED", "-XX:CICompilerCount=2", "-XX:MaxHeapSize=1610612736"), facts.options(),
                "the options given (not system properties), then the ergonomic choices a CPU count or memory changes");
    }

    @Test
    void aJvmThatCannotBeReadIsSaidToBeUnknown() {
        JvmFacts facts = JvmFacts.parse("", "", "");
        assertEquals("unknown", facts.gc());
        assertEquals(0, facts.activeProcessors());
    }
}
