package dev.threeways.core.testing;

import dev.threeways.core.http.Json;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.log.JulToJson;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What the app logs while it is open — its own lines and, as in the app, the libraries' through
 * java.util.logging — still echoed to stdout so a failing test's output shows them.
 */
public final class CapturedLog implements AutoCloseable {
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private CapturedLog() {}

    public static CapturedLog start() {
        JulToJson.install();
        var log = new CapturedLog();
        PrintStream stdout = System.out;
        JsonLog.setOutput(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                log.write(new byte[] {(byte) b}, 0, 1);
                stdout.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                log.write(b, off, len);
                stdout.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        return log;
    }

    private synchronized void write(byte[] b, int off, int len) {
        captured.write(b, off, len);
    }

    public synchronized List<JsonNode> lines() {
        return captured.toString(StandardCharsets.UTF_8).lines().map(Json.MAPPER::readTree).toList();
    }

    /** The lines at {@code level}. */
    public List<JsonNode> at(JsonLog.Level level) {
        return lines().stream().filter(l -> level.name().equals(l.get("level").stringValue())).toList();
    }

    /** The lines whose message is {@code msg}. */
    public List<JsonNode> withMessage(String msg) {
        return lines().stream().filter(l -> msg.equals(l.get("msg").stringValue())).toList();
    }

    @Override
    public void close() {
        JsonLog.setOutput(System.out);
    }
}
