package dev.threeways.core.log;

import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Makes java.util.logging — where the JDK, Flyway and (through slf4j-jdk14) the AWS SDK log — write
 * through {@link JsonLog}, so every line the app prints is one JSON object.
 */
public final class JulToJson extends Handler {
    private static volatile boolean installed;

    private JulToJson() {}

    /** Replaces the root logger's handlers with this one; later calls do nothing. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        root.setLevel(Level.INFO);
        root.addHandler(new JulToJson());
        installed = true;
    }

    @Override
    public void publish(LogRecord record) {
        JsonLog.Level level = map(record.getLevel());
        String name = record.getLoggerName() == null ? "jul" : record.getLoggerName();
        JsonLog log = JsonLog.named(name);
        if (log.enabled(level)) {
            String msg = record.getMessage();
            Object[] params = record.getParameters();
            if (msg != null && params != null && params.length > 0) {
                msg = java.text.MessageFormat.format(msg, params);
            }
            log.log(level, msg, Map.of(), record.getThrown());
        }
    }

    private static JsonLog.Level map(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return JsonLog.Level.ERROR;
        }
        if (v >= Level.WARNING.intValue()) {
            return JsonLog.Level.WARN;
        }
        return v >= Level.INFO.intValue() ? JsonLog.Level.INFO : JsonLog.Level.DEBUG;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
