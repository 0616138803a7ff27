package dev.threeways.fargate;

import com.zaxxer.hikari.HikariDataSource;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.config.AppConfig.WebhookMode;
import dev.threeways.core.config.EnvReader;
import dev.threeways.core.ledger.JdbcPaymentStore;
import dev.threeways.core.ledger.Migrations;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.log.JulToJson;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.queue.SqsWebhookQueue;
import dev.threeways.core.secrets.AppSecrets;
import dev.threeways.core.settle.Reconciler;
import dev.threeways.server.ResidentApp;
import dev.threeways.server.ResidentServer;
import dev.threeways.server.ServerConfig;
import dev.threeways.server.ShutdownSequence;
import dev.threeways.server.Started;
import dev.threeways.server.StartupTraining;
import io.undertow.server.HttpHandler;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * The Fargate way: one image, four entry points, chosen by the first argument or {@code ENTRY_POINT}.
 * <ul>
 *   <li>{@code serve}: HTTP (webhooks verified and enqueued), the queue worker in the same task
 *       (unless {@code WORKER_ENABLED=false}), WebSocket push of ledger changes;</li>
 *   <li>{@code worker}: the queue worker alone, for a service scaled on queue depth (HTTP only for health);</li>
 *   <li>{@code migrate}: the schema migrations, then exit — the one-shot task before a deploy;</li>
 *   <li>{@code settle}: the reconcile job, then exit with its code — the EventBridge Scheduler + RunTask pattern;</li>
 *   <li>{@code train}: the image build's training run of the start-up archive, serve's ({@link StartupTraining}).</li>
 * </ul>
 */
public final class FargateMain {
    private static final JsonLog LOG = JsonLog.of(FargateMain.class);

    private FargateMain() {}

    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String entryPoint = args.length > 0 ? args[0] : new EnvReader(env).string(FargateSetting.ENTRY_POINT);
        JulToJson.install();
        switch (entryPoint) {
            case "serve" -> serve(env, true).exitOnSignal();
            case "worker" -> serve(env, false).exitOnSignal();
            case StartupTraining.ARGUMENT -> System.exit(StartupTraining.runWithQueue(trainee -> serve(trainee, true)));
            case "migrate" -> System.exit(migrate(env));
            case "settle" -> System.exit(settle(env));
            default -> {
                LOG.warn("unknown entry point", Map.of("entryPoint", entryPoint,
                        "expected", "serve, worker, migrate, settle or train"));
                System.exit(64);
            }
        }
    }

    /** Starts the resident process; its shutdown is the drain in the order the Fargate way needs. */
    static Started serve(Map<String, String> env, boolean serveTraffic) {
        AppConfig config = AppConfig.fromEnv(env).withWebhookMode(WebhookMode.ENQUEUE);
        ServerConfig serverConfig = ServerConfig.fromEnv(env);
        WorkerConfig workerConfig = WorkerConfig.fromEnv(env);
        WebSocketConfig webSockets = WebSocketConfig.fromEnv(env);
        boolean consume = !serveTraffic || workerConfig.enabled();
        ResidentApp resident = ResidentApp.create(config, serverConfig, consume);
        var app = resident.app();

        PaymentsWebSocket sockets = serveTraffic ? new PaymentsWebSocket(app.ledger(), app.readAccess(),
                webSockets.allowedOrigins(), webSockets.maxPendingBytes(), serverConfig.readTimeout()) : null;
        Map<String, HttpHandler> extra = sockets == null ? Map.of() : Map.of(PaymentsWebSocket.PATH, sockets.handler());
        // the server first: if its port cannot be bound the process ends, with no worker left consuming the queue
        ResidentServer server = ResidentServer.start(serverConfig, app, extra);
        QueueWorker worker = null;
        if (consume) {
            worker = new QueueWorker(sourceFor(config, app.queue(), workerConfig), app.webhooks(), app.ledger().store(), workerConfig);
            worker.start();
        }

        QueueWorker w = worker;
        var drain = new ShutdownSequence()
                .then("unready", remaining -> {
                    server.refuseNewWork();
                    return true;
                })
                .then("stop-receiving", remaining -> {
                    if (w != null) {
                        w.stopReceiving();
                    }
                    return true;
                })
                .then("messages", remaining -> w == null || w.awaitInFlight(remaining))
                .then("http", server::awaitRequests)
                .then("websockets", remaining -> sockets == null
                        || sockets.closeAll(remaining.compareTo(Duration.ofSeconds(2)) < 0 ? remaining : Duration.ofSeconds(2)))
                .then("close-server", remaining -> {
                    server.stop();
                    return true;
                })
                .then("close-pool", remaining -> {
                    resident.close();
                    return true;
                });
        return new Started(server.port(), () -> drain.run(serverConfig.drainTime()).exitCode());
    }

    /** The worker's side of the queue: the in-memory queue itself, or SQS through a client of the worker's own. */
    static WebhookSource sourceFor(AppConfig config, dev.threeways.core.queue.WebhookQueue queue, WorkerConfig worker) {
        return switch (queue) {
            case InMemoryWebhookQueue memory -> new InMemoryWebhookSource(memory);
            case SqsWebhookQueue sqs -> SqsWebhookSource.forWorker(config, sqs.queueUrl(), worker,
                    software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build());
            default -> throw new IllegalStateException("no consumer for " + queue.getClass().getName());
        };
    }

    static int migrate(Map<String, String> env) {
        AppConfig config = AppConfig.fromEnv(env);
        try (AppSecrets secrets = AppSecrets.from(config);
             HikariDataSource pool = ResidentApp.pool(config, secrets, ServerConfig.fromEnv(env))) {
            int applied = Migrations.migrate(pool);
            LOG.info("migrated", Map.of("applied", applied));
            return 0;
        } catch (RuntimeException e) {
            LOG.error("migration failed", e, Map.of());
            return 1;
        }
    }

    static int settle(Map<String, String> env) {
        AppConfig config = AppConfig.fromEnv(env);
        try (AppSecrets secrets = AppSecrets.from(config);
             HikariDataSource pool = ResidentApp.pool(config, secrets, ServerConfig.fromEnv(env))) {
            return new Reconciler(new JdbcPaymentStore(pool), InstantSource.system(), config.settleStuckAfter()).run().exitCode();
        } catch (RuntimeException e) {
            LOG.error("settle failed", e, Map.of());
            return 1;
        }
    }
}
