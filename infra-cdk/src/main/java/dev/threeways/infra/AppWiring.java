package dev.threeways.infra;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.iam.IGrantable;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The app's environment, the same names on every runtime (the README's configuration table), from
 * the data stack's resources. No secret value is in a template or in an environment variable: the
 * app is given the secrets' ids and reads them from Secrets Manager itself, with a short cache, so a
 * secret changed after the deploy (the Stripe endpoint secret always is) reaches every runtime
 * without one.
 */
final class AppWiring {
    private final DataStack data;

    AppWiring(DataStack data) {
        this.data = data;
    }

    /**
     * A container's plain settings. {@code usesQueue}: only a runtime that enqueues or consumes webhooks
     * is given the queue (the app then counts it in its readiness). The region is set because App
     * Runner, unlike Lambda and Fargate, does not set it. Migrations never run on start: the data
     * stack's migrate trigger ran them before any runtime's stack deploys.
     */
    Map<String, String> containerEnvironment(boolean usesQueue, int drainSeconds) {
        var env = common(data.database.getDbInstanceEndpointAddress(), usesQueue);
        env.put("AWS_REGION", Stack.of(data).getRegion());
        env.put("SERVER_DRAIN_SECONDS", String.valueOf(drainSeconds));
        return env;
    }

    /** A function's: through RDS Proxy, which pools for Lambda's many short-lived environments; Lambda sets AWS_REGION itself (and reserves it). */
    Map<String, String> lambdaEnvironment(boolean usesQueue) {
        return common(data.proxy.getEndpoint(), usesQueue);
    }

    private Map<String, String> common(String databaseHost, boolean usesQueue) {
        var env = new LinkedHashMap<String, String>();
        env.put("DATABASE_URL", "jdbc:postgresql://" + databaseHost + ":5432/" + DataStack.DATABASE_NAME + "?sslmode=require");
        env.put("DATABASE_SECRET_ID", data.database.getSecret().getSecretArn());
        env.put("STRIPE_WEBHOOK_SECRETS_ID", data.webhookSecret.getSecretArn());
        env.put("READ_API_TOKENS_ID", data.readApiTokens.getSecretArn());
        if (usesQueue) {
            env.put("QUEUE_URL", data.queue.getQueueUrl());
        }
        env.put("DATABASE_MIGRATE_ON_START", "false");
        return env;
    }

    /** A role for {@code servicePrincipal} that may read the secrets: what a runtime's app runs as. */
    Role secretReader(Construct scope, String id, String servicePrincipal) {
        Role role = Role.Builder.create(scope, id).assumedBy(new ServicePrincipal(servicePrincipal)).build();
        grantSecrets(role);
        return role;
    }

    /** What reads the secrets at run time. */
    void grantSecrets(IGrantable reader) {
        data.database.getSecret().grantRead(reader);
        data.webhookSecret.grantRead(reader);
        data.readApiTokens.grantRead(reader);
    }
}
