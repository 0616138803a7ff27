package dev.threeways.core.log;

import dev.threeways.core.http.Json;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured logs: one JSON object per line on stdout, which CloudWatch Logs, App Runner and the
 * awslogs driver all ingest as one event each. The request id is carried in a scoped value so every
 * line written while a request is handled names it, on any runtime.
 */
public final class JsonLog {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    public static final ScopedValue<String> REQUEST_ID = ScopedValue.newInstance();

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
        LogOutput before = out;
        out = LogOutput.to(stream);
        before.close();
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
        var line = new LinkedHashMap<String, Object>(8);
        line.put("ts", Timestamps.now());
        line.put("level", level.name());
        line.put("logger", logger);
        line.put("msg", msg);
        if (REQUEST_ID.isBound() && !REQUEST_ID.get().isEmpty()) {
            line.put("requestId", REQUEST_ID.get());
        }
        if (error != null) {
            line.put("error", error.getClass().getName() + ": " + error.getMessage());
            var trace = new StringWriter();
            error.printStackTrace(new PrintWriter(trace));
            line.put("stack", trace.toString());
        }
        out.write(json(line, fields), level.compareTo(Level.WARN) >= 0);
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

        public void write() {
            out.write(b.append('}'), level.compareTo(Level.WARN) >= 0);
        }
    }

    /**
     * The line as JSON, written here for the values a log line holds (text, numbers, booleans, null) and by
     * the app's mapper for anything else: at one access line a request, the mapper's generic path was most of
     * what the line cost.
     */
    static String json(Map<String, Object> line) {
        return json(line, Map.of());
    }

    /** {@code line}, then each field of {@code fields} whose name the line does not hold already. */
    private static String json(Map<String, Object> line, Map<String, ?> fields) {
        var b = new StringBuilder(256).append('{');
        line.forEach((k, v) -> member(b, k, v));
        fields.forEach((k, v) -> {
            if (!line.containsKey(k)) {
                member(b, k, v);
            }
        });
        return b.append('}').toString();
    }

    private static void member(StringBuilder b, String name, Object v) {
        if (b.length() > 1) {
            b.append(',');
        }
        string(b, name).append(':');
        if (v == null) {
            b.append("null");
        } else if (v instanceof CharSequence text) {
            string(b, text);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof Boolean) {
            b.append(v);
        } else if (v instanceof Double d && Double.isFinite(d)) {
            b.append(d.doubleValue());
        } else {
            b.append(Json.writeString(v));
        }
    }

    private static StringBuilder string(StringBuilder b, CharSequence s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"');
    }
}
