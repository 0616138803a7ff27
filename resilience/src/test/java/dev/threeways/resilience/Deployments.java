package dev.threeways.resilience;

import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.StripeEvents;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Each way wired as the CDK app wires it — App Runner applies webhooks in the request; Fargate and
 * Lambda put them on the queue and a consumer applies them — with every other setting at its shipped
 * default. The queue has the data stack's visibility timeout (60 s) and receive count (5). The parity
 * suite wires its ways with the same settings.
 */
public final class Deployments {
    static final int QUEUE_VISIBILITY_SECONDS = 60;
    static final int QUEUE_MAX_RECEIVES = 5;
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private Deployments() {}

    /** Only what connects the process to its dependencies; nothing that changes behaviour. */
    public static Map<String, String> wiring(String databaseUrl) {
        var env = new HashMap<String, String>();
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_USER", "postgres");
        env.put("DATABASE_PASSWORD", "");
        // the deploy migrates before any runtime starts (the data stack's trigger); so does the suite
        env.put("DATABASE_MIGRATE_ON_START", "false");
        env.put("STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET);
        // deployed, READ_API_TOKENS_ID names the generated secret; the value is what matters here
        env.put("READ_API_TOKENS", Reads.TOKEN);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "x");
        env.put("AWS_SECRET_ACCESS_KEY", "x");
        return env;
    }

    public static Map<String, String> withQueue(Map<String, String> wiring, URI sqsEndpoint, String queueUrl) {
        var env = new HashMap<>(wiring);
        env.put("QUEUE_URL", queueUrl);
        env.put("AWS_ENDPOINT_URL_SQS", sqsEndpoint.toString());
        return env;
    }

    /** A shipped jar, named by a system property failsafe sets. */
    public static Path jar(String property) {
        String jar = System.getProperty(property);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("system property " + property + " must name the built jar (run through "
                    + "'./mvnw verify', which builds it first); got " + jar);
        }
        return Path.of(jar);
    }

    public static String queue(ElasticMq sqs, SqsClient client, String purpose) {
        return sqs.queueWithDlq(client, purpose + "-" + QUEUES.incrementAndGet() + "-" + System.nanoTime(),
                QUEUE_VISIBILITY_SECONDS, QUEUE_MAX_RECEIVES);
    }

    public static ServerWay appRunner(String databaseUrl) throws Exception {
        return ServerWay.start("App Runner", "apprunner.jar", wiring(databaseUrl));
    }

    public static ServerWay fargate(String databaseUrl, URI sqsEndpoint, String queueUrl) throws Exception {
        return ServerWay.start("Fargate", "fargate.jar", withQueue(wiring(databaseUrl), sqsEndpoint, queueUrl), "serve");
    }

    public static LambdaWay lambda(String databaseUrl, URI sqsEndpoint, SqsClient client, String queueUrl) {
        var env = withQueue(wiring(databaseUrl), sqsEndpoint, queueUrl);
        env.remove("AWS_REGION"); // the runtime sets it, as Lambda does
        return LambdaWay.start(env, client, queueUrl);
    }
}
