package dev.threeways.bench.ways;

import dev.threeways.bench.Budget;
import dev.threeways.bench.Progress;
import dev.threeways.bench.cost.Measured;
import dev.threeways.bench.report.Report;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.SqsWebhookQueue;
import dev.threeways.core.testing.Sql;
import dev.threeways.lambda.LambdaFunctions;
import dev.threeways.lambda.SqsEventSource;
import dev.threeways.lambdalocal.LambdaLocal;
import dev.threeways.server.testing.JarProcess;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The asynchronous path: webhooks put on the SQS-compatible server in the app's own message format,
 * applied by the Fargate worker (the shipped jar, {@code worker} entry point) and by the Lambda
 * {@code QueueHandler} fed SQS events the way an event source mapping does. The queue server's own
 * send and receive-and-delete rates are measured in the same run, so where the limit is, is a
 * measurement and not an argument.
 */
public final class QueuePath {
    /** Threads sending or receiving when the queue server alone is measured. */
    static final int QUEUE_THREADS = 8;
    static final int WARM_UP_MESSAGES = 200;
    /** How long a consumer may go without applying anything before the part fails rather than hangs. */
    static final Duration STALL_LIMIT = Duration.ofSeconds(60);

    private final Lab lab;
    private final Progress progress;

    public QueuePath(Lab lab, Progress progress) {
        this.lab = lab;
        this.progress = progress;
    }

    /** @param sendsPerSecond the queue server's own SendMessage rate: the ceiling of anything that enqueues */
    public record Results(List<Report.Throughput> throughputs, List<Report.Ratio> ratios, double sendsPerSecond) {}

    public Results measure(int events, Budget budget) throws Exception {
        var throughputs = new ArrayList<Report.Throughput>();
        String warmUp = lab.newQueue("bench-queue-warm-up-" + Long.toHexString(System.nanoTime()));
        // the SDK client's and the server's first calls are slow; neither is the queue's rate
        receiveAndDeleteAll(warmUp, sendAll(warmUp, "warm", Math.min(WARM_UP_MESSAGES, events), budget).count(), budget);
        String scratch = lab.newQueue("bench-queue-alone-" + Long.toHexString(System.nanoTime()));
        Sent alone = sendAll(scratch, "alone", events, budget);
        double sends = alone.perSecond();
        double receives = receiveAndDeleteAll(scratch, alone.count(), budget);
        throughputs.add(new Report.Throughput("ceiling", "ElasticMQ SendMessage (" + QUEUE_THREADS + " threads)", sends,
                "messages/s", false));
        throughputs.add(new Report.Throughput("ceiling", "ElasticMQ receive + delete, batches of 10 (" + QUEUE_THREADS
                + " threads)", receives, "messages/s", true));
        progress.say("queue server alone: %.0f sends/s, %.0f received and deleted/s", sends, receives);

        String workerQueue = lab.newQueue("bench-worker-" + Long.toHexString(System.nanoTime()));
        String workerPrefix = "wk" + Long.toHexString(System.nanoTime());
        long toWorker = sendAll(workerQueue, workerPrefix, events, budget).count();
        double worker;
        try (JarProcess p = Container.of(lab.repo().resolve("adapter-fargate"), Measured.FARGATE_MEMORY_GB)
                .start(lab.wiring(workerQueue), "fargate-worker", "worker")) {
            worker = appliedPerSecond(workerPrefix, toWorker, () -> {});
            p.sigterm();
            p.awaitExit(Duration.ofSeconds(30));
        }
        throughputs.add(new Report.Throughput("Fargate", "queue worker, webhooks applied (shipped settings)", worker,
                "webhooks/s", false));
        progress.say("Fargate worker: %.0f webhooks applied/s", worker);

        String lambdaQueue = lab.newQueue("bench-lambda-" + Long.toHexString(System.nanoTime()));
        String lambdaPrefix = "lq" + Long.toHexString(System.nanoTime());
        long toLambda = sendAll(lambdaQueue, lambdaPrefix, events, budget).count();
        double lambda;
        try (LambdaLocal function = LambdaFunctions.function("dev.threeways.lambda.QueueHandler::handleRequest",
                LambdaFunctions.artifactClasspath(), lab.lambdaWiring(lambdaQueue)).build()) {
            var source = new SqsEventSource(lab.sqs(), lambdaQueue, function);
            source.pollOnce(); // the cold start is the cold-start part's figure, not throughput's
            lambda = appliedPerSecond(lambdaPrefix, toLambda, source::pollOnce);
        }
        throughputs.add(new Report.Throughput("Lambda", "QueueHandler via SQS events, one poller, batches of 10",
                lambda, "webhooks/s", false));
        progress.say("Lambda QueueHandler: %.0f webhooks applied/s", lambda);

        String ceiling = "ElasticMQ receive + delete, same run";
        var ratios = List.of(
                new Report.Ratio("Fargate queue worker, webhooks applied", worker, "webhooks/s", ceiling, receives, "ceiling"),
                new Report.Ratio("Lambda QueueHandler (one poller), webhooks applied", lambda, "webhooks/s", ceiling,
                        receives, "ceiling"));
        return new Results(throughputs, ratios, sends);
    }

    private record Sent(long count, double perSecond) {}

    /** Puts {@code events} webhooks on the queue as the app's sender does (fewer if the budget runs out). */
    private Sent sendAll(String queueUrl, String prefix, int events, Budget budget) throws InterruptedException {
        var queue = new SqsWebhookQueue(lab.sqs(), queueUrl, 262_144);
        var webhooks = new Webhooks(prefix);
        var next = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService senders = Executors.newFixedThreadPool(QUEUE_THREADS)) {
            for (int t = 0; t < QUEUE_THREADS; t++) {
                senders.execute(() -> {
                    while (next.incrementAndGet() <= events && budget.tryTake()) {
                        Webhooks.Event event = webhooks.next();
                        queue.send(new QueuedWebhook(event.id(), "payment_intent.succeeded", null,
                                event.body().getBytes(StandardCharsets.UTF_8)));
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.MINUTES);
        }
        long sent = Math.min(events, webhooks.sent());
        return new Sent(sent, sent / ((System.nanoTime() - start) / 1e9));
    }

    private double receiveAndDeleteAll(String queueUrl, long events, Budget budget) throws InterruptedException {
        var done = new AtomicLong();
        var finished = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService receivers = Executors.newFixedThreadPool(QUEUE_THREADS)) {
            for (int t = 0; t < QUEUE_THREADS; t++) {
                receivers.execute(() -> {
                    while (done.get() < events && budget.hasTime()) {
                        List<Message> batch = lab.sqs().receiveMessage(r -> r.queueUrl(queueUrl)
                                .maxNumberOfMessages(10).waitTimeSeconds(1)).messages();
                        if (batch.isEmpty()) {
                            continue;
                        }
                        lab.sqs().deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(batch.stream()
                                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId())
                                        .receiptHandle(m.receiptHandle()).build()).toList()));
                        if (done.addAndGet(batch.size()) >= events) {
                            finished.compareAndSet(0, System.nanoTime());
                        }
                    }
                });
            }
            receivers.shutdown();
            receivers.awaitTermination(10, TimeUnit.MINUTES);
        }
        // up to the last delete: the receivers' final empty long polls are waiting, not work
        long end = finished.get() == 0 ? System.nanoTime() : finished.get();
        return done.get() / ((end - start) / 1e9);
    }

    private interface Step {
        void run() throws Exception;
    }

    /**
     * Applied per second, from the first applied event to the last: the consumer's start-up is not
     * part of its throughput.
     */
    private double appliedPerSecond(String prefix, long events, Step step) throws Exception {
        String count = "SELECT COUNT(*) FROM webhook_events WHERE event_id LIKE 'evt_" + prefix + "%'";
        long firstSeen = 0;
        long atFirst = 0;
        long last = 0;
        long lastChange = System.nanoTime();
        while (true) {
            step.run();
            long applied = Sql.queryLong(lab.database().dataSource(), count);
            long now = System.nanoTime();
            if (applied > last) {
                lastChange = now;
                last = applied;
            }
            if (firstSeen == 0 && applied > 0) {
                firstSeen = now;
                atFirst = applied;
            }
            if (applied >= events) {
                double seconds = (now - firstSeen) / 1e9;
                return seconds <= 0 ? 0 : (applied - atFirst) / seconds;
            }
            if (now - lastChange > STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("no webhook applied for " + STALL_LIMIT + "; " + applied + " of " + events);
            }
            Thread.sleep(20);
        }
    }
}
