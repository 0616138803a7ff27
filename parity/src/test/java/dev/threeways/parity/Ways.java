package dev.threeways.parity;

import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.lambda.LambdaFunctions;
import dev.threeways.lambda.SqsEventSource;
import dev.threeways.lambdalocal.HttpApiGateway;
import dev.threeways.lambdalocal.InvokeEndpoint;
import dev.threeways.lambdalocal.LambdaLocal;
import dev.threeways.resilience.Deployments;
import dev.threeways.server.testing.JarProcess;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts each way as the CDK app wires it ({@link Deployments}: App Runner applies webhooks in the request;
 * Fargate and Lambda put them on SQS — here ElasticMQ — and their consumer applies them), every other setting at
 * its shipped default, each on a migrated schema of its own in the tests' PostgreSQL, so the same payment ids
 * can be sent to every way and the answers compared.
 */
final class Ways {
    static final String HTTP_HANDLER = "dev.threeways.lambda.HttpApiStreamHandler::handleRequest";
    static final String QUEUE_HANDLER = "dev.threeways.lambda.QueueHandler::handleRequest";

    private Ways() {}

    static Way start(Way.Kind kind, ElasticMq sqs, SqsClient client) throws Exception {
        TestDatabase db = TestDatabase.postgres();
        Map<String, String> wiring = Deployments.wiring(db.url());
        return switch (kind) {
            case APP_RUNNER -> server(kind, "apprunner.jar", wiring, db);
            case FARGATE -> server(kind, "fargate.jar", Deployments.withQueue(wiring, sqs.endpoint(),
                    Deployments.queue(sqs, client, "parity-fargate")), db, "serve");
            case LAMBDA_INVOKE, LAMBDA_HTTP_API -> lambda(kind, wiring, sqs, client, db);
        };
    }

    private static Way server(Way.Kind kind, String jarProperty, Map<String, String> env, TestDatabase db, String... args)
            throws Exception {
        JarProcess process = JarProcess.start(Deployments.jar(jarProperty), env, kind.name().toLowerCase(java.util.Locale.ROOT), args);
        try {
            process.awaitFirst200("/healthz", Duration.ofSeconds(60));
        } catch (Exception e) {
            process.close();
            db.close();
            throw e;
        }
        return new HttpWay(kind, process.port(), process::log, () -> {
            process.close();
            db.close();
        });
    }

    /** The HTTP function and the queue function, with the event source mapping between the queue and the latter. */
    private static Way lambda(Way.Kind kind, Map<String, String> wiring, ElasticMq sqs, SqsClient client, TestDatabase db) {
        String queueUrl = Deployments.queue(sqs, client, "parity-" + kind.name().toLowerCase(java.util.Locale.ROOT));
        var env = new java.util.HashMap<>(Deployments.withQueue(wiring, sqs.endpoint(), queueUrl));
        env.remove("AWS_REGION"); // the runtime sets it, as Lambda does
        LambdaLocal http = LambdaFunctions.function(HTTP_HANDLER, LambdaFunctions.artifactClasspath(), env).build();
        LambdaLocal queue = LambdaFunctions.function(QUEUE_HANDLER, LambdaFunctions.artifactClasspath(), env).build();
        AutoCloseable mapping = new SqsEventSource(client, queueUrl, queue).running();
        var loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        java.util.function.Supplier<String> logs = () -> {
            var all = new StringBuilder();
            for (LambdaLocal fn : new LambdaLocal[] {http, queue}) {
                fn.environments().forEach(e -> all.append(fn.environmentLog(e.id())));
            }
            return all.toString();
        };
        if (kind == Way.Kind.LAMBDA_HTTP_API) {
            HttpApiGateway gateway = HttpApiGateway.start(http, loopback);
            return new HttpWay(kind, gateway.port(), logs, () -> stop(gateway, mapping, http, queue, db));
        }
        InvokeEndpoint endpoint = InvokeEndpoint.start(http, loopback);
        return new InvokeWay(endpoint.invocationsUri(), logs, () -> stop(endpoint, mapping, http, queue, db));
    }

    private static void stop(AutoCloseable... parts) throws Exception {
        for (AutoCloseable part : parts) {
            part.close();
        }
    }
}
