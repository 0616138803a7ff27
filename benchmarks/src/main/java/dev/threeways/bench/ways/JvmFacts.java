package dev.threeways.bench.ways;

import dev.threeways.server.testing.Placement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a running JVM chose, read from it with {@code jcmd} rather than assumed from its options: the
 * collector (the JVM picks the serial one on a single CPU), the processors it sees, its heap, and the
 * options it was started with.
 *
 * @param gc               the collector in use, e.g. "SerialGC"
 * @param activeProcessors the processors the JVM sizes itself for (0 when it could not be read)
 * @param maxHeapMib       its maximum heap
 * @param options          the options it was started with, then the ergonomic choices that matter here
 */
public record JvmFacts(String gc, int activeProcessors, long maxHeapMib, List<String> options) {
    private static final Pattern GC = Pattern.compile("-XX:\\+Use(\\w+GC)\\b");
    private static final Pattern MAX_HEAP = Pattern.compile("-XX:MaxHeapSize=(\\d+)");
    private static final Pattern ACTIVE = Pattern.compile("CPU: total \\d+ \\(initial active (\\d+)\\)");
    private static final Pattern JVM_ARGS = Pattern.compile("(?m)^jvm_args: (.*)$");
    /** Ergonomic flags worth showing beside the options given: the ones a CPU count or memory changes. */
    private static final List<String> ERGONOMIC = List.of("-XX:CICompilerCount=", "-XX:MaxHeapSize=", "-XX:ActiveProcessorCount=");

    public static JvmFacts unknown() {
        return new JvmFacts("unknown", 0, 0, List.of());
    }

    /** Reads {@code pid}; {@code jcmd} is the running JDK's. Unknown fields when the JVM cannot be attached to. */
    public static JvmFacts read(long pid) {
        Optional<String> flags = jcmd(pid, "VM.flags");
        if (flags.isEmpty()) {
            return unknown();
        }
        String info = jcmd(pid, "VM.info").orElse("");
        String commandLine = jcmd(pid, "VM.command_line").orElse("");
        return parse(flags.get(), info, commandLine);
    }

    static JvmFacts parse(String flags, String info, String commandLine) {
        Matcher gc = GC.matcher(flags);
        Matcher heap = MAX_HEAP.matcher(flags);
        Matcher active = ACTIVE.matcher(info);
        var options = new ArrayList<String>();
        Matcher args = JVM_ARGS.matcher(commandLine);
        if (args.find()) {
            Arrays.stream(args.group(1).trim().split("\\s+")).filter(o -> !o.isBlank())
                    // the JNI path and the like are noise for a reader: keep what configures the JVM
                    .filter(o -> o.startsWith("-X") || o.startsWith("--enable"))
                    .forEach(options::add);
        }
        for (String flag : flags.trim().split("\\s+")) {
            if (ERGONOMIC.stream().anyMatch(flag::startsWith) && options.stream().noneMatch(o -> o.startsWith(flag.split("=")[0]))) {
                options.add(flag);
            }
        }
        return new JvmFacts(gc.find() ? gc.group(1) : "unknown", active.find() ? Integer.parseInt(active.group(1)) : 0,
                heap.find() ? Long.parseLong(heap.group(1)) >> 20 : 0, options);
    }

    private static Optional<String> jcmd(long pid, String command) {
        return Placement.run(List.of(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                String.valueOf(pid), command));
    }
}
