package dev.threeways.fargate;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.config.AppConfig.WebhookMode;
import dev.threeways.core.ledger.ApplyOutcome;
import dev.threeways.core.ledger.JdbcPaymentStore;
import dev.threeways.core.ledger.LedgerEvent;
import dev.threeways.core.ledger.LedgerTotals;
import dev.threeways.core.ledger.Payment;
import dev.threeways.core.ledger.PaymentLedger;
import dev.threeways.core.ledger.PaymentStore;
import dev.threeways.core.ledger.SimpleDataSource;
import dev.threeways.core.ledger.StalledPayment;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.SqsWebhookQueue;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.testing.CapturedLog;
import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.TcpProxy;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.testing.Waits;
import dev.threeways.core.webhook.StripeSignature;
import dev.threeways.core.webhook.StripeWebhooks;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** The worker in-process against ElasticMQ (a real SQS-compatible server) and PostgreSQL. */
class QueueWorkerTest {
    private static final ElasticMq elasticMq = ElasticMq.shared();
    private static final SqsClient sqs = elasticMq.client();
    private TestDatabase db;
    private QueueWorker worker;
    private QueueWorker second;

    @AfterEach
    void stop() throws Exception {
        for (QueueWorker w : new QueueWorker[] {worker, second}) {
            if (w != null) {
                w.stopReceiving();
                w.awaitInFlight(Duration.ofSeconds(5));
            }
        }
        if (db != null) {
            db.close();
        }
    }

    private static String queue(String name, int visibilitySeconds, Integer maxReceives) {
        return elasticMq.queueWithDlq(sqs, name, visibilitySeconds, maxReceives == null ? 1000 : maxReceives);
    }

    private static String dlqOf(String queueUrl) {
        return queueUrl + "-dlq";
    }

    private static int messages(String url, QueueAttributeName attribute) {
        return ElasticMq.count(sqs, url, attribute);
    }

    private static StripeWebhooks webhooks(PaymentStore store, SqsWebhookQueue queue) {
        return new StripeWebhooks(new StripeSignature(List.of("whsec_x"), Duration.ofMinutes(5), 4096, InstantSource.system()),
                WebhookMode.ENQUEUE, false, AppConfig.embedded().queueRetry(), new PaymentLedger(store), queue);
    }

    /** The shipped defaults (a 20 s long poll, ...) but for the visibility timeout the test is about. */
    private static WorkerConfig config(int visibilitySeconds) {
        return WorkerConfig.fromEnv(Map.of(FargateSetting.WORKER_VISIBILITY_SECONDS.name(), String.valueOf(visibilitySeconds)));
    }

    /** The worker's source as FargateMain builds it (a client of its own), against ElasticMQ. */
    private static SqsWebhookSource source(String url, WorkerConfig config) {
        return source(url, config, elasticMq.endpoint().toString());
    }

    private static SqsWebhookSource source(String url, WorkerConfig config, String endpoint) {
        AppConfig app = AppConfig.fromEnv(Map.of("QUEUE_URL", url, "AWS_ENDPOINT_URL_SQS", endpoint));
        return SqsWebhookSource.forWorker(app, url, config,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")));
    }

    /** A worker as FargateMain starts it, on {@code url}. */
    private static QueueWorker worker(String url, PaymentStore store, SqsWebhookQueue queue, WorkerConfig config) {
        return new QueueWorker(source(url, config), webhooks(store, queue), store, config);
    }

    private static void enqueue(SqsWebhookQueue queue, String eventId, String body) {
        queue.send(new QueuedWebhook(eventId, "payment_intent.succeeded", null, bytes(body)));
    }

    private static String event(int i) {
        return paymentIntent("evt_w" + i, "payment_intent.succeeded", 1, "pi_w" + i, 100 + i, 100 + i, "succeeded");
    }

    @Test
    void appliesEveryMessageOnceAndDeletesIt() throws Exception {
        db = TestDatabase.postgres();
        String url = queue("apply", 30, null);
        var queue = new SqsWebhookQueue(sqs, url, 262_144);
        for (int i = 0; i < 30; i++) {
            enqueue(queue, "evt_w" + i, event(i));
        }
        enqueue(queue, "evt_w0", event(0)); // a duplicate delivery
        var store = new JdbcPaymentStore(db.dataSource());
        worker = worker(url, store, queue, config(30));
        worker.start();
        Waits.until("30 applied", Duration.ofSeconds(30), () -> Sql.count(db.dataSource(), "webhook_events") == 30
                && messages(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 0
                && messages(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) == 0);
        assertEquals(30, worker.applied());
        assertEquals(30, Sql.queryLong(db.dataSource(), "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'capture'"));
    }

    @Test
    void aPoisonMessageEndsInTheDlqAndTheRestOfItsBatchIsApplied() throws Exception {
        db = TestDatabase.postgres();
        String url = queue("poison", 30, 2);
        var queue = new SqsWebhookQueue(sqs, url, 262_144);
        enqueue(queue, "evt_poison", "{\"this is\": \"not an event\"}");
        for (int i = 0; i < 9; i++) {
            enqueue(queue, "evt_w" + i, event(i));
        }
        var store = new JdbcPaymentStore(db.dataSource());
        worker = worker(url, store, queue, config(30));
        worker.start();
        Waits.until("9 applied and the poison in the DLQ", Duration.ofSeconds(30),
                () -> Sql.count(db.dataSource(), "webhook_events") == 9
                        && messages(dlqOf(url), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 1);
        var dead = sqs.receiveMessage(b -> b.queueUrl(dlqOf(url)).messageAttributeNames("All")).messages();
        assertEquals("evt_poison", dead.getFirst().messageAttributes().get(QueuedWebhook.ATTR_EVENT_ID).stringValue());
        Waits.until("main queue empty", Duration.ofSeconds(10),
                () -> messages(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 0
                        && messages(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) == 0);
    }

    /** A store whose apply takes {@code delay} and counts its calls. */
    private static PaymentStore slow(PaymentStore store, Duration delay, AtomicInteger calls) {
        return withApply(store, event -> {
            calls.incrementAndGet();
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return store.apply(event);
        });
    }

    /** {@code store} with another apply. */
    private static PaymentStore withApply(PaymentStore store, Function<LedgerEvent, ApplyOutcome> apply) {
        return new PaymentStore() {
            @Override
            public ApplyOutcome apply(LedgerEvent event) {
                return apply.apply(event);
            }

            @Override
            public Optional<Payment> find(String id) {
                return store.find(id);
            }

            @Override
            public List<StalledPayment> stalled(String status, Instant before, int limit) {
                return store.stalled(status, before, limit);
            }

            @Override
            public LedgerTotals totals(Instant from, Instant to) {
                return store.totals(from, to);
            }

            @Override
            public void ping(Duration timeout) {
                store.ping(timeout);
            }
        };
    }

    @Test
    void aSlowBatchIsKeptInvisibleWithBatchedVisibilityCallsSoNoOtherWorkerGetsIt() throws Exception {
        db = TestDatabase.postgres();
        // the subject: 5 s of work on a 2 s visibility timeout, extended every second
        String url = queue("slow", 2, null);
        var queue = new SqsWebhookQueue(sqs, url, 262_144);
        for (int i = 0; i < 10; i++) {
            enqueue(queue, "evt_w" + i, event(i));
        }
        var calls = new AtomicInteger();
        PaymentStore store = slow(new JdbcPaymentStore(db.dataSource()), Duration.ofSeconds(5), calls);
        var visibilityCalls = new AtomicInteger();
        var batchCalls = new AtomicInteger();
        var batchEntries = new AtomicInteger();
        var largestBatch = new AtomicInteger();
        ExecutionInterceptor counter = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                switch (context.request()) {
                    case ChangeMessageVisibilityRequest r -> visibilityCalls.incrementAndGet();
                    case ChangeMessageVisibilityBatchRequest r -> {
                        batchCalls.incrementAndGet();
                        batchEntries.addAndGet(r.entries().size());
                        largestBatch.accumulateAndGet(r.entries().size(), Math::max);
                    }
                    default -> { }
                }
            }
        };
        WorkerConfig config = config(2);
        worker = new QueueWorker(new SqsWebhookSource(elasticMq.client(counter), url), webhooks(store, queue), store, config);
        worker.start();
        Waits.until("all 10 taken by the first worker", Duration.ofSeconds(20), () -> calls.get() == 10);
        second = worker(url, store, queue, config);
        second.start();
        Waits.until("applied", Duration.ofSeconds(20), () -> Sql.count(db.dataSource(), "webhook_events") == 10
                && messages(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) == 0);
        Thread.sleep(2_500);
        assertEquals(10, calls.get(), "5 s of work on a 2 s visibility timeout was delivered once");

        System.out.println("visibility: " + batchEntries + " extensions in " + batchCalls + " batch calls, "
                + visibilityCalls + " single calls");
        assertEquals(0, visibilityCalls.get(), "no visibility call one message at a time");
        assertTrue(largestBatch.get() <= 10, "SQS takes at most 10 per call");
        assertTrue(batchEntries.get() >= 30, "each message extended every second or so: " + batchEntries);
        assertTrue(batchEntries.get() >= 3 * batchCalls.get(),
                "a call extends what is in flight together: " + batchEntries + " in " + batchCalls + " calls");
    }

    @Test
    void anOutageLongerThanReceiveCountTimesVisibilitySendsNothingToTheDlq() throws Exception {
        db = TestDatabase.postgres();
        try (TcpProxy proxy = TcpProxy.to(db.address().getHostString(), db.address().getPort())) {
            DataSource viaProxy = new SimpleDataSource(db.urlVia("127.0.0.1", proxy.port()) + "&connectTimeout=2",
                    db.user(), db.password());
            // the queue sends a message to the DLQ on its 3rd receive, 2 s after the last one
            String url = queue("outage", 2, 2);
            var queue = new SqsWebhookQueue(sqs, url, 262_144);
            var store = new JdbcPaymentStore(viaProxy);
            proxy.cut();
            for (int i = 0; i < 20; i++) {
                enqueue(queue, "evt_w" + i, event(i));
            }
            worker = worker(url, store, queue, config(2));
            worker.start();
            Waits.until("worker notices the outage", Duration.ofSeconds(20), worker::databaseDown);
            Thread.sleep(10_000); // > 2 receives × 2 s visibility, and past the first retry delay (5 s)
            assertEquals(0, messages(dlqOf(url), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                    "an outage does not burn messages through their receive count");
            assertEquals(0, worker.applied());

            proxy.restore();
            Waits.until("all 20 applied after the database is back", Duration.ofSeconds(60),
                    () -> Sql.count(db.dataSource(), "webhook_events") == 20);
            assertEquals(0, messages(dlqOf(url), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
    }

    @Test
    void unfinishedMessagesAreGivenBackAtTheDrainDeadline() throws Exception {
        db = TestDatabase.postgres();
        String url = queue("giveback", 60, null);
        var queue = new SqsWebhookQueue(sqs, url, 262_144);
        enqueue(queue, "evt_w1", event(1));
        var calls = new AtomicInteger();
        PaymentStore slowStore = slow(new JdbcPaymentStore(db.dataSource()), Duration.ofSeconds(4), calls);
        worker = worker(url, slowStore, queue, config(60));
        worker.start();
        Waits.until("taken", Duration.ofSeconds(10), () -> calls.get() == 1);
        worker.stopReceiving();
        assertTrue(!worker.awaitInFlight(Duration.ofMillis(200)), "not finished within 200 ms");
        worker = null;
        // visible again at once, not after the 60 s visibility timeout
        Waits.until("visible again", Duration.ofSeconds(5),
                () -> messages(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 1);
        var store = new JdbcPaymentStore(db.dataSource());
        second = worker(url, store, queue, config(60));
        second.start();
        Waits.until("applied by the next worker", Duration.ofSeconds(20),
                () -> Sql.queryLong(db.dataSource(), "SELECT COUNT(*) FROM ledger_entries") == 1);
        Thread.sleep(4_500); // the abandoned apply finishes too: a duplicate, nothing doubled
        assertEquals(1, Sql.queryLong(db.dataSource(), "SELECT COUNT(*) FROM ledger_entries"));
    }

    @Test
    void anIdleWorkerDrainsAtOnceThoughItsLongPollHasTwentySecondsToGo() throws Exception {
        db = TestDatabase.postgres();
        String url = queue("idle", 30, null);
        var queue = new SqsWebhookQueue(sqs, url, 262_144);
        var store = new JdbcPaymentStore(db.dataSource());
        WorkerConfig shipped = WorkerConfig.fromEnv(Map.of());
        assertEquals(Duration.ofSeconds(20), shipped.pollWait());
        try (CapturedLog log = CapturedLog.start()) {
            var idle = worker(url, store, queue, shipped);
            idle.start();
            enqueue(queue, "evt_w1", event(1));
            Waits.until("a message applied: the worker is polling", Duration.ofSeconds(10), () -> idle.applied() == 1);
            Thread.sleep(1_000); // well into its next long poll, on an empty queue
            long start = System.nanoTime();
            idle.stopReceiving();
            boolean clean = idle.awaitInFlight(Duration.ofSeconds(25));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("idle drain at the shipped 20 s long poll took " + took.toMillis() + " ms");

            assertTrue(clean);
            // awaitInFlight joins the pollers until its deadline: returning early means they ended
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "drained in " + took);
            assertEquals(List.of(), log.at(JsonLog.Level.ERROR));
            assertEquals(List.of(), log.withMessage("receive failed"), "an abandoned long poll is no failure");
        }
    }

    @Test
    void aMessageWhoseApplyThrowsAnErrorIsGivenBackUntilTheDlqTakesIt() throws Exception {
        db = TestDatabase.postgres();
        String url = queue("error", 30, 2);
        var queue = new SqsWebhookQueue(sqs, url, 262_144);
        enqueue(queue, "evt_w0", event(0));
        for (int i = 1; i < 5; i++) {
            enqueue(queue, "evt_w" + i, event(i));
        }
        var jdbc = new JdbcPaymentStore(db.dataSource());
        var tries = new AtomicInteger();
        // not an exception StripeWebhooks turns into a Disposition: it reaches the worker as it is
        PaymentStore store = withApply(jdbc, event -> {
            if (event.eventId().equals("evt_w0")) {
                tries.incrementAndGet();
                throw new OutOfMemoryError("Java heap space (thrown by the test)");
            }
            return jdbc.apply(event);
        });
        try (CapturedLog log = CapturedLog.start()) {
            var failing = worker(url, store, queue, config(30));
            failing.start();
            Waits.until("the rest applied and evt_w0 in the DLQ", Duration.ofSeconds(30),
                    () -> Sql.count(db.dataSource(), "webhook_events") == 4
                            && messages(dlqOf(url), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 1);
            Waits.until("main queue empty", Duration.ofSeconds(10),
                    () -> messages(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) == 0
                            && messages(url, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE) == 0);
            failing.stopReceiving();
            assertTrue(failing.awaitInFlight(Duration.ofSeconds(5)), "nothing left in flight");

            var dead = sqs.receiveMessage(b -> b.queueUrl(dlqOf(url)).messageAttributeNames("All")).messages();
            assertEquals("evt_w0", dead.getFirst().messageAttributes().get(QueuedWebhook.ATTR_EVENT_ID).stringValue());
            assertEquals(2, tries.get(), "given back at once each time, not held invisible: 2 receives, then the DLQ");
            var errors = log.at(JsonLog.Level.ERROR);
            assertEquals(2, errors.size(), "one line per failed apply: " + errors);
            assertTrue(errors.getFirst().get("stack").stringValue().contains("OutOfMemoryError"));
        }
    }

    @Test
    void anUnreachableQueueLogsOneWarningPerTryBacksOffAndStartsAfreshOnceItAnswers() throws Exception {
        db = TestDatabase.postgres();
        String url = queue("unreachable", 30, null);
        var queue = new SqsWebhookQueue(sqs, url, 262_144);
        var store = new JdbcPaymentStore(db.dataSource());
        WorkerConfig shipped = WorkerConfig.fromEnv(Map.of());
        try (TcpProxy proxy = TcpProxy.to(elasticMq.endpoint().getHost(), elasticMq.endpoint().getPort());
             CapturedLog log = CapturedLog.start()) {
            proxy.cut();
            var cutOff = new QueueWorker(source(url, shipped, "http://127.0.0.1:" + proxy.port()),
                    webhooks(store, queue), store, shipped);
            worker = cutOff;
            cutOff.start();
            Waits.until("three failed receives", Duration.ofSeconds(30), () -> log.withMessage("receive failed").size() >= 3);
            var failures = log.withMessage("receive failed");
            assertEquals(List.of(1000L, 2000L, 4000L),
                    failures.stream().limit(3).map(f -> f.get("retryInMs").longValue()).toList(), "backing off");
            for (var failure : failures) {
                assertEquals("WARN", failure.get("level").stringValue());
                assertTrue(!failure.has("stack"), "an outage is expected: no stack trace");
                assertTrue(!failure.get("error").stringValue().isBlank());
            }

            proxy.restore();
            enqueue(queue, "evt_w1", event(1));
            Waits.until("applied once the queue answers", Duration.ofSeconds(30), () -> cutOff.applied() == 1);
            int before = log.withMessage("receive failed").size();
            proxy.cut(); // during the next long poll
            Waits.until("the next failure", Duration.ofSeconds(30), () -> log.withMessage("receive failed").size() > before);
            assertEquals(1000L, log.withMessage("receive failed").get(before).get("retryInMs").longValue(),
                    "a good receive ended the backoff");

            long start = System.nanoTime();
            cutOff.stopReceiving();
            assertTrue(cutOff.awaitInFlight(Duration.ofSeconds(25)));
            worker = null;
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertTrue(took.compareTo(Duration.ofSeconds(2)) < 0, "a backoff pause does not hold the drain: " + took);
            assertEquals(List.of(), log.at(JsonLog.Level.ERROR));
        }
    }
}
