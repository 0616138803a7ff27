package dev.threeways.advisor.decide;

import dev.threeways.advisor.Keyed;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A protocol a workload serves. HTTP stands for HTTP and HTTPS: the article's Q2 asks only whether anything else is needed. */
public enum Protocol implements Keyed {
    HTTP("HTTP/HTTPS"),
    WEBSOCKET("WebSocket"),
    GRPC("gRPC"),
    TCP("TCP"),
    UDP("UDP");

    private final String label;

    Protocol(String label) {
        this.label = label;
    }

    /** The name people write: "WebSocket". */
    public String label() {
        return label;
    }

    /** "http" or "https" (the same to the advisor), "websocket" or "ws", "grpc", "tcp", "udp"; any case. */
    public static Protocol parse(String option, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "http", "https" -> HTTP;
            case "websocket", "websockets", "ws", "wss" -> WEBSOCKET;
            case "grpc" -> GRPC;
            case "tcp" -> TCP;
            case "udp" -> UDP;
            default -> throw new IllegalArgumentException(option + " must list protocols among "
                    + Arrays.stream(values()).map(Protocol::key).collect(Collectors.joining(", ")) + ": " + text);
        };
    }
}
