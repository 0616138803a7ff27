package dev.threeways.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.log.JsonLog;
import dev.threeways.core.testing.CapturedLog;
import dev.threeways.server.testing.RawHttp;
import dev.threeways.server.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Undertow's limits on what one client may send and how many may be connected, over a real socket at
 * and one past each edge, at the shipped defaults unless the limit is lowered to make the test short.
 * Undertow refuses a head over a limit itself, before any handler: a bare 400 with
 * {@code Connection: close} (it has no 431 and no hook for a problem body); never a 5xx, and nothing
 * is logged as an error.
 */
class HttpLimitsTest {
    private static final String HEAD = "GET /healthz HTTP/1.1\r\nHost: x\r\n";
    private TestServer running;
    private CapturedLog log;

    @BeforeEach
    void capture() {
        log = CapturedLog.start();
    }

    @AfterEach
    void stop() {
        // read before the stop: what the clients caused, not XNIO's accept racing the listener's close
        var errors = log.at(JsonLog.Level.ERROR);
        if (running != null) {
            running.server().stop();
        }
        log.close();
        assertEquals(java.util.List.of(), errors, "bad clients are not the server's errors");
    }

    /** The status the server answers {@code request} with on a fresh connection, or -1 if it closes without one. */
    private int status(String request) throws IOException {
        try (RawHttp client = RawHttp.connect(running.port(), Duration.ofSeconds(5))) {
            try {
                client.send(request);
            } catch (IOException e) {
                // the server may answer and close while a huge head is still being written
            }
            try {
                RawHttp.Response r = client.read();
                if (r.status() >= 400) {
                    assertEquals("close", r.header("connection"), "a refused request's connection is not reused");
                }
                return r.status();
            } catch (IOException e) {
                return -1;
            }
        }
    }

    private static String headOfExactly(int bytes) {
        String pad = "X-Pad: ";
        return HEAD + pad + "a".repeat(bytes - HEAD.length() - pad.length() - 4) + "\r\n\r\n";
    }

    @Test
    void aHeadAtTheByteLimitIsServedAndOneBytePastItIsRefused() throws Exception {
        running = TestServer.start(Map.of(), Map.of());
        int limit = Integer.parseInt(ServerSetting.HTTP_MAX_HEADER_BYTES.defaultValue());
        assertEquals(limit, headOfExactly(limit).length());
        assertEquals(200, status(headOfExactly(limit)));
        assertEquals(400, status(headOfExactly(limit + 1)));
        assertEquals(400, status(headOfExactly(1024 * 1024)), "a 1 MB header");
        assertEquals(200, status(HEAD + "\r\n"), "the server serves on");
    }

    private static String withHeaders(int count) {
        var request = new StringBuilder(HEAD);
        for (int i = 1; i < count; i++) {
            request.append("X-").append(i).append(": v\r\n");
        }
        return request.append("\r\n").toString();
    }

    @Test
    void headersUpToTheCountLimitAreServedAndOneMoreIsRefused() throws Exception {
        running = TestServer.start(Map.of(), Map.of());
        int limit = Integer.parseInt(ServerSetting.HTTP_MAX_HEADERS.defaultValue());
        assertEquals(200, status(withHeaders(limit)), "Host and " + (limit - 1) + " more");
        assertEquals(400, status(withHeaders(limit + 1)));
        assertEquals(400, status(withHeaders(10_000)));
        assertEquals(200, status(HEAD + "\r\n"));
    }

    private static String withParameters(int count) {
        var request = new StringBuilder("GET /hello?name=x");
        for (int i = 1; i < count; i++) {
            request.append("&p").append(i).append("=v");
        }
        return request.append(" HTTP/1.1\r\nHost: x\r\n\r\n").toString();
    }

    @Test
    void queryParametersUpToTheLimitAreServedAndOneMoreIsRefused() throws Exception {
        running = TestServer.start(Map.of(), Map.of());
        int limit = Integer.parseInt(ServerSetting.HTTP_MAX_PARAMETERS.defaultValue());
        assertEquals(200, status(withParameters(limit)));
        assertEquals(400, status(withParameters(limit + 1)));
    }

    @Test
    void headersDrippedPastTheDeadlineAreCutOffThoughEachLineComesWellWithinTheReadTimeout() throws Exception {
        running = TestServer.start(Map.of(), Map.of("HTTP_REQUEST_DEADLINE_MS", "1500"));
        try (Socket socket = new Socket("127.0.0.1", running.port())) {
            socket.setSoTimeout(200);
            long start = System.nanoTime();
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            for (int i = 0; i < 50 && !closed; i++) {
                try {
                    socket.getOutputStream().write(("X-" + i + ": v\r\n").getBytes(StandardCharsets.US_ASCII));
                    closed = socket.getInputStream().read() == -1;
                } catch (SocketTimeoutException e) {
                    // still open: drip the next line
                } catch (IOException e) {
                    closed = true;
                }
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(closed, "cut off");
            assertTrue(tookMs >= 1_400 && tookMs < 3_500, "at the deadline, not the 30 s read timeout: " + tookMs + " ms");
        }
    }

    @Test
    void aBodyDrippedPastTheDeadlineGetsA408AndOneThatArrivesInTimeIsServed() throws Exception {
        running = TestServer.start(Map.of(), Map.of("HTTP_REQUEST_DEADLINE_MS", "1500"));
        try (RawHttp inTime = RawHttp.connect(running.port(), Duration.ofSeconds(10))) {
            inTime.startPost("/echo", "application/json", 8);
            for (char c : "{\"a\":12}".toCharArray()) {
                inTime.send(String.valueOf(c));
                Thread.sleep(100);
            }
            assertEquals(200, inTime.read().status(), "0.8 s of dripping, inside the deadline");
        }
        try (RawHttp dripping = RawHttp.connect(running.port(), Duration.ofSeconds(10))) {
            long start = System.nanoTime();
            dripping.startPost("/echo", "application/json", 1000).send("{\"a\":\"");
            RawHttp.Response answer = null;
            for (int i = 0; i < 40 && answer == null; i++) {
                try {
                    dripping.send("x");
                } catch (IOException e) {
                    break;
                }
                Thread.sleep(250);
                if (i % 2 == 1) {
                    answer = answeredYet(dripping);
                }
            }
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(answer != null, "answered before the client gave up");
            assertEquals(408, answer.status());
            assertEquals("application/problem+json", answer.header("content-type"));
            assertEquals("close", answer.header("connection"));
            assertTrue(tookMs >= 1_400 && tookMs < 3_500, "at the deadline, each byte well inside the read timeout: " + tookMs + " ms");
            assertTrue(dripping.closedByServer());
        }
    }

    /** The response if one has started to arrive, else null without waiting. */
    private static RawHttp.Response answeredYet(RawHttp client) throws IOException {
        return client.available() > 0 ? client.read() : null;
    }

    @Test
    void connectionsBeyondTheLimitWaitUnansweredUntilOneCloses() throws Exception {
        running = TestServer.start(Map.of(), Map.of("HTTP_MAX_CONNECTIONS", "2"));
        RawHttp first = RawHttp.connect(running.port(), Duration.ofSeconds(5));
        try (RawHttp second = RawHttp.connect(running.port(), Duration.ofSeconds(5))) {
            for (RawHttp held : new RawHttp[] {first, second}) {
                held.send(HEAD + "\r\n");
                assertEquals(200, held.read().status(), "at the limit: served, and kept alive");
            }
            // the kernel completes the TCP handshake into the listen backlog; the server does not accept it
            try (RawHttp third = RawHttp.connect(running.port(), Duration.ofMillis(1_500))) {
                third.send(HEAD + "\r\n");
                assertThrows(SocketTimeoutException.class, third::read, "past the limit: no answer while both are held");
                first.close();
                third.timeout(Duration.ofSeconds(5));
                assertEquals(200, third.read().status(), "accepted once a connection closed");
            }
            second.send(HEAD + "\r\n");
            assertEquals(200, second.read().status());
        } finally {
            first.close();
        }
    }

    @Test
    void anIdleKeepAliveConnectionOutlivesALoadBalancersSixtySeconds() throws Exception {
        running = TestServer.start(Map.of(), Map.of());
        try (RawHttp client = RawHttp.connect(running.port(), Duration.ofSeconds(5))) {
            assertEquals(200, client.send(HEAD + "\r\n").read().status());
            // an ALB keeps an idle connection to its target 60 s and may send on it until then
            client.timeout(Duration.ofSeconds(65));
            assertFalse(client.closedByServer(), "the server kept the idle connection past 65 s");
            client.timeout(Duration.ofSeconds(5));
            assertEquals(200, client.send(HEAD + "\r\n").read().status(), "and serves on it");
        }
    }

    @Test
    void limitsAreTakenAtTheEndsOfTheirRangeAndRefusedPastThemNamingTheSetting() {
        var lowest = ServerConfig.fromEnv(Map.of("HTTP_MAX_HEADER_BYTES", "1024", "HTTP_MAX_HEADERS", "8",
                "HTTP_MAX_PARAMETERS", "1", "HTTP_MAX_CONNECTIONS", "2", "HTTP_REQUEST_DEADLINE_MS", "100")).limits();
        assertEquals(new ServerConfig.HttpLimits(Duration.ofMillis(100), 1024, 8, 1, 2), lowest);
        var highest = ServerConfig.fromEnv(Map.of("HTTP_MAX_HEADER_BYTES", "1048576", "HTTP_MAX_HEADERS", "10000",
                "HTTP_MAX_PARAMETERS", "10000", "HTTP_MAX_CONNECTIONS", "1000000", "HTTP_REQUEST_DEADLINE_MS", "600000")).limits();
        assertEquals(new ServerConfig.HttpLimits(Duration.ofMinutes(10), 1024 * 1024, 10_000, 10_000, 1_000_000), highest);
        Map<String, java.util.List<String>> past = Map.of("HTTP_MAX_HEADER_BYTES", java.util.List.of("1023", "1048577"),
                "HTTP_MAX_HEADERS", java.util.List.of("7", "10001"), "HTTP_MAX_PARAMETERS", java.util.List.of("0", "10001"),
                "HTTP_MAX_CONNECTIONS", java.util.List.of("1", "1000001"),
                "HTTP_REQUEST_DEADLINE_MS", java.util.List.of("99", "600001"));
        past.forEach((name, values) -> values.forEach(value -> {
            var e = assertThrows(dev.threeways.core.config.ConfigException.class, () -> ServerConfig.fromEnv(Map.of(name, value)));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }));
        assertEquals(new ServerConfig.HttpLimits(Duration.ofSeconds(30), 16_384, 100, 100, 10_000), ServerConfig.fromEnv(Map.of()).limits(),
                "the shipped defaults");
    }
}
