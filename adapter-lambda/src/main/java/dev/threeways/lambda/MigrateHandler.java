package dev.threeways.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.ledger.Migrations;
import dev.threeways.core.ledger.SimpleDataSource;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.log.JulToJson;
import dev.threeways.core.secrets.AppSecrets;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The schema migrations as a function: the deploy runs it (a CDK trigger in the data stack) before
 * any runtime's stack, whichever runtimes are deployed. The event is ignored; a failed migration
 * throws, which fails the invocation and with it the deploy.
 */
public final class MigrateHandler implements RequestStreamHandler {
    private static final JsonLog LOG = JsonLog.of(MigrateHandler.class);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws java.io.IOException {
        JulToJson.install();
        AppConfig config = AppConfig.fromEnv();
        try (AppSecrets secrets = AppSecrets.from(config)) {
            int applied = Migrations.migrate(SimpleDataSource.of(config, secrets));
            LOG.info("schema migrated", Map.of("applied", applied, "database", AppConfig.withoutCredentials(config.databaseUrl())));
            output.write(("{\"migrationsApplied\":" + applied + "}").getBytes(StandardCharsets.UTF_8));
        }
    }
}
