package dev.threeways.parity;

import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.lambdalocal.HttpApiGateway;
import dev.threeways.lambdalocal.InvokeEndpoint;
import dev.threeways.resilience.Deployments;
import dev.threeways.resilience.LambdaWay;
import dev.threeways.resilience.ServerWay;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts each way as the resilience suite does ({@link Deployments}: as the CDK app wires it, every other
 * setting at its shipped default — App Runner applies webhooks in the request; Fargate and Lambda put them on
 * SQS, here ElasticMQ, and their consumer applies them), each on a migrated schema of its own in the tests'
 * PostgreSQL, so the same payment ids can be sent to every way and the answers compared. The Lambda columns put
 * their own front on the HTTP function: the invoke API, or the HTTP API.
 */
final class Ways {
    private Ways() {}

    static Way start(Way.Kind kind, ElasticMq sqs, SqsClient client) throws Exception {
        TestDatabase db = TestDatabase.postgres();
        String purpose = "parity-" + kind.name().toLowerCase(Locale.ROOT);
        try {
            return switch (kind) {
                case APP_RUNNER -> server(kind, Deployments.appRunner(db.url()), db);
                case FARGATE -> server(kind, Deployments.fargate(db.url(), sqs.endpoint(),
                        Deployments.queue(sqs, client, purpose)), db);
                case LAMBDA_INVOKE, LAMBDA_HTTP_API -> lambda(kind, Deployments.lambda(db.url(), sqs.endpoint(), client,
                        Deployments.queue(sqs, client, purpose)), db);
            };
        } catch (Exception | Error e) {
            db.close();
            throw e;
        }
    }

    private static Way server(Way.Kind kind, ServerWay server, TestDatabase db) {
        return new HttpWay(kind, server.process().port(), server::logs, () -> {
            server.close();
            db.close();
        });
    }

    private static Way lambda(Way.Kind kind, LambdaWay lambda, TestDatabase db) {
        var loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (kind == Way.Kind.LAMBDA_HTTP_API) {
            HttpApiGateway gateway = HttpApiGateway.start(lambda.http(), loopback);
            return new HttpWay(kind, gateway.port(), lambda::logs, () -> {
                gateway.close();
                lambda.close();
                db.close();
            });
        }
        InvokeEndpoint endpoint = InvokeEndpoint.start(lambda.http(), loopback);
        return new InvokeWay(endpoint.invocationsUri(), lambda::logs, () -> {
            endpoint.close();
            lambda.close();
            db.close();
        });
    }
}
