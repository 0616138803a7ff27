package dev.threeways.core.secrets;

import dev.threeways.core.config.AppConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The app's secrets — the Stripe endpoint secret(s), the database credentials, the read API tokens: read from
 * Secrets Manager when their ids are configured (at start, then again after SECRETS_CACHE_SECONDS),
 * else taken from the plain settings (the embedded default, tests, a local PostgreSQL).
 */
public final class AppSecrets implements AutoCloseable {
    private final Supplier<List<String>> webhookSecrets;
    private final Supplier<DatabaseCredentials> databaseCredentials;
    private final Supplier<List<String>> readApiTokens;
    private final Optional<AutoCloseable> client;

    public AppSecrets(Supplier<List<String>> webhookSecrets, Supplier<DatabaseCredentials> databaseCredentials,
                      Supplier<List<String>> readApiTokens, Optional<AutoCloseable> client) {
        this.webhookSecrets = webhookSecrets;
        this.databaseCredentials = databaseCredentials;
        this.readApiTokens = readApiTokens;
        this.client = client;
    }

    /** From the configuration; a Secrets Manager client only when a secret id is set. */
    public static AppSecrets from(AppConfig config) {
        if (config.databaseSecretId().isEmpty() && config.webhookSecretsId().isEmpty() && config.readApiTokensId().isEmpty()) {
            return fromSettings(config);
        }
        SecretsManagerSource source = SecretsManagerSource.create(config);
        try {
            return from(config, source, Optional.of(source));
        } catch (RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** With another source (a test's); nothing is closed. */
    public static AppSecrets from(AppConfig config, SecretSource source) {
        return from(config, source, Optional.empty());
    }

    private static AppSecrets from(AppConfig config, SecretSource source, Optional<AutoCloseable> client) {
        Supplier<List<String>> webhook = config.webhookSecretsId()
                .<Supplier<List<String>>>map(id -> CachedSecret.read(source, id,
                        value -> commaSeparated(id, value, "Stripe endpoint secret"), config.secretsCacheTtl()))
                .orElseGet(() -> config::requireWebhookSecrets);
        Supplier<DatabaseCredentials> database = config.databaseSecretId()
                .<Supplier<DatabaseCredentials>>map(id -> CachedSecret.read(source, id,
                        value -> DatabaseCredentials.fromRdsSecret(id, value), config.secretsCacheTtl()))
                .orElseGet(() -> constant(new DatabaseCredentials(config.databaseUser(), config.databasePassword())));
        Supplier<List<String>> readTokens = config.readApiTokensId()
                .<Supplier<List<String>>>map(id -> CachedSecret.onFirstUse(source, id,
                        value -> commaSeparated(id, value, "read API token"), config.secretsCacheTtl()))
                .orElseGet(() -> constant(config.readApiTokens()));
        return new AppSecrets(webhook, database, readTokens, client);
    }

    /** The plain settings only; the webhook secret is not required (a migration or a job verifies nothing). */
    public static AppSecrets fromSettings(AppConfig config) {
        var database = new DatabaseCredentials(config.databaseUser(), config.databasePassword());
        return new AppSecrets(config::requireWebhookSecrets, constant(database), constant(config.readApiTokens()),
                Optional.empty());
    }

    private static List<String> commaSeparated(String secretId, String value, String what) {
        List<String> secrets = Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (secrets.isEmpty()) {
            throw new SecretException("secret " + secretId + " holds no " + what, null);
        }
        return secrets;
    }

    private static <T> Supplier<T> constant(T value) {
        return () -> value;
    }

    public Supplier<List<String>> webhookSecrets() {
        return webhookSecrets;
    }

    public Supplier<DatabaseCredentials> databaseCredentials() {
        return databaseCredentials;
    }

    /** The bearer tokens that may read payments; empty when none is configured (reads closed). */
    public Supplier<List<String>> readApiTokens() {
        return readApiTokens;
    }

    @Override
    public void close() {
        client.ifPresent(c -> {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing an HTTP client at exit; nothing left to do about it
            }
        });
    }
}
