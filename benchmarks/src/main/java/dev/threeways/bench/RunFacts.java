package dev.threeways.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** What a report says about where it ran, read from the machine and the checkout rather than assumed. */
final class RunFacts {
    private RunFacts() {}

    /** The checkout's commit, marked when the working tree had changes (the figures are then of no commit). */
    static String commit(Path repo) {
        String head = git(repo, "rev-parse", "--short=12", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        return git(repo, "status", "--porcelain", "--untracked-files=no").isEmpty() ? head : head + " with uncommitted changes";
    }

    /** The CPU's model name as the kernel reports it. */
    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The kernel's release, as the JVM reads it. */
    static String kernel() {
        return System.getProperty("os.version");
    }

    private static String git(Path repo, String... args) {
        try {
            var command = new java.util.ArrayList<String>();
            command.add("git");
            command.addAll(java.util.List.of(args));
            Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
