package dev.threeways.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.ledger.Migrations;
import dev.threeways.core.ledger.SimpleDataSource;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.log.JulToJson;
import dev.threeways.core.queue.WebhookQueue;
import dev.threeways.core.secrets.AppSecrets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

/**
 * The app as a resident process builds it: a HikariCP pool opened once, the queue, the schema
 * migrated at start when asked. Both container adapters start from here.
 */
public final class ResidentApp implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.of(ResidentApp.class);
    /**
     * How often the buffered log reaches stdout at least: the lines of an instance killed hard are lost for at
     * most this long, while under load one write carries a buffer of lines instead of one each.
     */
    static final Duration LOG_FLUSH_EVERY = Duration.ofMillis(200);

    private final App app;
    private final HikariDataSource pool;
    private final AppSecrets secrets;
    private final ServerConfig server;

    private ResidentApp(App app, HikariDataSource pool, AppSecrets secrets, ServerConfig server) {
        this.app = app;
        this.pool = pool;
        this.secrets = secrets;
        this.server = server;
    }

    /**
     * @param consumedInProcess whether this process also consumes the webhook queue (the Fargate worker),
     *                          which is what makes an in-memory queue acceptable in enqueue mode
     */
    public static ResidentApp create(AppConfig config, ServerConfig server, boolean consumedInProcess) {
        JulToJson.install();
        JsonLog.bufferStdout(LOG_FLUSH_EVERY);
        AppSecrets secrets = AppSecrets.from(config);
        HikariDataSource pool = pool(config, secrets, server);
        try {
            if (server.migrateOnStart()) {
                int applied = Migrations.migrate(pool);
                LOG.info("schema migrated", Map.of("applied", applied));
            }
            WebhookQueue queue = App.queueFor(config, consumedInProcess);
            return new ResidentApp(new App(config, secrets, pool, queue, InstantSource.system()), pool, secrets, server);
        } catch (RuntimeException e) {
            pool.close();
            secrets.close();
            throw e;
        }
    }

    /** A small pool, opened once: validated before use, leak-checked, and not failing start if the database is down. */
    public static HikariDataSource pool(AppConfig config, AppSecrets secrets, ServerConfig server) {
        var hikari = new HikariConfig();
        hikari.setPoolName("ledger");
        // each new connection asks for the current credentials, so the pool follows a rotated password
        hikari.setDataSource(SimpleDataSource.of(config, secrets));
        hikari.setMaximumPoolSize(server.poolSize());
        hikari.setMinimumIdle(Math.min(2, server.poolSize()));
        hikari.setConnectionTimeout(server.connectionTimeout().toMillis());
        hikari.setValidationTimeout(server.validationTimeout().toMillis());
        hikari.setLeakDetectionThreshold(server.leakDetection().toMillis());
        // readiness reports a database that is down; it is not a reason to refuse to start
        hikari.setInitializationFailTimeout(-1);
        return new HikariDataSource(hikari);
    }

    public App app() {
        return app;
    }

    public ServerConfig server() {
        return server;
    }

    @Override
    public void close() {
        pool.close();
        secrets.close();
        if (app.queue() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("queue client did not close", Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }
}
