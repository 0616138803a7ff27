package dev.threeways.core.log;

import dev.threeways.core.http.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on stdout, which CloudWatch Logs, App Runner and the
 * awslogs driver all ingest as one event each. The request id is carried in a scoped value so every
 * line written while a request is handled names it, on any runtime.
 */
public final class JsonLog {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    public static final ScopedValue<String> REQUEST_ID = ScopedValue.newInstance();
    /** The names every line starts with. */
    private static final java.util.Set<String> OWN = java.util.Set.of("ts", "level", "logger", "msg", "requestId");

    private static volatile Level threshold = Level.INFO;
    private static volatile LogOutput out = LogOutput.to(System.out);

    private final String logger;

    private JsonLog(String logger) {
        this.logger = logger;
    }

    public static JsonLog of(Class<?> type) {
        return new JsonLog(type.getSimpleName());
    }

    /** A log under a library's own logger name (the platform-logging bridge uses it). */
    public static JsonLog named(String logger) {
        return new JsonLog(logger);
    }

    public static void setThreshold(Level level) {
        threshold = level;
    }

    /** Redirects the log, a line a write; for tests that assert on what was logged. */
    public static synchronized void setOutput(PrintStream stream) {
        replace(LogOutput.to(stream));
    }

    /**
     * Buffers standard output: lines reach it from a thread of the log's own every {@code flushEvery}, at once
     * for a WARN or ERROR line, and at exit. For a resident server, where a write per request line was most of
     * what the access log cost; not for a process frozen after each answer (a Lambda environment).
     */
    public static synchronized void bufferStdout(Duration flushEvery) {
        if (!(out instanceof LogOutput.Buffered)) {
            replace(LogOutput.bufferedStdout(flushEvery));
            Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(JsonLog::flush));
        }
    }

    /** As {@link #bufferStdout}, to {@code stream}: for a benchmark of what the buffer saves. */
    public static synchronized void bufferTo(OutputStream stream, Duration flushEvery) {
        replace(LogOutput.buffered(stream, flushEvery));
    }

    private static void replace(LogOutput next) {
        LogOutput before = out;
        out = next;
        before.close();
    }

    /** Writes out what is buffered. */
    public static void flush() {
        out.flush();
    }

    public void debug(String msg, Map<String, ?> fields) {
        write(Level.DEBUG, msg, fields, null);
    }

    public void info(String msg, Map<String, ?> fields) {
        write(Level.INFO, msg, fields, null);
    }

    public void info(String msg) {
        write(Level.INFO, msg, Map.of(), null);
    }

    public void warn(String msg, Map<String, ?> fields) {
        write(Level.WARN, msg, fields, null);
    }

    public void error(String msg, Throwable error, Map<String, ?> fields) {
        write(Level.ERROR, msg, fields, error);
    }

    public boolean enabled(Level level) {
        return level.compareTo(threshold) >= 0;
    }

    public void log(Level level, String msg, Map<String, ?> fields, Throwable error) {
        write(level, msg, fields, error);
    }

    private void write(Level level, String msg, Map<String, ?> fields, Throwable error) {
        if (!enabled(level)) {
            return;
        }
        Line line = line(level, msg);
        if (error != null) {
            var trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.field("error", error.getClass().getName() + ": " + error.getMessage()).field("stack", trace.toString());
        }
        // a field named like one of the line's own is left out, as the line's own come first
        fields.forEach((name, value) -> {
            if (!OWN.contains(name) && (error == null || !name.equals("error") && !name.equals("stack"))) {
                line.value(name, value);
            }
        });
        line.write();
    }

    /**
     * A line built field by field, for what is logged on every request: no map, no boxing, no copy. The caller
     * asks {@link #enabled} first; {@link Line#write()} ends it.
     */
    public Line line(Level level, String msg) {
        var b = new StringBuilder(320).append("{\"ts\":\"").append(Timestamps.now()).append("\",\"level\":\"")
                .append(level.name()).append("\",\"logger\":");
        string(b, logger).append(",\"msg\":");
        string(b, msg);
        if (REQUEST_ID.isBound() && !REQUEST_ID.get().isEmpty()) {
            string(b.append(",\"requestId\":"), REQUEST_ID.get());
        }
        return new Line(b, level);
    }

    /** One line being built; see {@link JsonLog#line}. */
    public static final class Line {
        private final StringBuilder b;
        private final Level level;

        private Line(StringBuilder b, Level level) {
            this.b = b;
            this.level = level;
        }

        public Line field(String name, String value) {
            string(string(b.append(','), name).append(':'), value);
            return this;
        }

        public Line field(String name, long value) {
            string(b.append(','), name).append(':').append(value);
            return this;
        }

        public Line field(String name, double value) {
            string(b.append(','), name).append(':');
            if (Double.isFinite(value)) {
                b.append(value);
            } else {
                b.append("null");
            }
            return this;
        }

        /**
         * A field of any type: text, numbers and booleans written here, anything else by the app's mapper (at one
         * access line a request, the mapper's generic path was most of what a line cost).
         */
        public Line value(String name, Object v) {
            if (v instanceof CharSequence text) {
                string(string(b.append(','), name).append(':'), text);
            } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
                field(name, ((Number) v).longValue());
            } else if (v instanceof Double d && Double.isFinite(d)) {
                field(name, d.doubleValue());
            } else {
                string(b.append(','), name).append(':').append(v == null || v instanceof Boolean ? String.valueOf(v)
                        : Json.writeString(v));
            }
            return this;
        }

        public void write() {
            out.write(b.append('}'), level.compareTo(Level.WARN) >= 0);
        }

        /** The line so far, closed: for a test of what a line reads back as. */
        String text() {
            return b + "}";
        }
    }

    private static StringBuilder string(StringBuilder b, CharSequence s) {
        return Json.quote(b, s);
    }
}
