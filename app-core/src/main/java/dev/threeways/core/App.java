package dev.threeways.core;

import dev.threeways.core.api.Endpoints;
import dev.threeways.core.api.ReadAccess;
import dev.threeways.core.api.Readiness;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.config.ConfigException;
import dev.threeways.core.http.AccessLog;
import dev.threeways.core.http.BodyLimit;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Router;
import dev.threeways.core.http.Router.Work;
import dev.threeways.core.ledger.JdbcPaymentStore;
import dev.threeways.core.ledger.PaymentLedger;
import dev.threeways.core.ledger.SimpleDataSource;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.log.JulToJson;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.queue.SqsWebhookQueue;
import dev.threeways.core.queue.WebhookQueue;
import dev.threeways.core.secrets.AppSecrets;
import dev.threeways.core.webhook.StripeSignature;
import dev.threeways.core.webhook.StripeWebhooks;
import java.time.InstantSource;
import javax.sql.DataSource;

/**
 * The app, wired by hand: given a config, a data source and a queue, it is a {@link Handler} any
 * runtime can call. Adapters pass their own data source (a pool, a single connection) and queue.
 */
public final class App {
    private final AppConfig config;
    private final PaymentLedger ledger;
    private final StripeWebhooks webhooks;
    private final WebhookQueue queue;
    private final Readiness readiness = new Readiness();
    private final ReadAccess readAccess;
    private final Router router;
    private final Handler handler;

    public App(AppConfig config, DataSource dataSource, WebhookQueue queue, InstantSource clock) {
        this(config, AppSecrets.from(config), dataSource, queue, clock);
    }

    public App(AppConfig config, AppSecrets secrets, DataSource dataSource, WebhookQueue queue, InstantSource clock) {
        JsonLog.setThreshold(config.logLevel());
        JulToJson.install();
        this.config = config;
        this.queue = queue;
        this.ledger = new PaymentLedger(new JdbcPaymentStore(dataSource));
        var signature = new StripeSignature(secrets.webhookSecrets(), config.webhookTolerance(),
                config.signatureHeaderMaxBytes(), clock);
        this.webhooks = new StripeWebhooks(signature, config.webhookMode(), config.stripeLivemode(),
                config.queueRetry(), ledger, queue);
        this.readAccess = new ReadAccess(secrets.readApiTokens());
        var endpoints = new Endpoints(webhooks, ledger, queue, readiness, config.readinessTimeout(),
                config.readinessCache(), readAccess);
        this.router = Router.builder()
                .get("/hello", Work.CPU, endpoints::hello)
                .post("/echo", Work.CPU, endpoints::echo)
                .get("/healthz", Work.CPU, endpoints::liveness)
                .get("/readyz", Work.CPU, endpoints.readiness())
                .post("/webhooks/stripe", Work.BLOCKING, endpoints::stripeWebhook)
                .get("/payments/{id}", Work.BLOCKING, endpoints::payment)
                .build();
        this.handler = new AccessLog(new BodyLimit(config.maxBodyBytes(), router));
    }

    /** The app as the environment describes it: SQS if QUEUE_URL is set, else in memory; the configured database. */
    public static App fromConfig(AppConfig config) {
        AppSecrets secrets = AppSecrets.from(config);
        var dataSource = SimpleDataSource.of(config, secrets);
        return new App(config, secrets, dataSource, queueFor(config, false), InstantSource.system());
    }

    /**
     * SQS if QUEUE_URL is set, else a queue in memory. In enqueue mode an in-memory queue is only right
     * when this process also consumes it ({@code consumedInProcess}); otherwise every event answered
     * "queued" would be lost, so the app refuses to start.
     */
    public static WebhookQueue queueFor(AppConfig config, boolean consumedInProcess) {
        if (config.queueUrl().isPresent()) {
            return SqsWebhookQueue.create(config);
        }
        if (config.webhookMode() == AppConfig.WebhookMode.ENQUEUE && !consumedInProcess) {
            throw new ConfigException("WEBHOOK_MODE=enqueue needs QUEUE_URL: nothing in this process takes events "
                    + "off an in-memory queue, so they would be acknowledged and lost");
        }
        return new InMemoryWebhookQueue(config.queueMaxMessageBytes());
    }

    public Handler handler() {
        return handler;
    }

    /** What answering {@code method path} needs of the calling thread: a server answers CPU-only routes where they arrive. */
    public Work work(String method, String path) {
        return router.work(method, path);
    }

    public AppConfig config() {
        return config;
    }

    public PaymentLedger ledger() {
        return ledger;
    }

    public StripeWebhooks webhooks() {
        return webhooks;
    }

    public WebhookQueue queue() {
        return queue;
    }

    public Readiness readiness() {
        return readiness;
    }

    /** Who may read payments; the Fargate way's WebSocket upgrade asks the same. */
    public ReadAccess readAccess() {
        return readAccess;
    }
}
