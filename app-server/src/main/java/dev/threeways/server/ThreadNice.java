package dev.threeways.server;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * A thread's nice value on Linux, where it is the thread's own and not the process's: the scheduler then
 * gives a thread at nice 10 about a ninth of the CPU a thread at nice 0 gets while both want it (weights 110
 * and 1024), and all of it while the other sleeps. Raising one's own nice value needs no privilege, in a
 * container too. Elsewhere (macOS sets it for the whole process) nothing is changed.
 */
final class ThreadNice {
    private static final int PRIO_PROCESS = 0;
    private static final MethodHandle SETPRIORITY = find();

    private ThreadNice() {}

    /** Whether this platform can give a thread a nice value of its own. */
    static boolean available() {
        return SETPRIORITY != null;
    }

    /**
     * Sets the calling platform thread's nice value to {@code nice}; only a higher value than the thread has
     * is possible without privilege.
     *
     * @return whether it was set
     */
    static boolean setForCurrentThread(int nice) {
        if (SETPRIORITY == null) {
            return false;
        }
        try {
            // "who" 0 is the calling thread on Linux (NPTL): nice is a per-thread attribute there
            return (int) SETPRIORITY.invokeExact(PRIO_PROCESS, 0, nice) == 0;
        } catch (Throwable e) {
            return false;
        }
    }

    /** The calling thread's nice value, from {@code /proc/thread-self/stat}; empty where there is none. */
    static OptionalInt ofCurrentThread() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            // pid (comm) state ppid ...: the 19th field is nice; comm may hold spaces, so count after its ')'
            String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return OptionalInt.of(Integer.parseInt(rest[16]));
        } catch (IOException | RuntimeException e) {
            return OptionalInt.empty();
        }
    }

    private static MethodHandle find() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).equals("linux")) {
            return null;
        }
        try {
            Linker linker = Linker.nativeLinker();
            return linker.defaultLookup().find("setpriority")
                    .map(symbol -> linker.downcallHandle(symbol, FunctionDescriptor.of(ValueLayout.JAVA_INT,
                            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT)))
                    .orElse(null);
        } catch (RuntimeException e) {
            // native access refused (--illegal-native-access=deny without --enable-native-access): leave threads as they are
            return null;
        }
    }
}
