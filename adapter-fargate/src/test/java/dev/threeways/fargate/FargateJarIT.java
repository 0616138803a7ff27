package dev.threeways.fargate;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.http.Json;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.SqsWebhookQueue;
import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TcpProxy;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.testing.Waits;
import dev.threeways.server.testing.JarProcess;
import dev.threeways.server.testing.RawHttp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The built Fargate jar as real processes, against ElasticMQ (in this JVM, on loopback) and PostgreSQL. */
class FargateJarIT {
    private static final Path JAR = JarProcess.jarFromSystemProperty();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ElasticMq elasticMq = ElasticMq.shared();
    private static final SqsClient sqs = elasticMq.client();
    private static final AtomicInteger QUEUES = new AtomicInteger();

    /** A queue with a DLQ after 5 receives and the given visibility timeout, so killed work returns quickly. */
    private static String queue(int visibilitySeconds) {
        return elasticMq.queueWithDlq(sqs, "fargate-it-" + QUEUES.incrementAndGet(), visibilitySeconds, 5);
    }

    private static Map<String, String> env(TestDatabase db, String databaseUrl, String queueUrl, String... more) {
        var env = new HashMap<String, String>(Map.of(
                "DATABASE_URL", databaseUrl,
                "DATABASE_USER", db.user(),
                "DATABASE_PASSWORD", db.password(),
                "DATABASE_MIGRATE_ON_START", "false",
                "QUEUE_URL", queueUrl,
                "AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString(),
                "AWS_ACCESS_KEY_ID", "x",
                "AWS_SECRET_ACCESS_KEY", "x",
                "STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET,
                "WORKER_WAIT_SECONDS", "1"));
        env.put("READ_API_TOKENS", Reads.TOKEN);
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private static int messages(String url, QueueAttributeName attribute) {
        return ElasticMq.count(sqs, url, attribute);
    }

    private static boolean queueEmpty(String url) {
        return messages(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 0
                && messages(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) == 0;
    }

    private static int post(JarProcess app, String event) throws Exception {
        var signed = StripeEvents.signed(event);
        return HTTP.send(HttpRequest.newBuilder(app.uri("/webhooks/stripe"))
                .header("Content-Type", "application/json")
                .header("Stripe-Signature", signed.first("Stripe-Signature").orElseThrow())
                .POST(HttpRequest.BodyPublishers.ofString(event)).build(), BodyHandlers.discarding()).statusCode();
    }

    private static int status(JarProcess app, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(app.uri(path)).timeout(Duration.ofSeconds(10)).build(),
                BodyHandlers.discarding()).statusCode();
    }

    /** A WebSocket client that records what it is sent and how it is closed. */
    private static final class Recorder implements WebSocket.Listener {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            closedWith.completeExceptionally(error);
        }
    }

    private static Recorder connectWebSocket(JarProcess app) {
        var recorder = new Recorder();
        HTTP.newWebSocketBuilder().header("Authorization", Reads.AUTHORIZATION).buildAsync(URI.create("ws://127.0.0.1:" + app.port() + PaymentsWebSocket.PATH), recorder)
                .join();
        return recorder;
    }

    @Test
    void signedWebhookTravelsHttpToSqsToWorkerToPostgresToAWebSocketClient() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            String queueUrl = queue(30);
            try (JarProcess app = JarProcess.start(JAR, env(db, db.url(), queueUrl), "fargate-e2e")) {
                app.awaitFirst200("/readyz", Duration.ofSeconds(60));
                Recorder client = connectWebSocket(app);
                String event = paymentIntent("evt_e2e", "payment_intent.succeeded", 1, "pi_e2e", 2500, 2500, "succeeded");
                assertEquals(200, post(app, event));
                Waits.until("the push", Duration.ofSeconds(20), () -> !client.messages.isEmpty());
                var pushed = Json.MAPPER.readTree(client.messages.getFirst());
                assertEquals("payment.changed", pushed.get("type").stringValue());
                assertEquals("evt_e2e", pushed.get("eventId").stringValue());
                assertEquals("succeeded", pushed.get("payment").get("status").stringValue());
                assertEquals(2500, pushed.get("payment").get("captured").longValue());
                assertEquals(1, Sql.queryLong(db.dataSource(), "SELECT COUNT(*) FROM ledger_entries"));

                app.sigterm();
                assertEquals(1001, client.closedWith.get(20, TimeUnit.SECONDS), "Going Away");
                assertEquals(0, app.awaitExit(Duration.ofSeconds(30)), app.log());
            }
        }
    }

    @Test
    void everyEventAppliedExactlyOnceThoughTheWorkerIsKilledTwice() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            String queueUrl = queue(3);
            var messages = new ArrayList<String[]>();
            for (int i = 0; i < 250; i++) {
                String pi = "pi_k" + i;
                for (int copy = 0; copy < 3; copy++) {
                    messages.add(new String[] {"evt_" + pi + "_c", paymentIntent("evt_" + pi + "_c", "payment_intent.created", 1, pi, 1000 + i, 0, "requires_payment_method")});
                    messages.add(new String[] {"evt_" + pi + "_s", paymentIntent("evt_" + pi + "_s", "payment_intent.succeeded", 2, pi, 1000 + i, 1000 + i, "succeeded")});
                }
            }
            Collections.shuffle(messages, new Random(7));
            var queue = new SqsWebhookQueue(sqs, queueUrl, 262_144);
            for (String[] m : messages) {
                queue.send(new QueuedWebhook(m[0], "payment_intent", null, bytes(m[1])));
            }
            Map<String, String> env = env(db, db.url(), queueUrl, "WORKER_VISIBILITY_SECONDS", "3");
            for (long killAt : new long[] {100, 300}) {
                try (JarProcess worker = JarProcess.start(JAR, env, "fargate-killed", "worker")) {
                    Waits.until(killAt + " applied", Duration.ofSeconds(120),
                            () -> Sql.count(db.dataSource(), "webhook_events") >= killAt);
                    worker.sigkill();
                    worker.awaitExit(Duration.ofSeconds(10));
                }
            }
            try (JarProcess worker = JarProcess.start(JAR, env, "fargate-finisher", "worker")) {
                Waits.until("all 500 applied and the queue empty", Duration.ofSeconds(180),
                        () -> Sql.count(db.dataSource(), "webhook_events") == 500 && queueEmpty(queueUrl));
                worker.sigterm();
                assertEquals(0, worker.awaitExit(Duration.ofSeconds(30)));
            }
            assertEquals(250, Sql.queryLong(db.dataSource(), "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'capture'"));
            assertEquals(250, Sql.queryLong(db.dataSource(), "SELECT COUNT(*) FROM payments WHERE status = 'succeeded'"));
            long expected = 0;
            for (int i = 0; i < 250; i++) {
                expected += 1000 + i;
            }
            assertEquals(expected, Sql.queryLong(db.dataSource(), "SELECT SUM(amount) FROM ledger_entries"));
            assertEquals(0, messages(queueUrl + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
    }

    @Test
    void sigtermUnderLoadDropsNothingClosesWebSocketsAndExitsZero() throws Exception {
        int drainSeconds = 15;
        try (TestDatabase db = TestDatabase.postgres()) {
            String queueUrl = queue(30);
            var queue = new SqsWebhookQueue(sqs, queueUrl, 262_144);
            Set<String> expectedApplied = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 300; i++) {
                String id = "evt_pre" + i;
                queue.send(new QueuedWebhook(id, "payment_intent.succeeded", null,
                        bytes(paymentIntent(id, "payment_intent.succeeded", 1, "pi_pre" + i, 10, 10, "succeeded"))));
                expectedApplied.add(id);
            }
            Set<String> droppedWithoutAnswer = ConcurrentHashMap.newKeySet();
            AtomicInteger answered503 = new AtomicInteger();
            AtomicInteger answered200 = new AtomicInteger();
            try (JarProcess app = JarProcess.start(JAR, env(db, db.url(), queueUrl,
                    "SERVER_DRAIN_SECONDS", String.valueOf(drainSeconds)), "fargate-sigterm")) {
                app.awaitFirst200("/readyz", Duration.ofSeconds(60));
                List<Recorder> sockets = List.of(connectWebSocket(app), connectWebSocket(app), connectWebSocket(app));
                var stop = new AtomicBoolean();
                var counter = new AtomicInteger();
                List<Thread> load = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    load.add(Thread.ofPlatform().start(() -> {
                        while (!stop.get()) {
                            String id = "evt_load" + counter.incrementAndGet();
                            String event = paymentIntent(id, "payment_intent.succeeded", 1, "pi_" + id, 20, 20, "succeeded");
                            String signature = StripeEvents.signed(event).first("Stripe-Signature").orElseThrow();
                            byte[] body = bytes(event);
                            try (RawHttp client = RawHttp.connect(app.port(), Duration.ofSeconds(30))) {
                                client.send("POST /webhooks/stripe HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                        + "Stripe-Signature: " + signature + "\r\nContent-Length: " + body.length + "\r\n\r\n");
                                client.send(body);
                                RawHttp.Response r;
                                try {
                                    r = client.read();
                                } catch (IOException noAnswer) {
                                    droppedWithoutAnswer.add(id);
                                    continue;
                                }
                                if (r.status() == 200) {
                                    answered200.incrementAndGet();
                                    expectedApplied.add(id);
                                } else if (r.status() == 503) {
                                    answered503.incrementAndGet();
                                } else {
                                    throw new AssertionError("unexpected " + r);
                                }
                            } catch (ConnectException refused) {
                                return;
                            } catch (IOException e) {
                                droppedWithoutAnswer.add(id);
                            }
                        }
                    }));
                }
                Thread.sleep(1_500);
                long sigtermAt = System.nanoTime();
                app.sigterm();
                int exit = app.awaitExit(Duration.ofSeconds(drainSeconds + 10));
                long tookMs = (System.nanoTime() - sigtermAt) / 1_000_000;
                stop.set(true);
                for (Thread t : load) {
                    t.join(10_000);
                }
                assertEquals(0, exit, app.log());
                assertTrue(tookMs < drainSeconds * 1000L, "exited " + tookMs + " ms after SIGTERM");
                for (Recorder socket : sockets) {
                    assertEquals(1001, socket.closedWith.get(5, TimeUnit.SECONDS));
                }
                assertTrue(app.log().contains("\"msg\":\"shutdown finished\""), app.log());
                System.out.printf("drain under load: SIGTERM to exit %d ms; webhooks during the run: %d answered 200, %d answered 503, %d without answer%n",
                        tookMs, answered200.get(), answered503.get(), droppedWithoutAnswer.size());
            }
            // whatever the serve task left on the queue, a worker now finishes
            try (JarProcess worker = JarProcess.start(JAR, env(db, db.url(), queueUrl), "fargate-after", "worker")) {
                Waits.until("every accepted webhook applied", Duration.ofSeconds(120), () -> queueEmpty(queueUrl)
                        && Sql.count(db.dataSource(), "webhook_events") >= expectedApplied.size());
                worker.sigterm();
                worker.awaitExit(Duration.ofSeconds(30));
            }
            List<String> applied = new ArrayList<>();
            try (var c = db.dataSource().getConnection(); var rs = c.createStatement().executeQuery("SELECT event_id FROM webhook_events")) {
                while (rs.next()) {
                    applied.add(rs.getString(1));
                }
            }
            assertTrue(applied.containsAll(expectedApplied), "0 messages lost: every 200 and every queued event applied");
            List<String> acceptedThenDropped = droppedWithoutAnswer.stream().filter(applied::contains).toList();
            assertEquals(List.of(), acceptedThenDropped, "no request was processed and then left without an answer");
            assertEquals(applied.size(), Set.copyOf(applied).size());
        }
    }

    @Test
    void databaseDownAtStartAndMidRun() throws Exception {
        try (TestDatabase db = TestDatabase.postgres();
             TcpProxy proxy = TcpProxy.to(db.address().getHostString(), db.address().getPort())) {
            String appName = "fargate-it-" + System.nanoTime();
            String viaProxy = db.urlVia("127.0.0.1", proxy.port()) + "&connectTimeout=2&ApplicationName=" + appName;
            String queueUrl = queue(30);
            proxy.cut();
            try (JarProcess app = JarProcess.start(JAR, env(db, viaProxy, queueUrl,
                    "DATABASE_CONNECTION_TIMEOUT_MS", "1000", "READINESS_TIMEOUT_MS", "1500"), "fargate-dbdown")) {
                app.awaitFirst200("/healthz", Duration.ofSeconds(60));
                // enqueue mode: taking a webhook needs the queue only, so the load balancer keeps the task in rotation
                assertEquals(200, status(app, "/readyz"), "ready while the database is down: the intake needs only the queue");
                String first = paymentIntent("evt_down1", "payment_intent.succeeded", 1, "pi_down1", 100, 100, "succeeded");
                assertEquals(200, post(app, first), "the queue absorbs webhooks while the database is down");

                proxy.restore();
                Waits.until("caught up", Duration.ofSeconds(60), () -> Sql.count(db.dataSource(), "webhook_events") == 1);

                proxy.cut();
                for (int i = 2; i <= 20; i++) {
                    String e = paymentIntent("evt_down" + i, "payment_intent.succeeded", 1, "pi_down" + i, 100, 100, "succeeded");
                    assertEquals(200, post(app, e));
                }
                Thread.sleep(2_000);
                assertEquals(200, status(app, "/readyz"));
                proxy.restore();
                Waits.until("caught up again", Duration.ofSeconds(90), () -> Sql.count(db.dataSource(), "webhook_events") == 20);
                assertEquals(0, messages(queueUrl + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));

                long connections = Sql.queryLong(db.dataSource(),
                        "SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = '" + appName + "'");
                assertTrue(connections <= 5, "the pool holds at most its size: " + connections);
                assertTrue(!app.log().contains("leak"), "no leaked connection reported");
                app.sigterm();
                assertEquals(0, app.awaitExit(Duration.ofSeconds(30)), app.log());
            }
        }
    }

    private static int statusQuietly(JarProcess app, String path) {
        try {
            return status(app, path);
        } catch (Exception e) {
            return -1;
        }
    }

    @Test
    void migrateAndSettleAreOneShotTasksWithMeaningfulExitCodes() throws Exception {
        try (TestDatabase db = TestDatabase.emptyPostgres()) {
            Map<String, String> env = env(db, db.url(), "");
            try (JarProcess migrate = JarProcess.start(JAR, env, "fargate-migrate", "migrate")) {
                assertEquals(0, migrate.awaitExit(Duration.ofSeconds(60)), migrate.log());
            }
            assertEquals(0, Sql.count(db.dataSource(), "payments"), "the schema exists");
            try (JarProcess again = JarProcess.start(JAR, env, "fargate-migrate-again", "migrate")) {
                assertEquals(0, again.awaitExit(Duration.ofSeconds(60)), "migrating twice is harmless");
            }
            try (JarProcess settle = JarProcess.start(JAR, env, "fargate-settle", "settle")) {
                assertEquals(0, settle.awaitExit(Duration.ofSeconds(60)), settle.log());
            }
            try (var c = db.dataSource().getConnection(); var st = c.createStatement()) {
                st.execute("""
                        INSERT INTO payments (payment_intent_id, status, status_final, status_event_created, status_event_id,
                                              amount, amount_received, amount_refunded, currency, updated_at)
                        VALUES ('pi_stuck', 'processing', 0, 1, 'evt_x', 500, 0, 0, 'usd', CURRENT_TIMESTAMP - INTERVAL '2 hours')""");
            }
            try (JarProcess settle = JarProcess.start(JAR, env, "fargate-settle-stuck", "settle")) {
                assertEquals(3, settle.awaitExit(Duration.ofSeconds(60)), "stuck payments make exit code 3");
                assertTrue(settle.log().contains("pi_stuck"));
            }
            Map<String, String> unreachable = env(db, TestDatabase.UNREACHABLE_URL, "",
                    "DATABASE_CONNECTION_TIMEOUT_MS", "1000");
            try (JarProcess settle = JarProcess.start(JAR, unreachable, "fargate-settle-down", "settle")) {
                assertEquals(1, settle.awaitExit(Duration.ofSeconds(60)), "a failed run is exit code 1");
            }
        }
    }

}
