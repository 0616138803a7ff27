package dev.threeways.bench.jmh;

import dev.threeways.core.log.JsonLog;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The app writes a JSON access line per request and a line per applied event. Those lines are still
 * built during a benchmark, as they are on every deployed request, but written nowhere: JMH would
 * otherwise relay millions of them from the forked VM to the console, and measure the terminal.
 */
final class QuietLog {
    private QuietLog() {}

    static void discard() {
        JsonLog.setOutput(new PrintStream(OutputStream.nullOutputStream()));
    }

    /**
     * Back to stdout at the default level, so that a non-forked run (the smoke test) leaves the JVM's
     * logging as it found it: a benchmark may have built an app at another LOG_LEVEL, which is global.
     */
    static void restore() {
        JsonLog.setOutput(System.out);
        JsonLog.setThreshold(JsonLog.Level.INFO);
    }
}
