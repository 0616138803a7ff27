package dev.threeways.resilience;

import dev.threeways.lambdalocal.ProcessMemory;

/** A process's resident set as the kernel counts it (what a container's memory limit is held against). */
final class Memory {
    private Memory() {}

    static long residentBytes(long pid) {
        return ProcessMemory.residentKib(pid).orElseThrow(() -> new IllegalStateException("no VmRSS for " + pid)) * 1024;
    }
}
