package dev.threeways.fargate;

import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.testing.CapturedLog;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.Waits;
import dev.threeways.server.ResidentServer;
import dev.threeways.server.ServerConfig;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** /ws/payments over a real server: who may connect, and what a client that never reads can cost. */
class PaymentsWebSocketTest {
    /** The shipped WS_MAX_PENDING_BYTES (1 MiB): the backlog bound is tested where it ships. */
    private static final long MAX_PENDING = WebSocketConfig.fromEnv(Map.of()).maxPendingBytes();
    private ResidentServer server;
    private App app;
    private PaymentsWebSocket sockets;

    private void start(Set<String> origins) {
        start(origins, Map.of());
    }

    private void start(Set<String> origins, Map<String, String> serverEnv) {
        AppConfig config = AppConfig.fromEnv(Map.of("STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET));
        app = new App(config, H2Database.fresh(), new InMemoryWebhookQueue(config.queueMaxMessageBytes()), InstantSource.system());
        var env = new java.util.HashMap<>(Map.of("PORT", "0", "SERVER_HOST", "127.0.0.1"));
        env.putAll(serverEnv);
        sockets = new PaymentsWebSocket(app.ledger(), app.readAccess(), origins, MAX_PENDING,
                ServerConfig.fromEnv(env).readTimeout());
        server = ResidentServer.start(ServerConfig.fromEnv(env), app,
                Map.of(PaymentsWebSocket.PATH, sockets.handler()));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private int handshake(Map<String, String> headers) {
        return handshake(headers, null);
    }

    /** The handshake's status; a browser's subprotocol offer {@code protocols} when not null, and 101 only if the server selected ours. */
    private int handshake(Map<String, String> headers, List<String> protocols) {
        var builder = HttpClient.newHttpClient().newWebSocketBuilder();
        headers.forEach(builder::header);
        if (protocols != null) {
            builder.subprotocols(protocols.getFirst(), protocols.subList(1, protocols.size()).toArray(String[]::new));
        }
        try {
            WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + server.port() + PaymentsWebSocket.PATH),
                    new WebSocket.Listener() { }).join();
            socket.abort();
            assertEquals(protocols == null ? "" : PaymentsWebSocket.SUBPROTOCOL, socket.getSubprotocol(),
                    "the token offered as a subprotocol is never echoed");
            return 101;
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    @Test
    void theSettingsTakeTheEndsOfTheirRangesAndRefuseWhatIsPastThem() {
        assertEquals(new WebSocketConfig(Set.of(), 1024 * 1024), WebSocketConfig.fromEnv(Map.of()), "the shipped defaults");
        assertEquals(new WebSocketConfig(Set.of("https://a.example", "http://b.example:8080"), 1024),
                WebSocketConfig.fromEnv(Map.of("WS_ALLOWED_ORIGINS", "https://a.example, http://b.example:8080",
                        "WS_MAX_PENDING_BYTES", "1024")));
        assertEquals(64 * 1024 * 1024, WebSocketConfig.fromEnv(Map.of("WS_MAX_PENDING_BYTES", "67108864")).maxPendingBytes());
        for (String past : List.of("1023", "67108865")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.threeways.core.config.ConfigException.class,
                    () -> WebSocketConfig.fromEnv(Map.of("WS_MAX_PENDING_BYTES", past)));
            assertTrue(e.getMessage().contains("WS_MAX_PENDING_BYTES"), e.getMessage());
        }
    }

    @Test
    void theUpgradeNeedsAReadTokenAndRefusesPagesFromOtherOrigins() {
        start(Set.of("https://ops.example.com"));
        assertEquals(401, handshake(Map.of()), "no token");
        assertEquals(401, handshake(Map.of("Authorization", "Bearer wrong")));
        assertEquals(101, handshake(Map.of("Authorization", Reads.AUTHORIZATION)), "a server-side client: no Origin");
        assertEquals(101, handshake(Map.of("Authorization", Reads.AUTHORIZATION, "Origin", "https://ops.example.com")));
        assertEquals(403, handshake(Map.of("Authorization", Reads.AUTHORIZATION, "Origin", "https://evil.example")),
                "cross-site WebSocket hijacking");
    }

    @Test
    void aBrowserPageFromAnAllowedOriginSendsItsTokenAsASubprotocol() {
        start(Set.of("https://ops.example.com"));
        Map<String, String> page = Map.of("Origin", "https://ops.example.com");
        String offered = PaymentsWebSocket.TOKEN_PROTOCOL_PREFIX + Reads.TOKEN;
        assertEquals(101, handshake(page, List.of(PaymentsWebSocket.SUBPROTOCOL, offered)));
        assertEquals(101, handshake(page, List.of(offered, PaymentsWebSocket.SUBPROTOCOL)), "in either order");
        assertEquals(401, handshake(page, List.of(PaymentsWebSocket.SUBPROTOCOL, offered + "x")));
        assertEquals(401, handshake(page, List.of(PaymentsWebSocket.SUBPROTOCOL, PaymentsWebSocket.TOKEN_PROTOCOL_PREFIX)));
        assertEquals(401, handshake(page, List.of(PaymentsWebSocket.SUBPROTOCOL)), "no token at all");
        assertEquals(403, handshake(Map.of("Origin", "https://evil.example"), List.of(PaymentsWebSocket.SUBPROTOCOL, offered)),
                "a token does not open the stream to a page from elsewhere");
    }

    @Test
    void aClientThatNeverReadsIsDisconnectedOnceItsBacklogPassesTheLimit() throws Exception {
        // the backlog at its shipped 1 MiB is the subject; filling it takes about 20 s here, so the read
        // timeout (a silent client's other way out, tested below) is lengthened, not to cut it first
        start(Set.of(), Map.of("SERVER_READ_TIMEOUT_MS", "600000"));
        try (Socket silent = new Socket(); CapturedLog log = CapturedLog.start()) {
            silent.setReceiveBufferSize(4096);
            silent.connect(new InetSocketAddress("127.0.0.1", server.port()));
            sendUpgrade(silent);
            String head = readHead(silent.getInputStream());
            assertTrue(head.startsWith("HTTP/1.1 101"), head);
            Waits.until("the client registered", Duration.ofSeconds(5), () -> sockets.pendingBytes().size() == 1);
            long maxPending = 0;
            int applied = 0;
            // from here the client reads nothing: every change queues for it, first in the kernel, then in the server
            while (!sockets.pendingBytes().isEmpty() && applied < 100_000) {
                String body = paymentIntent("evt_ws_" + applied, "payment_intent.processing", 1_795_000_000L + applied,
                        "pi_ws_" + applied, 1000, 0, "processing");
                assertEquals(200, app.handler().handle(HttpRequest.of("POST", "/webhooks/stripe",
                        StripeEvents.signed(body), StripeEvents.bytes(body), "r")).status());
                applied++;
                maxPending = Math.max(maxPending, sockets.pendingBytes().values().stream().mapToLong(Long::longValue).max().orElse(0));
            }
            long changes = applied;
            Waits.until("the silent client disconnected", Duration.ofSeconds(10), () -> sockets.pendingBytes().isEmpty());
            assertTrue(maxPending <= MAX_PENDING + 4096, "the backlog stayed bounded: " + maxPending + " bytes after "
                    + changes + " changes");
            // the client leaves the push list just before the warning is written
            Waits.until("the warning", Duration.ofSeconds(5),
                    () -> !log.withMessage("websocket client not reading: disconnected").isEmpty());
            var warnings = log.withMessage("websocket client not reading: disconnected");
            assertEquals(1, warnings.size(), "one WARN for the one client: " + warnings);
            assertEquals("WARN", warnings.getFirst().get("level").stringValue());
            assertTrue(warnings.getFirst().get("stack") == null, "no stack trace");
            assertTrue(log.at(JsonLog.Level.ERROR).isEmpty(), "a slow client is not an error");
            assertTrue(endOfStream(silent), "the server closed the connection, so the client sees it end");
            System.out.printf("slow reader: disconnected after %d changes, largest backlog %d bytes (limit %d)%n",
                    changes, maxPending, MAX_PENDING);
        }
    }

    @Test
    void aListeningClientOutlivesTheReadTimeoutByAnsweringPingsAndASilentOneDoesNot() throws Exception {
        // the read timeout is this test's subject: 1 s, pinged every 0.5 s
        start(Set.of(), Map.of("SERVER_READ_TIMEOUT_MS", "1000"));
        var received = new java.util.concurrent.CopyOnWriteArrayList<String>();
        WebSocket listener = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", Reads.AUTHORIZATION)
                .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + PaymentsWebSocket.PATH), new WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        received.add(data.toString());
                        ws.request(1);
                        return null;
                    }
                }).join();
        try (Socket silent = new Socket("127.0.0.1", server.port())) {
            sendUpgrade(silent);
            Waits.until("both registered", Duration.ofSeconds(5), () -> sockets.pendingBytes().size() == 2);
            Thread.sleep(3000);
            assertEquals(1, sockets.pendingBytes().size(), "the silent client (no pongs) was cut by the read timeout");
            String body = paymentIntent("evt_ws_ping", "payment_intent.succeeded", 1_795_000_000L, "pi_ws_ping", 1000, 1000,
                    "succeeded");
            assertEquals(200, app.handler().handle(HttpRequest.of("POST", "/webhooks/stripe",
                    StripeEvents.signed(body), StripeEvents.bytes(body), "r")).status());
            Waits.until("the listener, idle three read timeouts long, still gets the change", Duration.ofSeconds(5),
                    () -> received.stream().anyMatch(m -> m.contains("pi_ws_ping")));
        } finally {
            listener.abort();
        }
    }

    @Test
    void aChangeAppliedAfterTheDrainSentGoingAwayDoesNotCutTheConnectionBeforeTheCloseFrameGoesOut() throws Exception {
        start(Set.of());
        try (Socket behind = new Socket()) {
            // a client that has fallen behind: what the server sends queues, and the close frame queues after it
            behind.setReceiveBufferSize(4096);
            behind.connect(new InetSocketAddress("127.0.0.1", server.port()));
            sendUpgrade(behind);
            assertTrue(readHead(behind.getInputStream()).startsWith("HTTP/1.1 101"));
            Waits.until("the client registered", Duration.ofSeconds(5), () -> sockets.pendingBytes().size() == 1);
            int applied = 0;
            while (sockets.pendingBytes().values().stream().mapToLong(Long::longValue).sum() < MAX_PENDING / 4) {
                applyChange("evt_behind_" + applied, "pi_behind_" + applied++);
            }
            var draining = Thread.ofPlatform().start(() -> {
                try {
                    sockets.closeAll(Duration.ofSeconds(3));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread.sleep(300);
            // the worker is still finishing a message when the drain reaches the WebSockets
            applyChange("evt_after_going_away", "pi_after_going_away");
            Thread.sleep(300);
            assertEquals(1001, closeCodeRead(behind), "the client reads its backlog, then Going Away, not a cut connection");
            draining.join();
        }
    }

    private void applyChange(String eventId, String paymentIntentId) {
        String body = paymentIntent(eventId, "payment_intent.processing", 1_795_000_000L, paymentIntentId, 1000, 0, "processing");
        assertEquals(200, app.handler().handle(HttpRequest.of("POST", "/webhooks/stripe",
                StripeEvents.signed(body), StripeEvents.bytes(body), "r")).status());
    }

    /** Reads unmasked server frames until a close frame (its status code) or the end of the stream (-1). */
    private static int closeCodeRead(Socket socket) throws Exception {
        socket.setSoTimeout(10_000);
        var in = new java.io.DataInputStream(socket.getInputStream());
        try {
            while (true) {
                int opcode = in.readUnsignedByte() & 0x0F;
                long length = in.readUnsignedByte() & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = in.readNBytes((int) length);
                if (opcode == 0x8) {
                    return ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
                }
            }
        } catch (java.io.EOFException | java.net.SocketException ended) {
            return -1;
        }
    }

    /** Reads what was queued for the socket until it ends: true if it ends (or is reset) within 10 s. */
    private static boolean endOfStream(Socket socket) throws Exception {
        socket.setSoTimeout(10_000);
        byte[] buffer = new byte[64 * 1024];
        try {
            while (socket.getInputStream().read(buffer) >= 0) {
                // what the kernel still held for it
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (java.io.IOException reset) {
            return true;
        }
    }

    /** A WebSocket upgrade with the read token, written by hand so the test controls the socket. */
    private static void sendUpgrade(Socket socket) throws java.io.IOException {
        socket.getOutputStream().write(("GET " + PaymentsWebSocket.PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nAuthorization: " + Reads.AUTHORIZATION + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
    }

    private static String readHead(InputStream in) throws Exception {
        var head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
