package dev.threeways.core.config;

import dev.threeways.core.log.JsonLog;
import dev.threeways.core.webhook.RetryBackoff;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The app's configuration, read once from the environment; with nothing set the app runs embedded. */
public record AppConfig(
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        Optional<String> databaseSecretId,
        DatabaseTimeouts databaseTimeouts,
        Optional<String> queueUrl,
        String awsRegion,
        Optional<URI> sqsEndpoint,
        int queueMaxMessageBytes,
        Duration queueSendTimeout,
        List<String> webhookSecrets,
        Optional<String> webhookSecretsId,
        List<String> readApiTokens,
        Optional<String> readApiTokensId,
        Duration secretsCacheTtl,
        Optional<URI> secretsEndpoint,
        boolean stripeLivemode,
        Duration webhookTolerance,
        int signatureHeaderMaxBytes,
        int maxBodyBytes,
        WebhookMode webhookMode,
        RetryBackoff queueRetry,
        Duration readinessTimeout,
        Duration readinessCache,
        Duration settleStuckAfter,
        JsonLog.Level logLevel) {

    public enum WebhookMode { APPLY, ENQUEUE }

    public static AppConfig fromEnv() {
        return fromEnv(System.getenv());
    }

    public static AppConfig embedded() {
        return fromEnv(Map.of());
    }

    public static AppConfig fromEnv(Map<String, String> env) {
        var r = new EnvReader(env);
        Setting endpointSetting = r.isSet(Setting.AWS_ENDPOINT_URL_SQS) ? Setting.AWS_ENDPOINT_URL_SQS : Setting.AWS_ENDPOINT_URL;
        String sqsEndpoint = r.string(endpointSetting);
        Setting secretsEndpointSetting = r.isSet(Setting.AWS_ENDPOINT_URL_SECRETS_MANAGER)
                ? Setting.AWS_ENDPOINT_URL_SECRETS_MANAGER : Setting.AWS_ENDPOINT_URL;
        String secretsEndpoint = r.string(secretsEndpointSetting);
        String databaseUrl = r.string(Setting.DATABASE_URL);
        Optional<String> queueUrl = r.optional(Setting.QUEUE_URL);
        int retryFirst = r.integer(Setting.QUEUE_RETRY_FIRST_SECONDS, 1, 900);
        int retryMax = r.integer(Setting.QUEUE_RETRY_MAX_SECONDS, 1, 900);
        if (retryMax < retryFirst) {
            throw new ConfigException("QUEUE_RETRY_MAX_SECONDS must not be less than QUEUE_RETRY_FIRST_SECONDS");
        }
        return new AppConfig(
                databaseUrl,
                r.string(Setting.DATABASE_USER),
                r.string(Setting.DATABASE_PASSWORD),
                r.optional(Setting.DATABASE_SECRET_ID),
                new DatabaseTimeouts(Duration.ofSeconds(r.integer(Setting.DATABASE_CONNECT_TIMEOUT_SECONDS, 1, 60)),
                        Duration.ofSeconds(r.integer(Setting.DATABASE_SOCKET_TIMEOUT_SECONDS, 1, 900))),
                queueUrl,
                r.string(Setting.AWS_REGION),
                sqsEndpoint.isEmpty() ? Optional.empty() : Optional.of(r.uri(endpointSetting, sqsEndpoint)),
                r.integer(Setting.QUEUE_MAX_MESSAGE_BYTES, 1024, 1024 * 1024),
                Duration.ofMillis(r.integer(Setting.QUEUE_SEND_TIMEOUT_MS, 100, 60_000)),
                developmentDefaultOnlyEmbedded(r, Setting.STRIPE_WEBHOOK_SECRETS, databaseUrl, queueUrl),
                r.optional(Setting.STRIPE_WEBHOOK_SECRETS_ID),
                developmentDefaultOnlyEmbedded(r, Setting.READ_API_TOKENS, databaseUrl, queueUrl),
                r.optional(Setting.READ_API_TOKENS_ID),
                Duration.ofSeconds(r.integer(Setting.SECRETS_CACHE_SECONDS, 1, 3_600)),
                secretsEndpoint.isEmpty() ? Optional.empty() : Optional.of(r.uri(secretsEndpointSetting, secretsEndpoint)),
                r.bool(Setting.STRIPE_LIVEMODE),
                Duration.ofSeconds(r.integer(Setting.STRIPE_WEBHOOK_TOLERANCE_SECONDS, 1, 86_400)),
                r.integer(Setting.STRIPE_SIGNATURE_HEADER_MAX_BYTES, 64, 65_536),
                r.integer(Setting.HTTP_MAX_BODY_BYTES, 1, 6 * 1024 * 1024),
                r.choice(Setting.WEBHOOK_MODE, WebhookMode.class),
                new RetryBackoff(Duration.ofSeconds(retryFirst), Duration.ofSeconds(retryMax)),
                Duration.ofMillis(r.integer(Setting.READINESS_TIMEOUT_MS, 100, 30_000)),
                Duration.ofMillis(r.integer(Setting.READINESS_CACHE_MS, 0, 60_000)),
                Duration.ofMinutes(r.integer(Setting.SETTLE_STUCK_AFTER_MINUTES, 1, 43_200)),
                r.choice(Setting.LOG_LEVEL, JsonLog.Level.class));
    }

    /**
     * The configured secrets or tokens; the public development default only while everything is embedded,
     * none otherwise: {@link #requireWebhookSecrets()} then stops a deployment that forgot its secret from
     * starting instead of letting it take events signed with a public one, and payment reads stay closed.
     */
    private static List<String> developmentDefaultOnlyEmbedded(EnvReader r, Setting setting, String databaseUrl,
                                                               Optional<String> queueUrl) {
        if (r.isSet(setting) || (isEmbeddedDatabase(databaseUrl) && queueUrl.isEmpty())) {
            return r.list(setting);
        }
        return List.of();
    }

    /** The secrets webhooks are verified with, when they are given as values; throws when there are none, naming what to set. */
    public List<String> requireWebhookSecrets() {
        if (webhookSecrets.isEmpty()) {
            // the URL itself stays out of the message: a JDBC URL may carry a password
            throw new ConfigException("STRIPE_WEBHOOK_SECRETS_ID or STRIPE_WEBHOOK_SECRETS is not set: the development secret is accepted only "
                    + "with the embedded database and no QUEUE_URL, and this app uses "
                    + (isEmbeddedDatabase(databaseUrl) ? "a QUEUE_URL" : "a DATABASE_URL that is not the embedded one"));
        }
        return webhookSecrets;
    }

    /** A JDBC URL for logs: no query string or user info, either of which may carry a password. */
    public static String withoutCredentials(String jdbcUrl) {
        String noQuery = jdbcUrl.split("[?;]", 2)[0];
        return noQuery.replaceFirst("//[^/@]*@", "//");
    }

    /** The in-memory H2 the app runs on when nothing is configured. */
    public static boolean isEmbeddedDatabase(String databaseUrl) {
        return databaseUrl.startsWith("jdbc:h2:mem:");
    }

    /** A copy with another webhook mode; adapters choose their mode (Lambda and Fargate enqueue). */
    public AppConfig withWebhookMode(WebhookMode mode) {
        return new AppConfig(databaseUrl, databaseUser, databasePassword, databaseSecretId, databaseTimeouts, queueUrl, awsRegion, sqsEndpoint,
                queueMaxMessageBytes, queueSendTimeout, webhookSecrets, webhookSecretsId, readApiTokens, readApiTokensId,
                secretsCacheTtl, secretsEndpoint,
                stripeLivemode, webhookTolerance,
                signatureHeaderMaxBytes, maxBodyBytes, mode, queueRetry, readinessTimeout, readinessCache, settleStuckAfter,
                logLevel);
    }

    @Override
    public String toString() {
        // secrets stay out of logs
        return "AppConfig[databaseUrl=" + withoutCredentials(databaseUrl) + ", queueUrl=" + queueUrl.orElse("(in-memory)")
                + ", sqsEndpoint=" + sqsEndpoint.map(URI::toString).orElse("(AWS)")
                + ", webhookSecrets=" + webhookSecretsId.map(id -> "from " + id).orElse(webhookSecrets.size() + " configured")
                + ", databaseCredentials=" + databaseSecretId.map(id -> "from " + id).orElse("from settings")
                + ", stripeLivemode=" + stripeLivemode
                + ", webhookTolerance=" + webhookTolerance
                + ", maxBodyBytes=" + maxBodyBytes + ", webhookMode=" + webhookMode + "]";
    }
}
