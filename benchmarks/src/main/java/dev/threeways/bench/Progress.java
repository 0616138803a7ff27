package dev.threeways.bench;

import java.io.PrintStream;

/** Progress of a long run on stderr, each line with the time since the run began, so stdout stays the result. */
public final class Progress {
    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    public Progress(PrintStream out) {
        this.out = out;
    }

    public void say(String format, Object... args) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf("[%6.1f s] %s%n", seconds, String.format(format, args));
        out.flush();
    }
}
