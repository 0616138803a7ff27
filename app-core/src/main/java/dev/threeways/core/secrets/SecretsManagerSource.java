package dev.threeways.core.secrets;

import dev.threeways.core.config.AppConfig;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** {@code GetSecretValue}, with the same small URLConnection client and short time limits as the queue's. */
public final class SecretsManagerSource implements SecretSource, AutoCloseable {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

    private final SecretsManagerClient client;

    public SecretsManagerSource(SecretsManagerClient client) {
        this.client = client;
    }

    public static SecretsManagerSource create(AppConfig config) {
        var builder = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(CALL_TIMEOUT)
                        .build())
                .region(Region.of(config.awsRegion()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(o -> o.apiCallTimeout(CALL_TIMEOUT));
        config.secretsEndpoint().ifPresent(builder::endpointOverride);
        return new SecretsManagerSource(builder.build());
    }

    @Override
    public String read(String secretId) {
        try {
            String value = client.getSecretValue(r -> r.secretId(secretId)).secretString();
            if (value == null) {
                throw new SecretException("secret " + secretId + " has no string value", null);
            }
            return value;
        } catch (SdkException e) {
            throw new SecretException("cannot read secret " + secretId + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
