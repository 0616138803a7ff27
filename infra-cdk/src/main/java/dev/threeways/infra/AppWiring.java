package dev.threeways.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.services.rds.DatabaseInstance;
import software.amazon.awscdk.services.rds.DatabaseProxy;
import software.amazon.awscdk.services.secretsmanager.ISecret;

/**
 * The app's environment, the same names on every runtime (the README's configuration table), from
 * the data stack's resources. Secret values never appear in a template: containers get them as
 * Secrets Manager references, Lambda as CloudFormation dynamic references resolved at deploy time.
 */
final class AppWiring {
    private final DataStack data;

    AppWiring(DataStack data) {
        this.data = data;
    }

    /** Plain settings; {@code viaProxy} for Lambda, which reaches the database through RDS Proxy. */
    Map<String, String> environment(boolean viaProxy, int drainSeconds) {
        var env = new LinkedHashMap<String, String>();
        String host = viaProxy ? proxy().getEndpoint() : database().getDbInstanceEndpointAddress();
        env.put("DATABASE_URL", "jdbc:postgresql://" + host + ":5432/" + DataStack.DATABASE_NAME + "?sslmode=require");
        env.put("QUEUE_URL", data.queue.getQueueUrl());
        env.put("SERVER_DRAIN_SECONDS", String.valueOf(drainSeconds));
        env.put("DATABASE_MIGRATE_ON_START", "false");
        return env;
    }

    ISecret databaseSecret() {
        return database().getSecret();
    }

    ISecret webhookSecret() {
        return data.webhookSecret;
    }

    /** For Lambda: the secrets as dynamic references, which CloudFormation resolves when it deploys. */
    Map<String, String> secretReferences() {
        return Map.of(
                "DATABASE_USER", databaseSecret().secretValueFromJson("username").unsafeUnwrap(),
                "DATABASE_PASSWORD", databaseSecret().secretValueFromJson("password").unsafeUnwrap(),
                "STRIPE_WEBHOOK_SECRETS", webhookSecret().getSecretValue().unsafeUnwrap());
    }

    private DatabaseInstance database() {
        return data.database;
    }

    private DatabaseProxy proxy() {
        return data.proxy;
    }
}
