package dev.threeways.fargate;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;

import com.zaxxer.hikari.HikariDataSource;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.secrets.AppSecrets;
import dev.threeways.core.config.AppConfig.WebhookMode;
import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.JdbcPaymentStore;
import dev.threeways.core.ledger.PaymentLedger;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.SqsWebhookQueue;
import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.webhook.StripeEventParser;
import dev.threeways.core.webhook.StripeSignature;
import dev.threeways.core.webhook.StripeWebhooks;
import dev.threeways.server.ResidentApp;
import dev.threeways.server.ServerConfig;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Worker throughput on this machine, with its baseline in the same run: N single-row INSERTs over the
 * same HikariCP pool from the same number of threads (what the database alone can take), then the
 * ledger's apply of N events called directly, then the same N events through ElasticMQ and the
 * queue worker. Not a test: a measurement, printed as a table.
 *
 * <pre>./mvnw -q install -DskipTests
 * ./mvnw -q -pl adapter-fargate exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.threeways.fargate.WorkerThroughput -Dexec.args="3000 10 4"</pre>
 */
public final class WorkerThroughput {
    private WorkerThroughput() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int pollers = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        JsonLog.setThreshold(JsonLog.Level.WARN);
        List<String> bodies = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            bodies.add(paymentIntent("evt_tp" + i, "payment_intent.succeeded", 1, "pi_tp" + i, 100 + i, 100 + i, "succeeded"));
        }
        Map<String, String> env = Map.of("DATABASE_POOL_SIZE", String.valueOf(threads));
        try (ElasticMq elasticMq = ElasticMq.start(); var sqs = elasticMq.client();
             TestDatabase insertDb = TestDatabase.postgres(); TestDatabase directDb = TestDatabase.postgres();
             TestDatabase workerDb = TestDatabase.postgres()) {
            double insert = perSecond(events, () -> {
                try (HikariDataSource pool = pool(insertDb, env)) {
                    try (var c = pool.getConnection(); var st = c.createStatement()) {
                        st.execute("CREATE TABLE bench_insert (id VARCHAR(255) PRIMARY KEY, body TEXT NOT NULL)");
                    }
                    parallel(threads, events, i -> {
                        try (var c = pool.getConnection();
                             var ps = c.prepareStatement("INSERT INTO bench_insert (id, body) VALUES (?, ?)")) {
                            ps.setString(1, "evt_tp" + i);
                            ps.setString(2, bodies.get(i));
                            ps.executeUpdate();
                        }
                    });
                }
            });
            double direct = perSecond(events, () -> {
                try (HikariDataSource pool = pool(directDb, env)) {
                    var ledger = new PaymentLedger(new JdbcPaymentStore(pool));
                    parallel(threads, events, i -> ledger.apply(StripeEventParser.parse(Json.readBody(bytes(bodies.get(i))))));
                }
            });
            String url = sqs.createQueue(b -> b.queueName("throughput")).queueUrl();
            var queue = new SqsWebhookQueue(sqs, url, 262_144);
            double sends = perSecond(events, () -> parallel(threads, events, i -> queue.send(
                    new QueuedWebhook("evt_tp" + i, "payment_intent.succeeded", null, bytes(bodies.get(i))))));
            double viaQueue = perSecond(events, () -> {
                try (HikariDataSource pool = pool(workerDb, env)) {
                    var store = new JdbcPaymentStore(pool);
                    var webhooks = new StripeWebhooks(new StripeSignature(List.of("x"), Duration.ofMinutes(5), 4096,
                            InstantSource.system()), WebhookMode.ENQUEUE, false, AppConfig.embedded().queueRetry(),
                            new PaymentLedger(store), queue);
                    var config = new WorkerConfig(true, pollers, 10, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
                    // the worker's own client, as FargateMain builds it
                    var source = SqsWebhookSource.forWorker(AppConfig.fromEnv(Map.of("QUEUE_URL", url,
                            "AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString())), url, config,
                            StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")));
                    var worker = new QueueWorker(source, webhooks, store, config);
                    worker.start();
                    while (Sql.count(workerDb.dataSource(), "webhook_events") < events) {
                        Thread.sleep(20);
                    }
                    worker.stopReceiving();
                    worker.awaitInFlight(Duration.ofSeconds(10));
                }
            });
            System.out.printf("worker throughput, %d events, %d threads / pool connections, %d pollers x batch 10, java %s, %d cores, PostgreSQL and ElasticMQ on loopback%n",
                    events, threads, pollers, Runtime.version(), Runtime.getRuntime().availableProcessors());
            System.out.println("| what | events/s | ratio to the INSERT baseline |");
            System.out.println("|---|---|---|");
            System.out.printf("| baseline: single-row INSERT, autocommit, same pool | %.0f | 1.00 |%n", insert);
            System.out.printf("| ledger apply, called directly | %.0f | %.2f |%n", direct, direct / insert);
            System.out.printf("| ledger apply through ElasticMQ and the queue worker | %.0f | %.2f |%n", viaQueue, viaQueue / insert);
            System.out.printf("| (for scale) SendMessage to ElasticMQ, same threads | %.0f | %.2f |%n", sends, sends / insert);
        }
    }

    private static HikariDataSource pool(TestDatabase db, Map<String, String> env) {
        AppConfig config = AppConfig.fromEnv(Map.of("DATABASE_URL", db.url(), "DATABASE_USER", db.user(),
                "DATABASE_PASSWORD", db.password()));
        HikariDataSource pool = ResidentApp.pool(config, AppSecrets.from(config), ServerConfig.fromEnv(env));
        pool.setMinimumIdle(pool.getMaximumPoolSize());
        return pool;
    }

    interface Work {
        void run() throws Exception;
    }

    interface Indexed {
        void run(int i) throws Exception;
    }

    private static double perSecond(int events, Work work) throws Exception {
        long start = System.nanoTime();
        work.run();
        return events / ((System.nanoTime() - start) / 1e9);
    }

    private static void parallel(int threads, int count, Indexed task) throws Exception {
        var next = new AtomicInteger();
        try (var pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        task.run(i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
    }
}
