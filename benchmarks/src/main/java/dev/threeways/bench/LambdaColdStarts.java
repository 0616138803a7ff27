package dev.threeways.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.UUID;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionConfigurationResponse;

/**
 * Forces a deployed function's next invoke to be a cold start the way AWS documents it: change the
 * function's configuration (here an environment variable with a new value), publish a version of
 * it, and point the alias the API calls at that version. Every environment of the old version is
 * left behind, so the next request meets a new one — with SnapStart, a restore from the new
 * version's snapshot. The function drifts from its stack until the next {@code cdk deploy}, which
 * puts the configuration and the alias back.
 */
final class LambdaColdStarts implements AutoCloseable {
    /** The variable whose new value makes each configuration, and so each version, new. */
    static final String NONCE_VARIABLE = "THREE_WAYS_BENCH_COLD_START";
    /** Publishing with SnapStart takes a snapshot; that can take minutes. */
    static final Duration VERSION_READY_TIMEOUT = Duration.ofMinutes(10);

    private final LambdaClient lambda;

    LambdaColdStarts(LambdaClient lambda) {
        this.lambda = lambda;
    }

    /** A client from the default chains (region, credentials, and AWS_ENDPOINT_URL_LAMBDA if set). */
    static LambdaColdStarts fromEnvironment() {
        return new LambdaColdStarts(LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build());
    }

    /** Makes a new version of {@code function} and points {@code alias} at it; returns the version. */
    String newVersionBehind(String function, String alias) {
        GetFunctionConfigurationResponse current = lambda.getFunctionConfiguration(r -> r.functionName(function));
        var variables = new HashMap<String, String>();
        if (current.environment() != null && current.environment().variables() != null) {
            variables.putAll(current.environment().variables());
        }
        variables.put(NONCE_VARIABLE, UUID.randomUUID().toString());
        lambda.updateFunctionConfiguration(r -> r.functionName(function).environment(e -> e.variables(variables)));
        lambda.waiter().waitUntilFunctionUpdatedV2(r -> r.functionName(function),
                w -> w.waitTimeout(VERSION_READY_TIMEOUT));
        String version = lambda.publishVersion(r -> r.functionName(function)
                .description("three-ways-bench remote: a forced cold start")).version();
        lambda.waiter().waitUntilPublishedVersionActive(r -> r.functionName(function).qualifier(version),
                w -> w.waitTimeout(VERSION_READY_TIMEOUT));
        lambda.updateAlias(r -> r.functionName(function).name(alias).functionVersion(version));
        return version;
    }

    @Override
    public void close() {
        lambda.close();
    }
}
