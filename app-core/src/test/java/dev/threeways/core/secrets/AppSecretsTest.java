package dev.threeways.core.secrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.queue.InMemoryWebhookQueue;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.LocalSecretsManager;
import dev.threeways.core.testing.Reads;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class AppSecretsTest {
    private static final String DB = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:db-AbCdEf";
    private static final String STRIPE = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:stripe-AbCdEf";

    private static SecretsManagerSource source(LocalSecretsManager local) {
        return new SecretsManagerSource(SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .endpointOverride(local.endpoint())
                .build());
    }

    private static AppConfig config() {
        return AppConfig.fromEnv(Map.of("DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test",
                "DATABASE_SECRET_ID", DB, "STRIPE_WEBHOOK_SECRETS_ID", STRIPE));
    }

    @Test
    void theSdkReadsBothSecretsAtStartInTheShapesRdsAndTheReadmeGive() {
        try (var local = LocalSecretsManager.start()
                .put(DB, "{\"engine\":\"postgres\",\"username\":\"threeways\",\"password\":\"p@ss\",\"port\":5432}")
                .put(STRIPE, " whsec_new , whsec_old ");
             var source = source(local)) {
            AppSecrets secrets = AppSecrets.from(config(), source);
            assertEquals(2, local.reads(), "both read at start");
            assertEquals(new DatabaseCredentials("threeways", "p@ss"), secrets.databaseCredentials().get());
            assertEquals(List.of("whsec_new", "whsec_old"), secrets.webhookSecrets().get());
            assertFalse(secrets.databaseCredentials().get().toString().contains("p@ss"), "no password in a log line");
        }
    }

    @Test
    void aMissingOrMisshapenSecretStopsTheStartNamingTheSecretNotItsValue() {
        try (var local = LocalSecretsManager.start().put(STRIPE, "whsec_x"); var source = source(local)) {
            var missing = assertThrows(SecretException.class, () -> AppSecrets.from(config(), source));
            assertTrue(missing.getMessage().contains(DB), missing.getMessage());

            local.put(DB, "hunter2");
            var notJson = assertThrows(SecretException.class, () -> AppSecrets.from(config(), source));
            assertTrue(notJson.getMessage().contains("not JSON"), notJson.getMessage());
            assertFalse(notJson.getMessage().contains("hunter2"));

            local.put(DB, "{\"username\":\"u\",\"password\":\"p\"}").put(STRIPE, " , ");
            var empty = assertThrows(SecretException.class, () -> AppSecrets.from(config(), source));
            assertTrue(empty.getMessage().contains("no Stripe endpoint secret"), empty.getMessage());
        }
    }

    @Test
    void aChangedSecretIsReadAfterTheCacheTimeAndAFailedRefreshKeepsTheLastValue() {
        var now = new AtomicLong();
        var values = new java.util.ArrayDeque<>(List.of("whsec_placeholder", "whsec_real"));
        SecretSource flaky = id -> {
            if (values.isEmpty()) {
                throw new SecretException("unreachable", null);
            }
            return values.poll();
        };
        var secret = new CachedSecret<>(flaky, STRIPE, v -> v, Duration.ofSeconds(60), now::get);
        assertEquals("whsec_placeholder", secret.get());
        now.addAndGet(Duration.ofSeconds(59).toMillis());
        assertEquals("whsec_placeholder", secret.get(), "within the cache time: not read again");
        now.addAndGet(Duration.ofSeconds(1).toMillis());
        assertEquals("whsec_real", secret.get(), "the value put in after the deploy, one cache time later");
        now.addAndGet(Duration.ofSeconds(60).toMillis());
        assertEquals("whsec_real", secret.get(), "Secrets Manager unreachable: the last value is kept");
    }

    @Test
    void aClockThatWentBackAsAfterASnapStartRestoreMakesTheValueStale() {
        var now = new AtomicLong(1_000_000);
        var values = new java.util.ArrayDeque<>(List.of("before the snapshot", "after the restore"));
        var secret = new CachedSecret<>(id -> values.poll(), STRIPE, v -> v, Duration.ofSeconds(60), now::get);
        now.set(5_000);
        assertEquals("after the restore", secret.get());
    }

    @Test
    void readTokensComeFromTheirSecretWinOverTheDevelopmentTokenAndRotateWithoutARestart() throws Exception {
        String tokensId = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:read-AbCdEf";
        try (var local = LocalSecretsManager.start().put(tokensId, "tok_old"); var source = source(local)) {
            AppConfig config = AppConfig.fromEnv(Map.of("READ_API_TOKENS_ID", tokensId, "SECRETS_CACHE_SECONDS", "1"));
            var app = new App(config, AppSecrets.from(config, source),
                    H2Database.fresh(), new InMemoryWebhookQueue(1024),
                    InstantSource.system());
            assertEquals(0, local.reads(), "not read at start: only payment reads need it");
            Function<String, Integer> readWith = token -> app.handler().handle(
                    HttpRequest.of("GET", "/payments/pi_none",
                            Headers.of("Authorization", "Bearer " + token), new byte[0], "")).status();
            assertEquals(404, readWith.apply("tok_old"), "past the token check: the payment is unknown");
            assertEquals(401, readWith.apply(Reads.TOKEN), "the development token gives way to the secret");
            local.put(tokensId, "tok_new,tok_old");
            Thread.sleep(1_100);
            assertEquals(404, readWith.apply("tok_new"));
            assertEquals(404, readWith.apply("tok_old"), "during the rotation both work");
            local.put(tokensId, "tok_new");
            Thread.sleep(1_100);
            assertEquals(401, readWith.apply("tok_old"), "after it the old one is refused");
            assertEquals(404, readWith.apply("tok_new"));
        }
    }

    @Test
    void anUnreadableTokenSecretAnswersPaymentReads503AndStopsNothingElse() {
        String tokensId = "arn:aws:secretsmanager:eu-west-1:111122223333:secret:missing-AbCdEf";
        try (var local = LocalSecretsManager.start(); var source = source(local)) {
            AppConfig config = AppConfig.fromEnv(Map.of("READ_API_TOKENS_ID", tokensId));
            var app = new App(config, AppSecrets.from(config, source), H2Database.fresh(),
                    new InMemoryWebhookQueue(1024), InstantSource.system());
            var read = app.handler().handle(HttpRequest.of("GET", "/payments/pi_none",
                    Headers.of("Authorization", "Bearer anything"), new byte[0], ""));
            assertEquals(503, read.status(), "retryable, not a 500 and not a 401 that blames the caller");
            assertEquals("urn:three-ways:problem:dependency-unavailable",
                    dev.threeways.core.http.Json.MAPPER.readTree(read.body()).get("type").stringValue());
            assertEquals(200, app.handler().handle(HttpRequest.get("/hello")).status(), "the rest of the app is up");
        }
    }

    @Test
    void withoutIdsThePlainSettingsAreUsedAndNoClientIsMade() {
        AppConfig plain = AppConfig.fromEnv(Map.of("DATABASE_USER", "app", "DATABASE_PASSWORD", "pw"));
        AppSecrets secrets = AppSecrets.from(plain);
        assertEquals(new DatabaseCredentials("app", "pw"), secrets.databaseCredentials().get());
        assertEquals(List.of("whsec_local_development_only"), secrets.webhookSecrets().get());
    }
}
