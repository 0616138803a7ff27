package dev.threeways.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.testing.H2Database;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {
    @Test
    void nothingSetRunsEmbedded() {
        AppConfig c = AppConfig.embedded();
        assertTrue(c.databaseUrl().startsWith("jdbc:h2:mem:"));
        assertTrue(c.queueUrl().isEmpty());
        assertTrue(c.sqsEndpoint().isEmpty());
        assertEquals(Duration.ofSeconds(300), c.webhookTolerance());
        assertEquals(65536, c.maxBodyBytes());
        assertEquals(AppConfig.WebhookMode.APPLY, c.webhookMode());
        assertEquals(1, c.webhookSecrets().size(), "the development secret, because everything is embedded");
        assertFalse(c.stripeLivemode());
        assertEquals(Duration.ofSeconds(5), c.queueRetry().after(1));
        assertEquals(Duration.ofSeconds(900), c.queueRetry().after(20));
    }

    @Test
    void withARealDatabaseOrQueueThereIsNoDefaultSecretAndTheAppRefusesToStart() {
        for (Map<String, String> env : List.of(
                Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test"),
                Map.of("QUEUE_URL", "http://127.0.0.1:9324/000/webhooks"))) {
            AppConfig c = AppConfig.fromEnv(env);
            assertEquals(List.of(), c.webhookSecrets(), env.toString());
            var refused = assertThrows(ConfigException.class, c::requireWebhookSecrets);
            assertTrue(refused.getMessage().contains("STRIPE_WEBHOOK_SECRETS"), refused.getMessage());
            assertThrows(ConfigException.class, () -> new App(c, H2Database.fresh(), new InMemoryWebhookQueue(1024),
                    InstantSource.system()), "the app does not start on the public development secret");
        }
        var withSecret = new java.util.HashMap<>(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
        withSecret.put("STRIPE_WEBHOOK_SECRETS", "whsec_real");
        assertEquals(List.of("whsec_real"), AppConfig.fromEnv(withSecret).requireWebhookSecrets());
    }

    @Test
    void logsShowNoCredentialsOfTheDatabaseUrl() {
        assertEquals("jdbc:postgresql://db:5432/app",
                AppConfig.withoutCredentials("jdbc:postgresql://db:5432/app?user=app&password=s3cret"));
        assertEquals("jdbc:postgresql://db:5432/app", AppConfig.withoutCredentials("jdbc:postgresql://app:s3cret@db:5432/app"));
        assertEquals("jdbc:h2:mem:threeways", AppConfig.withoutCredentials("jdbc:h2:mem:threeways;PASSWORD=x"));
        AppConfig c = AppConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://db/app?password=s3cret",
                "STRIPE_WEBHOOK_SECRETS", "whsec_x"));
        assertFalse(c.toString().contains("s3cret"), c.toString());
    }

    @Test
    void aBadGenericEndpointIsNamedAsSuch() {
        var e = assertThrows(ConfigException.class, () -> AppConfig.fromEnv(Map.of("AWS_ENDPOINT_URL", "not a url")));
        assertTrue(e.getMessage().startsWith("AWS_ENDPOINT_URL="), e.getMessage());
    }

    @Test
    void retryWaitsAndModeAreRead() {
        AppConfig c = AppConfig.fromEnv(Map.of("QUEUE_RETRY_FIRST_SECONDS", "2", "QUEUE_RETRY_MAX_SECONDS", "7",
                "STRIPE_LIVEMODE", "true"));
        assertTrue(c.stripeLivemode());
        assertEquals(List.of(2L, 4L, 7L, 7L), List.of(1, 2, 3, 4).stream().map(n -> c.queueRetry().after(n).toSeconds()).toList());
        assertThrows(ConfigException.class, () -> AppConfig.fromEnv(Map.of("QUEUE_RETRY_FIRST_SECONDS", "10",
                "QUEUE_RETRY_MAX_SECONDS", "5")));
        assertThrows(ConfigException.class, () -> AppConfig.fromEnv(Map.of("QUEUE_RETRY_MAX_SECONDS", "901")),
                "SQS delays a message 900 s at most");
        assertEquals(900, AppConfig.fromEnv(Map.of("QUEUE_RETRY_MAX_SECONDS", "900")).queueRetry().max().toSeconds());
        assertThrows(ConfigException.class, () -> AppConfig.fromEnv(Map.of("STRIPE_LIVEMODE", "maybe")));
    }

    @Test
    void everySettingIsRead() {
        AppConfig c = AppConfig.fromEnv(Map.ofEntries(
                Map.entry("DATABASE_URL", "jdbc:postgresql://db:5432/app"),
                Map.entry("DATABASE_USER", "app"),
                Map.entry("DATABASE_PASSWORD", "pw"),
                Map.entry("QUEUE_URL", "http://q/000/webhooks"),
                Map.entry("AWS_REGION", "eu-west-1"),
                Map.entry("AWS_ENDPOINT_URL", "http://generic:1"),
                Map.entry("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:9324"),
                Map.entry("QUEUE_MAX_MESSAGE_BYTES", "100000"),
                Map.entry("QUEUE_SEND_TIMEOUT_MS", "1500"),
                Map.entry("STRIPE_WEBHOOK_SECRETS", " whsec_new , whsec_old ,"),
                Map.entry("STRIPE_WEBHOOK_TOLERANCE_SECONDS", "60"),
                Map.entry("STRIPE_SIGNATURE_HEADER_MAX_BYTES", "2048"),
                Map.entry("HTTP_MAX_BODY_BYTES", "1024"),
                Map.entry("WEBHOOK_MODE", "enqueue"),
                Map.entry("READINESS_TIMEOUT_MS", "500"),
                Map.entry("LOG_LEVEL", "warn")));
        assertEquals("jdbc:postgresql://db:5432/app", c.databaseUrl());
        assertEquals("app", c.databaseUser());
        assertEquals("http://q/000/webhooks", c.queueUrl().orElseThrow());
        assertEquals("eu-west-1", c.awsRegion());
        assertEquals(URI.create("http://127.0.0.1:9324"), c.sqsEndpoint().orElseThrow(), "the SQS-specific endpoint wins");
        assertEquals(100000, c.queueMaxMessageBytes());
        assertEquals(Duration.ofMillis(1500), c.queueSendTimeout());
        assertEquals(List.of("whsec_new", "whsec_old"), c.webhookSecrets());
        assertEquals(Duration.ofSeconds(60), c.webhookTolerance());
        assertEquals(2048, c.signatureHeaderMaxBytes());
        assertEquals(1024, c.maxBodyBytes());
        assertEquals(AppConfig.WebhookMode.ENQUEUE, c.webhookMode());
        assertEquals(Duration.ofMillis(500), c.readinessTimeout());
        assertFalse(c.toString().contains("whsec_new"), "secrets stay out of toString");
        assertFalse(c.toString().contains("pw"));
    }

    @Test
    void genericAwsEndpointIsUsedWhenNoSqsOneIsSet() {
        assertEquals(URI.create("http://generic:1"),
                AppConfig.fromEnv(Map.of("AWS_ENDPOINT_URL", "http://generic:1")).sqsEndpoint().orElseThrow());
    }

    @Test
    void badValuesFailWithTheVariableName() {
        assertTrue(assertThrows(ConfigException.class,
                () -> AppConfig.fromEnv(Map.of("HTTP_MAX_BODY_BYTES", "lots"))).getMessage().contains("HTTP_MAX_BODY_BYTES"));
        assertThrows(ConfigException.class, () -> AppConfig.fromEnv(Map.of("HTTP_MAX_BODY_BYTES", "0")));
        assertThrows(ConfigException.class, () -> AppConfig.fromEnv(Map.of("STRIPE_WEBHOOK_TOLERANCE_SECONDS", "-1")));
        assertThrows(ConfigException.class, () -> AppConfig.fromEnv(Map.of("WEBHOOK_MODE", "sometimes")));
        assertThrows(ConfigException.class, () -> AppConfig.fromEnv(Map.of("STRIPE_WEBHOOK_SECRETS", " , ")));
        assertThrows(ConfigException.class, () -> AppConfig.fromEnv(Map.of("AWS_ENDPOINT_URL_SQS", "not a url")));
    }

    @Test
    void limitsAcceptTheirEdgesAndRejectOnePast() {
        assertEquals(6 * 1024 * 1024, AppConfig.fromEnv(Map.of("HTTP_MAX_BODY_BYTES", "6291456")).maxBodyBytes());
        assertThrows(ConfigException.class, () -> AppConfig.fromEnv(Map.of("HTTP_MAX_BODY_BYTES", "6291457")));
        assertEquals(1, AppConfig.fromEnv(Map.of("HTTP_MAX_BODY_BYTES", "1")).maxBodyBytes());
    }
}
