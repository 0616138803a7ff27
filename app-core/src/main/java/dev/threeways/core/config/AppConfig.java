package dev.threeways.core.config;

import dev.threeways.core.log.JsonLog;
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
        Optional<String> queueUrl,
        String awsRegion,
        Optional<URI> sqsEndpoint,
        int queueMaxMessageBytes,
        Duration queueSendTimeout,
        List<String> webhookSecrets,
        Duration webhookTolerance,
        int signatureHeaderMaxBytes,
        int maxBodyBytes,
        WebhookMode webhookMode,
        Duration readinessTimeout,
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
        String sqsEndpoint = r.string(Setting.AWS_ENDPOINT_URL_SQS);
        if (sqsEndpoint.isEmpty()) {
            sqsEndpoint = r.string(Setting.AWS_ENDPOINT_URL);
        }
        return new AppConfig(
                r.string(Setting.DATABASE_URL),
                r.string(Setting.DATABASE_USER),
                r.string(Setting.DATABASE_PASSWORD),
                r.optional(Setting.QUEUE_URL),
                r.string(Setting.AWS_REGION),
                sqsEndpoint.isEmpty() ? Optional.empty() : Optional.of(r.uri(Setting.AWS_ENDPOINT_URL_SQS, sqsEndpoint)),
                r.integer(Setting.QUEUE_MAX_MESSAGE_BYTES, 1024, 1024 * 1024),
                Duration.ofMillis(r.integer(Setting.QUEUE_SEND_TIMEOUT_MS, 100, 60_000)),
                r.list(Setting.STRIPE_WEBHOOK_SECRETS),
                Duration.ofSeconds(r.integer(Setting.STRIPE_WEBHOOK_TOLERANCE_SECONDS, 1, 86_400)),
                r.integer(Setting.STRIPE_SIGNATURE_HEADER_MAX_BYTES, 64, 65_536),
                r.integer(Setting.HTTP_MAX_BODY_BYTES, 1, 6 * 1024 * 1024),
                r.choice(Setting.WEBHOOK_MODE, WebhookMode.class),
                Duration.ofMillis(r.integer(Setting.READINESS_TIMEOUT_MS, 100, 30_000)),
                Duration.ofMinutes(r.integer(Setting.SETTLE_STUCK_AFTER_MINUTES, 1, 43_200)),
                r.choice(Setting.LOG_LEVEL, JsonLog.Level.class));
    }

    /** A copy with another webhook mode; adapters choose their mode (Lambda and Fargate enqueue). */
    public AppConfig withWebhookMode(WebhookMode mode) {
        return new AppConfig(databaseUrl, databaseUser, databasePassword, queueUrl, awsRegion, sqsEndpoint,
                queueMaxMessageBytes, queueSendTimeout, webhookSecrets, webhookTolerance, signatureHeaderMaxBytes,
                maxBodyBytes, mode, readinessTimeout, settleStuckAfter, logLevel);
    }

    @Override
    public String toString() {
        // secrets stay out of logs
        return "AppConfig[databaseUrl=" + databaseUrl + ", queueUrl=" + queueUrl.orElse("(in-memory)")
                + ", sqsEndpoint=" + sqsEndpoint.map(URI::toString).orElse("(AWS)")
                + ", webhookSecrets=" + webhookSecrets.size() + " configured, webhookTolerance=" + webhookTolerance
                + ", maxBodyBytes=" + maxBodyBytes + ", webhookMode=" + webhookMode + "]";
    }
}
