package dev.threeways.lambda;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.config.AppConfig.WebhookMode;
import dev.threeways.core.config.EnvReader;
import dev.threeways.core.ledger.Migrations;
import dev.threeways.core.ledger.SimpleDataSource;
import dev.threeways.core.log.JulToJson;
import dev.threeways.core.queue.SqsWebhookQueue;
import dev.threeways.core.queue.WebhookQueue;
import dev.threeways.core.secrets.AppSecrets;
import java.time.InstantSource;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * The app as one Lambda execution environment holds it: built once, in the init phase (outside any
 * handler, and before a SnapStart snapshot), shared by every handler class of this artifact.
 */
public final class LambdaApp {
    private static volatile LambdaApp instance;

    private final App app;
    private final SingleConnectionDataSource database;
    /** Held here: the runtime's CRaC context references it only weakly. */
    private final SnapStartPriming priming;

    private LambdaApp(App app, SingleConnectionDataSource database) {
        this.app = app;
        this.database = database;
        this.priming = new SnapStartPriming(this);
    }

    /** The environment's app, built on first use from the environment variables. */
    public static LambdaApp get() {
        LambdaApp current = instance;
        if (current == null) {
            synchronized (LambdaApp.class) {
                if (instance == null) {
                    instance = create(System.getenv());
                }
                current = instance;
            }
        }
        return current;
    }

    static LambdaApp create(Map<String, String> env) {
        return create(env, Core.getGlobalContext());
    }

    /** As {@link #create(Map)}, registering the SnapStart hook with {@code snapshots}. */
    static LambdaApp create(Map<String, String> env, Context<Resource> snapshots) {
        JulToJson.install();
        // deployed, webhooks are verified and put on SQS, and the queue's event source mapping applies them;
        // with no QUEUE_URL (run locally) nothing would consume an in-memory queue, so they are applied in the request
        AppConfig base = AppConfig.fromEnv(env);
        AppConfig config = base.withWebhookMode(base.queueUrl().isPresent() ? WebhookMode.ENQUEUE : WebhookMode.APPLY);
        var reader = new EnvReader(env);
        // the secrets are read here, in init: a SnapStart snapshot or a provisioned environment holds them already
        AppSecrets secrets = AppSecrets.from(config);
        var database = new SingleConnectionDataSource(SimpleDataSource.of(config, secrets),
                reader.integer(LambdaSetting.DATABASE_VALIDATION_SECONDS, 1, 30));
        if (AppConfig.isEmbeddedDatabase(config.databaseUrl())) {
            // the embedded default lives and dies with this environment, so it needs its schema here; a real
            // database is migrated by the deploy, never by a cold start
            Migrations.migrate(database);
        }
        WebhookQueue queue = App.queueFor(config, false);
        if (queue instanceof SqsWebhookQueue sqs && initPaidAhead(env)) {
            // a request waits for an on-demand init, so its first send builds the client; these inits wait for no one
            sqs.client();
        }
        var lambdaApp = new LambdaApp(new App(config, secrets, database, queue, InstantSource.system()), database);
        snapshots.register(lambdaApp.priming);
        return lambdaApp;
    }

    /**
     * Whether this init runs before any request waits for it: SnapStart's (captured in the snapshot) and
     * provisioned concurrency's, as Lambda names them in {@code AWS_LAMBDA_INITIALIZATION_TYPE}.
     */
    static boolean initPaidAhead(Map<String, String> env) {
        return !env.getOrDefault(INITIALIZATION_TYPE, "on-demand").equals("on-demand");
    }

    static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";

    public App app() {
        return app;
    }

    public SingleConnectionDataSource database() {
        return database;
    }

    SnapStartPriming priming() {
        return priming;
    }

}
