package dev.threeways.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * The container health check: {@code java -cp app.jar dev.threeways.server.HealthProbe /healthz}
 * exits 0 when the server on {@code $PORT} answers 200, else 1. It exists because the image has no
 * curl or wget and ECS runs {@code CMD-SHELL} checks with {@code /bin/sh}, which in the Ubuntu-based
 * JRE image is dash (no {@code /dev/tcp}); a JVM is the one client every image of this app has.
 * Plain HTTP/1.0 over a socket, so the probe loads a handful of classes and is done in about 0.1 s.
 */
public final class HealthProbe {
    static final int TIMEOUT_MS = 3_000;

    private HealthProbe() {}

    public static void main(String[] args) {
        String path = args.length > 0 ? args[0] : "/healthz";
        String port = System.getenv().getOrDefault(ServerSetting.PORT.name(), ServerSetting.PORT.defaultValue());
        int status = status("127.0.0.1", Integer.parseInt(port), path);
        if (status != 200) {
            System.err.println("health check " + path + " on port " + port + ": "
                    + (status < 0 ? "no answer" : "status " + status));
        }
        System.exit(status == 200 ? 0 : 1);
    }

    /** The status code the server answers to {@code GET path}, or -1 when it does not answer in time. */
    static int status(String host, int port, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return parseStatus(socket.getInputStream());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    /** From the status line {@code HTTP/1.x NNN reason}. */
    private static int parseStatus(InputStream in) throws IOException {
        var line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n' && line.length() < 256; c = in.read()) {
            line.append((char) c);
        }
        String[] parts = line.toString().trim().split(" ", 3);
        return parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
    }
}
