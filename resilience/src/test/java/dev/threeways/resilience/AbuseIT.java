package dev.threeways.resilience;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.webhook.StripeSignature;
import dev.threeways.server.testing.RawHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Hostile and broken clients against every way at its shipped defaults: what they get is a 4xx (or a
 * closed connection, where the HTTP parser refuses to go on), never a 5xx; nothing they send is stored;
 * the process stays healthy, logs no stack trace, and its memory stays bounded. The Lambda way is
 * reached as API Gateway reaches it; API Gateway's own front limits (10 KB of headers, 10 MB of body,
 * its 30 s timeout) stand before the function and are not the function's to enforce.
 */
class AbuseIT {
    private static PrivatePostgres pg;
    private static final ElasticMq sqs = ElasticMq.shared();
    private static final SqsClient client = sqs.client();
    private static ServerWay appRunner;
    private static ServerWay fargate;
    private static LambdaWay lambda;

    @BeforeAll
    static void ways() throws Exception {
        pg = PrivatePostgres.startMigrated();
        appRunner = Deployments.appRunner(pg.url());
        fargate = Deployments.fargate(pg.url(), sqs.endpoint(), Deployments.queue(sqs, client, "abuse-fargate"));
        String lambdaQueue = Deployments.queue(sqs, client, "abuse-lambda");
        lambda = Deployments.lambda(pg.url(), sqs.endpoint(), client, lambdaQueue);
    }

    @AfterAll
    static void stop() throws Exception {
        for (Way way : List.of(appRunner, fargate, lambda)) {
            Invariants.noStackTraces(way.logs());
            way.close();
        }
        pg.close();
    }

    private static List<Way> all() {
        return List.of(appRunner, fargate, lambda);
    }

    private static long stored(String eventIdPrefix) {
        return Sql.queryLong(pg.dataSource(), "SELECT COUNT(*) FROM webhook_events WHERE event_id LIKE '" + eventIdPrefix + "%'");
    }

    private static Map<String, String> signedHeaders(String secret, Instant at, String body) {
        return Map.of("content-type", "application/json; charset=utf-8",
                "stripe-signature", StripeSignature.header(secret, at, StripeEvents.bytes(body)));
    }

    @Test
    void jsonBombs() throws Exception {
        var bombs = new LinkedHashMap<String, String>();
        bombs.put("30 000 nested arrays", "[".repeat(30_000) + "]".repeat(30_000));
        bombs.put("a 60 000-digit number", "{\"amount\":1" + "0".repeat(60_000) + "}");
        bombs.put("3 000 duplicate keys", "{" + "\"id\":\"evt_dup\",".repeat(3_000) + "\"x\":1}");
        for (Way way : all()) {
            var seen = new ArrayList<String>();
            for (var bomb : bombs.entrySet()) {
                byte[] body = bomb.getValue().getBytes(StandardCharsets.UTF_8);
                Way.Answer echo = way.send("POST", "/echo", Map.of("content-type", "application/json"), body);
                // signed with the real secret: only Stripe could send it, so the parser is all that stands
                Way.Answer webhook = way.send("POST", "/webhooks/stripe",
                        signedHeaders(StripeEvents.SECRET, Instant.now(), bomb.getValue()), body);
                assertTrue(echo.status() >= 200 && echo.status() < 500, way.name() + " /echo, " + bomb.getKey() + ": " + echo);
                assertTrue(webhook.status() >= 400 && webhook.status() < 500, way.name() + " webhook, " + bomb.getKey() + ": " + webhook);
                seen.add(bomb.getKey() + " → " + echo.status() + "/" + webhook.status());
            }
            assertEquals(200, way.get("/healthz").status());
            assertEquals(0, stored("evt_dup"), "nothing stored");
            SuiteTable.row("JSON bombs to /echo and the webhook (signed)", way.name(), String.join("; ", seen),
                    "nothing stored", "healthy at once");
        }
    }

    @Test
    void forgedReplayedStaleAndOtherModeSignatures() throws Exception {
        for (Way way : all()) {
            String prefix = "evt_sig_" + way.name().charAt(0);
            String body = StripeEvents.paymentIntent(prefix + "_1", "payment_intent.succeeded", 1_795_000_000L,
                    "pi_sig_" + way.name().charAt(0), 500, 500, "succeeded");
            Map<String, String> valid = signedHeaders(StripeEvents.SECRET, Instant.now(), body);
            int forged = way.send("POST", "/webhooks/stripe", signedHeaders("whsec_attacker", Instant.now(), body),
                    StripeEvents.bytes(body)).status();
            int stale = way.send("POST", "/webhooks/stripe", signedHeaders(StripeEvents.SECRET,
                    Instant.now().minus(Duration.ofMinutes(10)), body), StripeEvents.bytes(body)).status();
            String liveBody = StripeEvents.inLiveMode(body.replace(prefix + "_1", prefix + "_live"));
            int otherMode = way.send("POST", "/webhooks/stripe", signedHeaders(StripeEvents.SECRET, Instant.now(), liveBody),
                    StripeEvents.bytes(liveBody)).status();
            assertEquals(400, forged, way.name() + ": forged");
            assertEquals(400, stale, way.name() + ": stale");
            assertEquals(422, otherMode, way.name() + ": a live-mode event on this test-mode ledger");
            int first = way.send("POST", "/webhooks/stripe", valid, StripeEvents.bytes(body)).status();
            int replayed = way.send("POST", "/webhooks/stripe", valid, StripeEvents.bytes(body)).status();
            assertEquals(200, first);
            assertEquals(200, replayed, "a replay inside the tolerance is a duplicate delivery: acknowledged, applied once");
            dev.threeways.core.testing.Waits.until("the valid event stored", Duration.ofSeconds(30), () -> stored(prefix) == 1);
            Thread.sleep(500);
            assertEquals(1, stored(prefix), way.name() + ": only the valid event, once");
            assertEquals(1, Sql.queryLong(pg.dataSource(), "SELECT COUNT(*) FROM ledger_entries WHERE event_id = '" + prefix + "_1'"));
            SuiteTable.row("forged, stale (10 min), other-mode and replayed signatures", way.name(),
                    forged + " / " + stale + " / " + otherMode + " / " + first + " then " + replayed,
                    "nothing forged stored; the replay applied once", "-");
        }
    }

    @Test
    void testModeEventsOnALiveLedger() throws Exception {
        // STRIPE_LIVEMODE is this test's subject: a ledger of real money
        var env = new java.util.HashMap<>(Deployments.wiring(pg.url()));
        env.put("STRIPE_LIVEMODE", "true");
        try (ServerWay live = ServerWay.start("App Runner", "apprunner.jar", env)) {
            String body = StripeEvents.paymentIntent("evt_testmode_1", "payment_intent.succeeded", 1_795_000_000L,
                    "pi_testmode_1", 700, 700, "succeeded");
            int status = live.send("POST", "/webhooks/stripe", signedHeaders(StripeEvents.SECRET, Instant.now(), body),
                    StripeEvents.bytes(body)).status();
            assertEquals(422, status, "a test-mode event is refused by a live ledger");
            assertEquals(0, stored("evt_testmode_"));
            Invariants.noStackTraces(live.logs());
            SuiteTable.row("a test-mode event on a live ledger (STRIPE_LIVEMODE=true)", live.name(), String.valueOf(status),
                    "nothing stored", "-");
        }
    }

    @Test
    void hugeAndManyHeadersGetAnAnswerOrAClosedConnection() throws Exception {
        for (ServerWay way : List.of(appRunner, fargate)) {
            String many = headers(10_000, 20);
            String oneHuge = "X-Big: " + "a".repeat(1024 * 1024) + "\r\n";
            String manyResult = rawAttempt(way, many);
            String hugeResult = rawAttempt(way, oneHuge);
            assertEquals(200, way.get("/healthz").status(), way.name() + " healthy after the header attacks");
            SuiteTable.row("10 000 headers; one 1 MB header", way.name(), manyResult + "; " + hugeResult, "nothing",
                    "healthy at once");
        }
    }

    private static String headers(int count, int valueLength) {
        var sb = new StringBuilder();
        for (int i = 0; i < count; i++) {
            sb.append("X-H").append(i).append(": ").append("v".repeat(valueLength)).append("\r\n");
        }
        return sb.toString();
    }

    /** Sends a GET with {@code extraHeaders}; what came back: a status, or how the connection ended. */
    private static String rawAttempt(ServerWay way, String extraHeaders) {
        try (RawHttp http = RawHttp.connect(way.process().port(), Duration.ofSeconds(10))) {
            try {
                http.send("GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n" + extraHeaders + "\r\n");
            } catch (IOException closedWhileSending) {
                return "connection closed while sending";
            }
            try {
                int status = http.read().status();
                assertTrue(status >= 400 && status < 500, way.name() + ": " + status);
                return String.valueOf(status);
            } catch (IOException e) {
                return "connection closed";
            }
        } catch (IOException e) {
            return "connection refused";
        }
    }

    @Test
    void paymentReadsNeedAToken() {
        for (Way way : all()) {
            int none = way.get("/payments/pi_anyone").status();
            int wrong = way.send("GET", "/payments/pi_anyone", Map.of("authorization", "Bearer guess"), new byte[0]).status();
            int right = way.send("GET", "/payments/pi_anyone", Map.of("authorization", Reads.AUTHORIZATION), new byte[0]).status();
            assertEquals(401, none, way.name());
            assertEquals(401, wrong, way.name());
            assertEquals(404, right, way.name() + ": with the token, an unknown payment");
            SuiteTable.row("payment read without / with a wrong / with the read token", way.name(),
                    none + " / " + wrong + " / " + right, "nothing disclosed", "-");
        }
    }

    @Test
    void drippedHeadersAndBodiesAreCutOffAtTheirDeadlines() throws Exception {
        var results = new ArrayList<CompletableFuture<Void>>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (ServerWay way : List.of(appRunner, fargate)) {
                results.add(CompletableFuture.runAsync(() -> drip(way, "headers dripped one line a second",
                        "GET /hello HTTP/1.1\r\nHost: 127.0.0.1\r\n", i -> "X-Drip-" + i + ": 1\r\n"), pool));
                results.add(CompletableFuture.runAsync(() -> drip(way, "a body dripped one byte a second",
                        "POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n",
                        i -> " "), pool));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get();
        }
    }

    /** Sends {@code head}, then one piece a second; the server must close the connection within its 30 s limits. */
    private static void drip(ServerWay way, String what, String head, java.util.function.IntFunction<String> piece) {
        long start = System.nanoTime();
        String outcome = "still open";
        try (RawHttp http = RawHttp.connect(way.process().port(), Duration.ofSeconds(60))) {
            http.send(head);
            for (int i = 0; i < 60; i++) {
                Thread.sleep(1000);
                http.send(piece.apply(i));
            }
        } catch (IOException cut) {
            outcome = "cut off";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long took = System.nanoTime() - start;
        assertEquals("cut off", outcome, way.name() + ": " + what);
        assertTrue(took < Duration.ofSeconds(40).toNanos(), way.name() + ": " + what + " took " + took / 1_000_000 + " ms");
        SuiteTable.row(what, way.name(), "connection closed", "nothing", "cut after " + SuiteTable.seconds(took));
    }

    private static int disconnectedForBacklog() {
        return (int) fargate.logs().lines().filter(l -> l.contains("websocket client not reading")).count();
    }

    /**
     * Clients that neither read nor answer pings: each must be disconnected — by its backlog passing
     * WS_MAX_PENDING_BYTES, or by the read timeout, since it sends no pong — while the changes keep coming.
     */
    @Test
    void webSocketClientsThatNeverReadAreDisconnectedAndMemoryStaysBounded() throws Exception {
        int clients = 20;
        long before = fargate.residentBytes();
        long largest = before;
        var silent = new ArrayList<java.net.Socket>();
        // beside them a client that reads and, like a browser, answers pings: it must outlive the read timeout
        var listened = new java.util.concurrent.atomic.AtomicInteger();
        var listenerClosed = new java.util.concurrent.CompletableFuture<Integer>();
        java.net.http.WebSocket listener = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", Reads.AUTHORIZATION)
                .buildAsync(java.net.URI.create("ws://127.0.0.1:" + fargate.process().port() + "/ws/payments"),
                        new java.net.http.WebSocket.Listener() {
                            @Override
                            public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws,
                                                                                  CharSequence data, boolean last) {
                                if (last) {
                                    listened.incrementAndGet();
                                }
                                ws.request(1);
                                return null;
                            }

                            @Override
                            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket ws, int code,
                                                                                   String reason) {
                                listenerClosed.complete(code);
                                return null;
                            }

                            @Override
                            public void onError(java.net.http.WebSocket ws, Throwable error) {
                                listenerClosed.complete(-1);
                            }
                        }).join();
        try {
            for (int i = 0; i < clients; i++) {
                var socket = new java.net.Socket();
                socket.setReceiveBufferSize(4096);
                socket.connect(new java.net.InetSocketAddress("127.0.0.1", fargate.process().port()));
                socket.getOutputStream().write(("GET /ws/payments HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Authorization: " + Reads.AUTHORIZATION + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                silent.add(socket);
            }
            // changes for 40 s, longer than the 30 s read timeout: every one is pushed to every client
            int sent = 0;
            long until = System.nanoTime() + Duration.ofSeconds(40).toNanos();
            while (System.nanoTime() < until) {
                List<Storm.Event> events = Storm.events("ws_silent_" + sent / 500, 500);
                Storm.Outcome outcome = Storm.send(fargate, events, 8, Duration.ofSeconds(120));
                assertEquals(Map.of(200, events.size()), outcome.statuses());
                sent += events.size();
                largest = Math.max(largest, fargate.residentBytes());
            }
            int changes = sent;
            dev.threeways.core.testing.Waits.until("the changes applied", Duration.ofSeconds(120),
                    () -> stored("evt_ws_silent_") == changes);
            largest = Math.max(largest, fargate.residentBytes());
            int disconnected = 0;
            for (var socket : silent) {
                socket.setSoTimeout(10_000);
                try (var in = socket.getInputStream()) {
                    // what the kernel buffered is still there to read; then the server's close
                    while (in.read(new byte[65536]) >= 0) {
                        // draining
                    }
                    disconnected++;
                } catch (java.net.SocketTimeoutException stillOpen) {
                    // not disconnected
                } catch (IOException reset) {
                    disconnected++;
                }
            }
            assertEquals(clients, disconnected, "every silent client was disconnected");
            assertTrue(!listenerClosed.isDone() && !listener.isInputClosed(),
                    "the listening client, 40 s on the stream, outlived the 30 s read timeout by answering pings");
            int heard = listened.get();
            List<Storm.Event> last = Storm.events("ws_after", 1);
            assertEquals(Map.of(200, 1), Storm.send(fargate, last, 1, Duration.ofSeconds(30)).statuses());
            dev.threeways.core.testing.Waits.until("the listening client hears a change after 40 s on the stream",
                    Duration.ofSeconds(30), () -> listened.get() > heard);
            assertTrue(fargate.get("/healthz").ok());
            int forBacklog = disconnectedForBacklog();
            SuiteTable.row(clients + " WebSocket clients that neither read nor answer pings, " + changes + " changes pushed",
                    "Fargate", "webhooks 200×" + changes + "; all " + clients + " disconnected (" + forBacklog
                            + " at the 1 MiB backlog, " + (clients - forBacklog) + " by the 30 s read timeout); a client that"
                            + " reads and answers pings stayed on, hearing changes after 40 s",
                    "nothing", String.format(java.util.Locale.ROOT, "resident memory %d MiB before, at most %d MiB during",
                            before >> 20, largest >> 20));
        } finally {
            listener.abort();
            for (var socket : silent) {
                socket.close();
            }
        }
    }

    @Test
    void readinessFloodDuringAWebhookStorm() throws Exception {
        for (Way way : all()) {
            var stop = new AtomicBoolean();
            var probes = new AtomicInteger();
            var flood = new ArrayList<CompletableFuture<Void>>();
            var pool = Executors.newVirtualThreadPerTaskExecutor();
            int flooders = way instanceof LambdaWay ? 2 : 32;
            for (int i = 0; i < flooders; i++) {
                flood.add(CompletableFuture.runAsync(() -> {
                    while (!stop.get()) {
                        way.get("/readyz");
                        probes.incrementAndGet();
                    }
                }, pool));
            }
            List<Storm.Event> events = Storm.events("flood_" + way.name().charAt(0), 30);
            Storm.Outcome outcome = Storm.send(way, events, 4, Duration.ofSeconds(60));
            stop.set(true);
            CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get();
            pool.close();
            assertEquals(Map.of(200, events.size()), outcome.statuses(),
                    way.name() + ": a readiness flood must not take webhooks down (" + probes.get() + " probes)");
            SuiteTable.row("/readyz flood (" + probes.get() + " probes) during a webhook storm", way.name(),
                    "webhooks: " + outcome.summary(), "nothing", "-");
        }
    }
}
