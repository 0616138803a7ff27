package dev.threeways.fargate;

import dev.threeways.core.api.Endpoints.PaymentView;
import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.LedgerChange;
import dev.threeways.core.ledger.PaymentLedger;
import dev.threeways.core.log.JsonLog;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.xnio.IoUtils;

/**
 * {@code /ws/payments}: every ledger change this task applies is pushed as JSON to every connected
 * client. The only long-lived connections of the app, which is why only Fargate runs it (App Runner
 * and API Gateway's HTTP API do not keep them). Undertow's graceful shutdown does not track upgraded
 * connections, so the drain closes them here, with 1001 Going Away.
 */
public final class PaymentsWebSocket {
    public static final String PATH = "/ws/payments";
    private static final JsonLog LOG = JsonLog.of(PaymentsWebSocket.class);

    private final PaymentLedger ledger;
    private final Set<WebSocketChannel> clients = ConcurrentHashMap.newKeySet();

    public PaymentsWebSocket(PaymentLedger ledger) {
        this.ledger = ledger;
        ledger.onChange(this::push);
    }

    public HttpHandler handler() {
        return Handlers.websocket((exchange, channel) -> {
            clients.add(channel);
            channel.addCloseTask(clients::remove);
            // receiving is what notices a client's close frame
            channel.resumeReceives();
        });
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
        for (WebSocketChannel client : clients) {
            WebSockets.sendText(json, client, null);
        }
    }

    /** Drain step: sends 1001 Going Away to every client and waits up to {@code timeout} for them to go. */
    public boolean closeAll(Duration timeout) throws InterruptedException {
        int count = clients.size();
        for (WebSocketChannel client : clients) {
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
