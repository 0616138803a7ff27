package dev.threeways.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
    @Test
    void reportsTheStatusTheServerAnswersOrMinusOneWhenNothingListens() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/healthz", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/readyz", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        try {
            int port = server.getAddress().getPort();
            assertEquals(200, HealthProbe.status("127.0.0.1", port, "/healthz"));
            assertEquals(503, HealthProbe.status("127.0.0.1", port, "/readyz"));
        } finally {
            server.stop(0);
        }
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        assertEquals(-1, HealthProbe.status("127.0.0.1", closed, "/healthz"));
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOut() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            long start = System.nanoTime();
            assertEquals(-1, HealthProbe.status("127.0.0.1", silent.getLocalPort(), "/healthz"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(true, ms >= HealthProbe.TIMEOUT_MS - 100 && ms < HealthProbe.TIMEOUT_MS * 3L, "took " + ms + " ms");
        }
    }
}
