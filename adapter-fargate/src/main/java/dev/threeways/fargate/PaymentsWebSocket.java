package dev.threeways.fargate;

import dev.threeways.core.api.Endpoints.PaymentView;
import dev.threeways.core.api.ReadAccess;
import dev.threeways.core.http.Problem;
import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.LedgerChange;
import dev.threeways.core.ledger.PaymentLedger;
import dev.threeways.core.log.JsonLog;
import dev.threeways.server.Exchanges;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.protocol.version13.Hybi13Handshake;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.IoUtils;
import org.xnio.Options;

/**
 * {@code /ws/payments}: every ledger change this task applies is pushed as JSON to every connected
 * client. The only long-lived connections of the app, which is why only Fargate runs it (App Runner
 * and API Gateway's HTTP API do not keep them). Undertow's graceful shutdown does not track upgraded
 * connections, so the drain closes them here, with 1001 Going Away.
 *
 * <p>Payments are not public: the upgrade needs a read token ({@link ReadAccess}, as {@code GET
 * /payments/{id}}), and a browser's request (one with an {@code Origin}) only from a configured origin,
 * so a page elsewhere cannot ride on a user's credentials (cross-site WebSocket hijacking). A browser
 * cannot set {@code Authorization} on a WebSocket, so an allowed page sends its token as the subprotocol
 * {@code bearer.<token>} beside {@value #SUBPROTOCOL} (Kubernetes' API server does the same); without
 * it {@code WS_ALLOWED_ORIGINS} could name pages that have no way in. What waits to
 * be sent to one client is bounded: a client that stops reading is disconnected, not buffered for.
 */
public final class PaymentsWebSocket {
    public static final String PATH = "/ws/payments";
    /**
     * The subprotocol the server selects: a browser that offers {@code bearer.<token>} must offer this too,
     * since it fails a handshake whose answer selects none of what it offered (and the token is not echoed).
     */
    public static final String SUBPROTOCOL = "payments";
    public static final String TOKEN_PROTOCOL_PREFIX = "bearer.";
    private static final JsonLog LOG = JsonLog.of(PaymentsWebSocket.class);

    private final PaymentLedger ledger;
    private final ReadAccess access;
    private final Set<String> allowedOrigins;
    private final long maxPendingBytes;
    private final int readTimeoutMs;
    private final Map<WebSocketChannel, AtomicLong> clients = new ConcurrentHashMap<>();
    private final ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon(true).name("websocket-ping").factory());

    /**
     * @param readTimeout how long a client may send nothing before it is cut off, which is how a dead peer is
     *                    noticed; every client is pinged twice in that time, since a client that only listens
     *                    sends nothing unless asked — a browser answers a ping with a pong by itself
     */
    public PaymentsWebSocket(PaymentLedger ledger, ReadAccess access, Set<String> allowedOrigins, long maxPendingBytes,
                             Duration readTimeout) {
        this.ledger = ledger;
        this.access = access;
        this.allowedOrigins = Set.copyOf(allowedOrigins);
        this.maxPendingBytes = maxPendingBytes;
        ledger.onChange(this::push);
        this.readTimeoutMs = (int) readTimeout.toMillis();
        long millis = Math.max(100, readTimeout.toMillis() / 2);
        pings.scheduleAtFixedRate(this::pingAll, millis, millis, TimeUnit.MILLISECONDS);
    }

    private void pingAll() {
        for (WebSocketChannel client : clients.keySet()) {
            WebSockets.sendPing(ByteBuffer.allocate(0), client, null);
        }
    }

    public HttpHandler handler() {
        HttpHandler upgrade = new WebSocketProtocolHandshakeHandler(List.of(new Hybi13Handshake(Set.of(SUBPROTOCOL), false)),
                (WebSocketConnectionCallback) (exchange, channel) -> {
                    clients.put(channel, new AtomicLong());
                    // the server's own read timeout is its idle keep-alive, far longer than a dead peer may linger
                    try {
                        channel.setOption(Options.READ_TIMEOUT, readTimeoutMs);
                    } catch (IOException e) {
                        IoUtils.safeClose(channel);
                        return;
                    }
                    channel.addCloseTask(clients::remove);
                    // receiving is what notices a client's close frame and its pongs; what a client sends is
                    // not for this stream, so only a small message is ever buffered from it
                    channel.getReceiveSetter().set(new AbstractReceiveListener() {
                        @Override
                        protected long getMaxTextBufferSize() {
                            return 1024;
                        }

                        @Override
                        protected long getMaxBinaryBufferSize() {
                            return 1024;
                        }
                    });
                    channel.resumeReceives();
                });
        return exchange -> {
            var denied = access.deny(Optional.ofNullable(exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION))
                    .or(() -> protocolToken(exchange.getRequestHeaders().get(Headers.SEC_WEB_SOCKET_PROTOCOL))));
            String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
            if (denied.isPresent()) {
                Exchanges.send(exchange, denied.get());
            } else if (origin != null && !allowedOrigins.contains(origin)) {
                Exchanges.send(exchange, Problem.of(403, "origin-not-allowed", "Origin not allowed",
                        "This stream does not take connections from pages at " + origin + " (WS_ALLOWED_ORIGINS).")
                        .toResponse());
            } else {
                upgrade.handleRequest(exchange);
            }
        };
    }

    /**
     * The token a browser sent as a subprotocol ({@code bearer.<token>}), as an Authorization value: a
     * page's WebSocket API cannot set headers, and this is the one request header it controls.
     */
    static Optional<String> protocolToken(Collection<String> protocolHeaders) {
        if (protocolHeaders == null) {
            return Optional.empty();
        }
        return protocolHeaders.stream().flatMap(h -> Arrays.stream(h.split(","))).map(String::strip)
                .filter(p -> p.startsWith(TOKEN_PROTOCOL_PREFIX) && p.length() > TOKEN_PROTOCOL_PREFIX.length())
                .map(p -> "Bearer " + p.substring(TOKEN_PROTOCOL_PREFIX.length()))
                .findFirst();
    }

    private void push(LedgerChange change) {
        if (clients.isEmpty()) {
            return;
        }
        var message = new LinkedHashMap<String, Object>();
        message.put("type", "payment.changed");
        message.put("eventId", change.eventId());
        message.put("eventType", change.eventType());
        ledger.find(change.paymentIntentId()).ifPresent(p -> message.put("payment", PaymentView.of(p)));
        String json = Json.writeString(message);
        // what goes on the wire: UTF-8, which a String's length undercounts for any non-ASCII name or id
        long size = json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        clients.forEach((client, pending) -> {
            if (client.isCloseFrameSent()) {
                return;
            }
            if (pending.addAndGet(size) > maxPendingBytes) {
                // out of the map at once: the close task runs later, on the I/O thread, and pushes meanwhile
                // must neither queue more for this client nor report it again
                if (clients.remove(client) != null) {
                    LOG.warn("websocket client not reading: disconnected", Map.of("pendingBytes", pending.get() - size,
                            "limit", maxPendingBytes, "peer", String.valueOf(client.getPeerAddress())));
                    IoUtils.safeClose(client);
                }
                return;
            }
            WebSockets.sendText(json, client, new WebSocketCallback<Void>() {
                @Override
                public void complete(WebSocketChannel channel, Void context) {
                    pending.addAndGet(-size);
                }

                @Override
                public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
                    pending.addAndGet(-size);
                    // refused because the drain's Going Away is already queued: closing here would cut the
                    // connection before that frame is written, and the client would see an abnormal close
                    if (!channel.isCloseFrameSent()) {
                        IoUtils.safeClose(channel);
                    }
                }
            });
        });
    }

    /** Bytes queued for each connected client and not yet written to its socket. */
    Map<WebSocketChannel, Long> pendingBytes() {
        var out = new java.util.HashMap<WebSocketChannel, Long>();
        clients.forEach((client, pending) -> out.put(client, pending.get()));
        return out;
    }

    /** Drain step: sends 1001 Going Away to every client and waits up to {@code timeout} for them to go. */
    public boolean closeAll(Duration timeout) throws InterruptedException {
        pings.shutdownNow();
        int count = clients.size();
        for (WebSocketChannel client : clients.keySet()) {
            WebSockets.sendClose(new CloseMessage(CloseMessage.GOING_AWAY, "server shutting down"), client,
                    new WebSocketCallback<Void>() {
                        @Override
                        public void complete(WebSocketChannel channel, Void context) {
                            IoUtils.safeClose(channel);
                        }

                        @Override
                        public void onError(WebSocketChannel channel, Void context, Throwable throwable) {
                            IoUtils.safeClose(channel);
                        }
                    });
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!clients.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        LOG.info("websockets closed", Map.of("clients", count, "left", clients.size()));
        return clients.isEmpty();
    }
}
