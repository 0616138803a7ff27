package dev.threeways.bench.ways;

import dev.threeways.server.testing.Container;
import dev.threeways.server.testing.Placement;
import com.zaxxer.hikari.HikariDataSource;
import dev.threeways.bench.Budget;
import dev.threeways.bench.Progress;
import dev.threeways.bench.cost.Measured;
import dev.threeways.bench.report.Report;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.ledger.SimpleDataSource;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.SqsWebhookQueue;
import dev.threeways.core.secrets.AppSecrets;
import dev.threeways.infra.DeployedSizes;
import dev.threeways.lambda.LambdaFunctions;
import dev.threeways.lambda.SqsEventSource;
import dev.threeways.lambdalocal.InvokeResult;
import dev.threeways.lambdalocal.LambdaLocal;
import dev.threeways.server.ResidentApp;
import dev.threeways.server.ServerConfig;
import dev.threeways.server.testing.JarProcess;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * The asynchronous path: webhooks put on the SQS-compatible server in the app's own message format and
 * applied by each way's consumer as it is deployed — the Lambda {@code QueueHandler} fed SQS events the
 * way an event source mapping does, at the mapping's maximum concurrency and batch size, each environment
 * in a CPU quota of its memory's vCPU; the Fargate worker as the shipped jar's {@code worker} entry point
 * starts it, in the task's quota — each beside a ceiling that does the same work without the app: receive a
 * batch as the consumer does, the ledger's own SQL ({@link LedgerReplay}) for each message, delete the
 * batch, at the same concurrency and with the same connections. The queue server's own send and
 * receive-and-delete rates are measured in the same run too.
 *
 * <p>Progress is read off the consumer's path: from the queue's own counts (visible, in flight and delayed
 * messages; a consumer deletes a message only after its transaction committed), about ten times a second,
 * so the consumer runs exactly as it would with nobody watching. A rate runs from the first event applied
 * to the last (the consumer's start-up is not its throughput), and once the queue is empty one count of the
 * ledger confirms every event is in it. Each consumer and its ceiling are measured {@code repetitions} times,
 * interleaved (ceiling, consumer, ceiling, consumer, ...), each run on a fresh queue with fresh events.
 */
public final class QueuePath {
    /** Threads sending or receiving when the queue server alone is measured. */
    static final int QUEUE_THREADS = 8;
    static final int WARM_UP_MESSAGES = 200;
    /** How long a consumer may go without applying anything before the part fails rather than hangs. */
    static final Duration STALL_LIMIT = Duration.ofSeconds(60);
    /** How often the harness asks the queue how many messages are left. */
    static final Duration SAMPLE_EVERY = Duration.ofMillis(100);
    /** Environments of the queue function the event source mapping keeps busy (its maximum concurrency). */
    static final int LAMBDA_CONCURRENCY = DeployedSizes.QUEUE_FUNCTION_MAX_CONCURRENCY;
    /** How each consumer's figure begins: the cost step finds them by it. */
    public static final String LAMBDA_CONSUMER = "QueueHandler";
    public static final String FARGATE_CONSUMER = "queue worker as shipped";
    /** Records per invocation (the event source's batch size). */
    static final int LAMBDA_BATCH = DeployedSizes.QUEUE_FUNCTION_BATCH_SIZE;
    /** The most messages one ReceiveMessage returns: what {@link SqsEventSource#pollOnce} receives. */
    static final int SQS_MAX_RECEIVE = 10;
    /** The message attributes the worker's receive asks for (SqsWebhookSource); the event source mapping asks for all. */
    static final List<String> WORKER_ATTRIBUTES = List.of(QueuedWebhook.ATTR_EVENT_ID, QueuedWebhook.ATTR_EVENT_TYPE,
            QueuedWebhook.ATTR_RETRIES);
    static final String QUEUE_HANDLER = "dev.threeways.lambda.QueueHandler::handleRequest";
    /**
     * Init limit of the queue function's environments here. Their start is not measured, and all of them start
     * at once on the measured CPUs they share, which Lambda's 10 s limit does not allow for.
     */
    static final Duration LAMBDA_INIT_TIMEOUT = Duration.ofSeconds(60);

    private final Lab lab;
    private final Progress progress;

    public QueuePath(Lab lab, Progress progress) {
        this.lab = lab;
        this.progress = progress;
    }

    /**
     * @param sendsPerSecond the queue server's own SendMessage rate: the ceiling of anything that enqueues
     * @param processes      the consumers' JVMs as they ran (read from the first repetition's)
     * @param notes          what the figures rest on, in sentences for the report
     */
    public record Results(List<Report.Throughput> throughputs, List<Report.Ratio> ratios, double sendsPerSecond,
                          List<Report.Process> processes, List<String> notes) {
        public Results {
            throughputs = List.copyOf(throughputs);
            ratios = List.copyOf(ratios);
            processes = List.copyOf(processes);
            notes = List.copyOf(notes);
        }

    }

    /**
     * @param events      webhooks per run (fewer if the budget runs out)
     * @param repetitions how many times each consumer and its ceiling are measured, interleaved
     */
    public Results measure(int events, int repetitions, Budget budget) throws Exception {
        if (repetitions < 1) {
            throw new IllegalArgumentException("repetitions must be positive: " + repetitions);
        }
        if (LAMBDA_BATCH > SQS_MAX_RECEIVE) {
            throw new IllegalStateException("the queue function's batch size is " + LAMBDA_BATCH + ": SqsEventSource"
                    + " receives one ReceiveMessage (at most " + SQS_MAX_RECEIVE + ") per invocation; give it a batching window");
        }
        var throughputs = new ArrayList<Report.Throughput>();
        var notes = new ArrayList<String>();
        var processes = new ArrayList<Report.Process>();
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

        // the SQL is recorded once, from the app's ledger, and replayed by both ceilings
        LedgerReplay replay = LedgerReplay.record(lab.database().dataSource());
        WorkerShape worker = WorkerShape.shipped(Lab.fargateJar(lab.repo()), lab.wiring("unused"));
        Placement.Slot lambdaInvokes = lab.placement().slot("lambda-queue", Measured.LAMBDA_VCPU);
        Placement.Slot lambdaSlot = lambdaInvokes.withInitBurst(Measured.LAMBDA_ON_DEMAND_INIT_VCPU);
        Placement.Slot workerSlot = lab.placement().slot("fargate-worker", Measured.FARGATE_VCPU);
        Path lambdaJava = lambdaSlot.launcher(Path.of(System.getProperty("java.home"), "bin", "java"));
        // the image is built (and its start-up archive trained) once, before any run
        Container workerImage = lab.image("adapter-fargate", Measured.FARGATE_MEMORY_GB);
        notes.add("Queue path ceilings: the ledger's apply of one new event recorded from the app's JdbcPaymentStore ("
                + replay.describe() + ") and replayed over JDBC as new events, between the consumer's receive and delete.");
        notes.add("Queue path: the Lambda QueueHandler's " + LAMBDA_CONCURRENCY + " environments each in "
                + lambdaSlot.describe() + "; the Fargate worker in " + workerSlot.describe() + ".");
        progress.say("queue consumers: Lambda %d environments, batches of %d (%s each); Fargate worker %s; ledger replay: %s",
                LAMBDA_CONCURRENCY, LAMBDA_BATCH, lambdaSlot.describe(), worker.describe(), replay.describe());

        String lambdaFigure = LAMBDA_CONSUMER + ", " + LAMBDA_CONCURRENCY + " environments (maxConcurrency), batches of "
                + LAMBDA_BATCH + ", webhooks applied";
        String lambdaCeilingFigure = "receive + the ledger's SQL replayed + delete, " + LAMBDA_CONCURRENCY
                + " threads, one connection each, batches of " + LAMBDA_BATCH;
        String workerFigure = FARGATE_CONSUMER + " (" + worker.describe() + "), webhooks applied";
        String workerCeilingFigure = "receive + the ledger's SQL replayed + delete, " + plural(worker.pollers(), "poller")
                + ", batches of " + worker.batchSize() + ", each message on a thread of its own in the task's quota, pool of "
                + worker.poolSize();

        var lambda = new ArrayList<Double>();
        var lambdaCeiling = new ArrayList<Double>();
        var fargate = new ArrayList<Double>();
        var fargateCeiling = new ArrayList<Double>();
        for (int r = 1; r <= repetitions; r++) {
            if (!budget.hasTime()) {
                progress.say("queue path: the time budget ended after %d of %d repetitions", r - 1, repetitions);
                break;
            }
            Fill lc = fill("lambda-ceiling", events, budget);
            Fill lq = lc == null ? null : fill("lambda", events, budget);
            Fill fc = lq == null ? null : fill("worker-ceiling", events, budget);
            Fill fq = fc == null ? null : fill("worker", events, budget);
            if (fq == null) {
                progress.say("queue path: the request budget ended in repetition %d of %d", r, repetitions);
                break;
            }
            double lcRate = lambdaCeiling(lc, replay, lambdaInvokes);
            double lRate = lambdaConsumer(lq, lambdaJava, r == 1 ? processes : null, lambdaSlot);
            double fcRate = workerCeiling(fc, replay, worker, workerSlot);
            double fRate = worker(fq, workerImage, workerSlot, r == 1 ? processes : null);
            lambdaCeiling.add(lcRate);
            lambda.add(lRate);
            fargateCeiling.add(fcRate);
            fargate.add(fRate);
            progress.say("queue path %d/%d: Lambda %.0f webhooks/s (ceiling %.0f), Fargate worker %.0f webhooks/s (ceiling %.0f)",
                    r, repetitions, lRate, lcRate, fRate, fcRate);
        }

        var ratios = new ArrayList<Report.Ratio>();
        if (!lambda.isEmpty()) {
            throughputs.add(new Report.Throughput("ceiling", lambdaCeilingFigure, median(lambdaCeiling), "webhooks/s", true));
            throughputs.add(new Report.Throughput("Lambda", lambdaFigure, median(lambda), "webhooks/s", false));
            throughputs.add(new Report.Throughput("ceiling", workerCeilingFigure, median(fargateCeiling), "webhooks/s", true));
            throughputs.add(new Report.Throughput("Fargate", workerFigure, median(fargate), "webhooks/s", false));
            ratios.add(Report.Ratio.of("Lambda " + lambdaFigure, "webhooks/s", "ceiling: " + lambdaCeilingFigure,
                    "ceiling", lambda, lambdaCeiling));
            ratios.add(Report.Ratio.of("Fargate " + workerFigure, "webhooks/s", "ceiling: " + workerCeilingFigure,
                    "ceiling", fargate, fargateCeiling));
        }
        return new Results(throughputs, ratios, sends, processes, notes);
    }

    /** A queue filled with new webhooks: its URL, what every event id of it starts with, how many were sent. */
    private record Fill(String queueUrl, String eventPrefix, long sent) {}

    /** A fresh queue with {@code events} fresh webhooks on it; null if the budget allowed none. */
    private Fill fill(String name, int events, Budget budget) throws InterruptedException {
        String tag = name.replace("-", "") + Long.toHexString(System.nanoTime());
        String url = lab.newQueue("bench-" + name + "-" + Long.toHexString(System.nanoTime()));
        Sent sent = sendAll(url, tag, events, budget);
        return sent.count() == 0 ? null : new Fill(url, "evt_" + tag + "_", sent.count());
    }

    // ---- the four runs ----

    /**
     * The Lambda way's ceiling: as many threads as the mapping keeps environments busy, each with one connection
     * of its own (opened as the function opens its one), receiving a batch as the mapping does, replaying the
     * ledger's SQL for each record in turn, deleting the batch.
     */
    /**
     * The Lambda consumer's same work without the app: each of its environments' loops on a platform thread in
     * an invoke's CPU quota of its own, as each environment is, on the measured CPU.
     */
    private double lambdaCeiling(Fill fill, LedgerReplay replay, Placement.Slot slot) throws Exception {
        Map<String, String> env = lab.lambdaWiring(fill.queueUrl());
        AppConfig config = AppConfig.fromEnv(env);
        var connections = new ArrayList<Connection>();
        try (AppSecrets secrets = AppSecrets.from(config)) {
            var connector = SimpleDataSource.of(config, secrets);
            for (int i = 0; i < LAMBDA_CONCURRENCY; i++) {
                connections.add(connector.getConnection());
            }
            double rate;
            try (Loops loops = Loops.start("lambda-ceiling", LAMBDA_CONCURRENCY, i -> slot.threads("ceiling-" + i), i -> () -> {
                List<Message> batch = receive(fill.queueUrl(), LAMBDA_BATCH, List.of("All"));
                for (Message m : batch) {
                    String eventId = eventIdOf(m);
                    replay.replay(connections.get(i), eventId, intentOf(eventId));
                }
                delete(fill.queueUrl(), batch);
            })) {
                rate = appliedPerSecond(fill, loops::check);
            }
            confirm(fill, "the Lambda ceiling");
            return rate;
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /**
     * The Lambda way: the QueueHandler under lambda-local at the mapping's maximum concurrency and the deployed
     * memory, every environment started (and not measured) before the first poll, then one poller per
     * environment, each receiving a batch, invoking, deleting what was not reported failed — nothing else.
     */
    private double lambdaConsumer(Fill fill, Path java, List<Report.Process> processes, Placement.Slot slot)
            throws Exception {
        try (LambdaLocal function = LambdaFunctions.function(QUEUE_HANDLER, LambdaFunctions.artifactClasspath(),
                        lab.lambdaWiring(fill.queueUrl()))
                .memoryMb(DeployedSizes.LAMBDA_MEMORY_MB)
                .maxConcurrency(LAMBDA_CONCURRENCY)
                .initTimeout(LAMBDA_INIT_TIMEOUT)
                .javaExecutable(java)
                .afterInit(slot::afterInit)
                .build()) {
            startEnvironments(function);
            var source = new SqsEventSource(lab.sqs(), fill.queueUrl(), function);
            double rate;
            try (Loops pollers = Loops.start("lambda-poller", LAMBDA_CONCURRENCY, i -> Thread.ofPlatform().daemon(true).factory(),
                    i -> source::pollOnce)) {
                rate = appliedPerSecond(fill, pollers::check);
            }
            if (processes != null) {
                JvmFacts facts = JvmFacts.read(function.environments().getFirst().pid());
                processes.add(new Report.Process("Lambda", "QueueHandler runtime JVM (one of " + LAMBDA_CONCURRENCY
                        + " environments)", slot.describe(), facts.activeProcessors(), facts.gc(), facts.options(),
                        DeployedSizes.LAMBDA_MEMORY_MB));
            }
            if (function.environments().size() > LAMBDA_CONCURRENCY) {
                throw new IllegalStateException("the function ran " + function.environments().size()
                        + " environments, more than its maximum concurrency " + LAMBDA_CONCURRENCY);
            }
            confirm(fill, "the Lambda QueueHandler");
            return rate;
        }
    }

    /** Every environment of the function started, by as many empty SQS events at once: the cold starts are another part's figure. */
    private static void startEnvironments(LambdaLocal function) throws InterruptedException {
        var gate = new CountDownLatch(1);
        var results = new ArrayList<Future<InvokeResult>>();
        try (ExecutorService starts = Executors.newFixedThreadPool(LAMBDA_CONCURRENCY)) {
            for (int i = 0; i < LAMBDA_CONCURRENCY; i++) {
                results.add(starts.submit(() -> {
                    gate.await();
                    return function.invoke("{\"Records\":[]}");
                }));
            }
            gate.countDown();
            for (Future<InvokeResult> f : results) {
                InvokeResult result;
                try {
                    result = f.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("the queue function did not start: " + e.getCause(), e.getCause());
                }
                if (!result.isSuccess()) {
                    throw new IllegalStateException("the queue function did not start: " + result.status() + " "
                            + result.errorJson() + "\n" + result.logs());
                }
            }
        }
        int started = function.environments().size();
        if (started != LAMBDA_CONCURRENCY) {
            throw new IllegalStateException(started + " environments started, not " + LAMBDA_CONCURRENCY);
        }
    }

    /**
     * The Fargate worker's ceiling: its shipped number of pollers receiving its shipped batch size, each message
     * of a batch replayed on a virtual thread of its own over a HikariCP pool built as the worker builds it, the
     * batch deleted once all are done.
     */
    /**
     * The Fargate worker's same work without the app: its pollers, and an applier a message, all in one quota of the
     * task's vCPU on the measured CPU (platform threads: a virtual thread's carrier cannot be placed).
     */
    private double workerCeiling(Fill fill, LedgerReplay replay, WorkerShape worker, Placement.Slot slot) throws Exception {
        var env = new LinkedHashMap<>(lab.wiring(fill.queueUrl()));
        env.put("DATABASE_POOL_SIZE", String.valueOf(worker.poolSize()));
        AppConfig config = AppConfig.fromEnv(env);
        try (AppSecrets secrets = AppSecrets.from(config);
             HikariDataSource pool = ResidentApp.pool(config, secrets, ServerConfig.fromEnv(env));
             ExecutorService appliers = Executors.newFixedThreadPool(worker.batchSize() * worker.pollers(),
                     slot.threads("ceiling"))) {
            double rate;
            try (Loops pollers = Loops.start("worker-ceiling", worker.pollers(), i -> slot.threads("ceiling"), i -> () -> {
                List<Message> batch = receive(fill.queueUrl(), worker.batchSize(), WORKER_ATTRIBUTES);
                var work = new ArrayList<Future<?>>(batch.size());
                for (Message m : batch) {
                    work.add(appliers.submit(() -> {
                        String eventId = eventIdOf(m);
                        try (Connection c = pool.getConnection()) {
                            replay.replay(c, eventId, intentOf(eventId));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : work) {
                    f.get();
                }
                delete(fill.queueUrl(), batch);
            })) {
                rate = appliedPerSecond(fill, pollers::check);
            }
            confirm(fill, "the Fargate worker's ceiling");
            return rate;
        }
    }

    /** The Fargate way: the shipped jar's {@code worker} entry point as its image starts it, in the task's quota. */
    private double worker(Fill fill, Container image, Placement.Slot slot, List<Report.Process> processes)
            throws Exception {
        double rate;
        try (JarProcess p = image.start(slot, lab.wiring(fill.queueUrl()), "fargate-worker", "worker")) {
            rate = appliedPerSecond(fill, () -> {
                if (ProcessHandle.of(p.pid()).map(h -> !h.isAlive()).orElse(true)) {
                    throw new IllegalStateException("the Fargate worker exited:\n" + p.log());
                }
            });
            if (processes != null) {
                JvmFacts facts = JvmFacts.read(p.pid());
                processes.add(new Report.Process("Fargate", "queue worker (the jar's worker entry point)", slot.describe(),
                        facts.activeProcessors(), facts.gc(), facts.options(), image.memoryMib()));
            }
            p.sigterm();
            p.awaitExit(Duration.ofSeconds(30));
        }
        confirm(fill, "the Fargate worker");
        return rate;
    }

    // ---- the harness's side ----

    /** A receive as the consumer makes it: {@code attributes} are the message attributes it asks for. */
    private List<Message> receive(String queueUrl, int max, List<String> attributes) {
        return lab.sqs().receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(max).waitTimeSeconds(1)
                .messageAttributeNames(attributes)
                .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT)).messages();
    }

    private void delete(String queueUrl, List<Message> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var entries = new ArrayList<DeleteMessageBatchRequestEntry>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(String.valueOf(i))
                    .receiptHandle(batch.get(i).receiptHandle()).build());
        }
        var failed = lab.sqs().deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed();
        if (!failed.isEmpty()) {
            throw new IllegalStateException(failed.size() + " of " + batch.size() + " deletes failed: " + failed.getFirst().message());
        }
    }

    /** The event id the app's sender put on the message. */
    private static String eventIdOf(Message m) {
        var attribute = m.messageAttributes().get(QueuedWebhook.ATTR_EVENT_ID);
        if (attribute == null || attribute.stringValue() == null) {
            throw new IllegalStateException("message " + m.messageId() + " has no " + QueuedWebhook.ATTR_EVENT_ID + " attribute");
        }
        return attribute.stringValue();
    }

    /** The payment intent of a {@link Webhooks} event: {@code evt_X} is about {@code pi_X}. */
    static String intentOf(String eventId) {
        if (!eventId.startsWith("evt_")) {
            throw new IllegalArgumentException("not a Webhooks event id: " + eventId);
        }
        return "pi_" + eventId.substring("evt_".length());
    }

    /** Throws when the consumer has failed: the run ends at once instead of at the stall limit. */
    interface Check {
        void run() throws Exception;
    }

    /**
     * Applied per second, from the queue's counts: from the first sample that sees an event applied to the first
     * that sees all of them (the consumer's start-up is not its throughput). Should every event go between two
     * samples, the rate runs from the sample before, which can only understate it.
     */
    private double appliedPerSecond(Fill fill, Check alive) throws Exception {
        var samples = new Sampler(fill.sent(), System.nanoTime());
        while (true) {
            alive.run();
            long left = lab.messagesLeft(fill.queueUrl());
            OptionalRate rate = samples.add(System.nanoTime(), left);
            if (rate.done()) {
                return rate.perSecond();
            }
            if (samples.stalledFor() > STALL_LIMIT.toNanos()) {
                throw new IllegalStateException("no webhook applied for " + STALL_LIMIT + "; " + samples.applied()
                        + " of " + fill.sent() + " (queue " + fill.queueUrl() + ")");
            }
            Thread.sleep(SAMPLE_EVERY);
        }
    }

    /** A rate once every event is applied. */
    record OptionalRate(boolean done, double perSecond) {}

    /** The arithmetic of {@link #appliedPerSecond}, apart so it can be tested without a queue. */
    static final class Sampler {
        private final long sent;
        private long previousAt;
        private long firstAt = -1;
        private long beforeFirstAt;
        private long atFirst;
        private long applied;
        private long lastChangeAt;
        private long lastAt;

        /** @param startNanos when watching began: the sample before any other */
        Sampler(long sent, long startNanos) {
            this.sent = sent;
            this.previousAt = startNanos;
            this.lastChangeAt = startNanos;
            this.lastAt = startNanos;
        }

        OptionalRate add(long nanos, long remaining) {
            long now = Math.max(0, sent - remaining);
            if (now > applied) {
                lastChangeAt = nanos;
            }
            lastAt = nanos;
            if (firstAt < 0 && now > 0) {
                firstAt = nanos;
                atFirst = now;
                beforeFirstAt = previousAt;
            }
            applied = Math.max(applied, now);
            previousAt = nanos;
            if (applied < sent) {
                return new OptionalRate(false, 0);
            }
            if (atFirst < sent && nanos > firstAt) {
                return new OptionalRate(true, (sent - atFirst) / ((nanos - firstAt) / 1e9));
            }
            // all of it between two samples: from the one before, which understates the rate
            return new OptionalRate(true, sent / ((nanos - beforeFirstAt) / 1e9));
        }

        long applied() {
            return applied;
        }

        long stalledFor() {
            return lastAt - lastChangeAt;
        }
    }

    /** One count of the ledger: every event of the run is in it, or the part fails. */
    private void confirm(Fill fill, String consumer) throws SQLException {
        try (Connection c = lab.database().dataSource().getConnection();
             var ps = c.prepareStatement("SELECT COUNT(*) FROM webhook_events WHERE left(event_id, ?) = ?")) {
            ps.setInt(1, fill.eventPrefix().length());
            ps.setString(2, fill.eventPrefix());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long rows = rs.getLong(1);
                if (rows != fill.sent()) {
                    throw new IllegalStateException(consumer + " emptied its queue, but " + rows + " of its " + fill.sent()
                            + " events are in the ledger");
                }
            }
        }
    }

    /**
     * Threads running one body in a loop until closed; the first failure stops them all and is thrown by
     * {@link #check}.
     */
    static final class Loops implements AutoCloseable {
        interface Body {
            void run() throws Exception;
        }

        private final String name;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final List<Thread> threads = new ArrayList<>();

        private Loops(String name) {
            this.name = name;
        }

        /** {@code count} loops, loop {@code i} on a thread from {@code threads.apply(i)}. */
        static Loops start(String name, int count, java.util.function.IntFunction<java.util.concurrent.ThreadFactory> threads,
                           java.util.function.IntFunction<Body> bodies) {
            var loops = new Loops(name);
            for (int i = 0; i < count; i++) {
                Body body = bodies.apply(i);
                Runnable loop = () -> {
                    while (loops.running.get()) {
                        try {
                            body.run();
                        } catch (Throwable t) {
                            if (loops.running.get()) {
                                loops.failure.compareAndSet(null, t);
                                loops.running.set(false);
                            }
                        }
                    }
                };
                Thread thread = threads.apply(i).newThread(loop);
                thread.setName(name + "-" + i);
                thread.start();
                loops.threads.add(thread);
            }
            return loops;
        }

        void check() {
            Throwable t = failure.get();
            if (t != null) {
                throw new IllegalStateException(name + " failed: " + t, t);
            }
        }

        /** Stops the loops after their current turn (a long poll of at most a second, a batch) and waits for them. */
        @Override
        public void close() {
            running.set(false);
            try {
                for (Thread t : threads) {
                    t.join(Duration.ofSeconds(30));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The Fargate worker's settings as shipped, read by the shipped jar's own classes from the environment it gets. */
    record WorkerShape(int pollers, int batchSize, int poolSize) {
        static WorkerShape shipped(Path jar, Map<String, String> env) {
            try (var loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
                Class<?> worker = loader.loadClass("dev.threeways.fargate.WorkerConfig");
                Object w = worker.getMethod("fromEnv", Map.class).invoke(null, env);
                Class<?> server = loader.loadClass("dev.threeways.server.ServerConfig");
                Object s = server.getMethod("fromEnv", Map.class).invoke(null, env);
                return new WorkerShape((int) worker.getMethod("pollers").invoke(w), (int) worker.getMethod("batchSize").invoke(w),
                        (int) server.getMethod("poolSize").invoke(s));
            } catch (ReflectiveOperationException | java.io.IOException e) {
                throw new IllegalStateException("cannot read the worker's settings from " + jar + ": " + e, e);
            }
        }

        String describe() {
            return plural(pollers, "poller") + ", batches of " + batchSize + ", pool of " + poolSize;
        }
    }

    private static String plural(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }

    /** Nearest rank, as every median of the report: the lower middle of an even count. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get((sorted.size() + 1) / 2 - 1);
    }

    private record Sent(long count, double perSecond) {}

    /** Puts {@code events} webhooks on the queue as the app's sender does (fewer if the budget runs out). */
    private Sent sendAll(String queueUrl, String prefix, int events, Budget budget) throws InterruptedException {
        var queue = new SqsWebhookQueue(lab.sqs(), queueUrl, 262_144);
        var webhooks = new Webhooks(prefix);
        var next = new AtomicLong();
        var sentCount = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService senders = Executors.newFixedThreadPool(QUEUE_THREADS)) {
            for (int t = 0; t < QUEUE_THREADS; t++) {
                senders.execute(() -> {
                    while (next.incrementAndGet() <= events && budget.tryTake()) {
                        Webhooks.Event event = webhooks.next();
                        queue.send(new QueuedWebhook(event.id(), "payment_intent.succeeded", null,
                                event.body().getBytes(StandardCharsets.UTF_8)));
                        sentCount.incrementAndGet();
                    }
                });
            }
            senders.shutdown();
            senders.awaitTermination(10, TimeUnit.MINUTES);
        }
        long sent = sentCount.get();
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
}
