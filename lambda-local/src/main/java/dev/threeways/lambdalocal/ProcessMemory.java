package dev.threeways.lambdalocal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Reads a process's resident set from {@code /proc}: its peak (Lambda's "Max Memory Used") and its current
 * size (what a container's memory limit is held against).
 */
public final class ProcessMemory {

    private ProcessMemory() {
    }

    /**
     * The {@code VmHWM} ("high water mark") line of {@code /proc/<pid>/status}, in KiB; empty when the process is
     * gone or the file is not there (not Linux).
     */
    public static OptionalLong peakResidentKib(long pid) {
        return statusKib(pid, "VmHWM:");
    }

    /** The {@code VmRSS} line: what the process holds in memory now, in KiB; empty as for {@link #peakResidentKib}. */
    public static OptionalLong residentKib(long pid) {
        return statusKib(pid, "VmRSS:");
    }

    private static OptionalLong statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    // "VmHWM:     123456 kB"
                    String digits = line.substring(field.length()).replace("kB", "").trim();
                    return OptionalLong.of(Long.parseLong(digits));
                }
            }
        } catch (IOException | NumberFormatException | SecurityException e) {
            // the process has exited (or /proc is not readable): no sample
        }
        return OptionalLong.empty();
    }

    /** KiB to MiB, rounded up: Lambda never reports less than was used. */
    static long kibToMib(long kib) {
        return (kib + 1023) / 1024;
    }
}
