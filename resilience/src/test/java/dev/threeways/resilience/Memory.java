package dev.threeways.resilience;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident set as the kernel counts it (what a container's memory limit is held against). */
final class Memory {
    private Memory() {}

    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no /proc status for " + pid, e);
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
