package dev.threeways.resilience;

import dev.threeways.core.testing.ElasticMq;
import java.net.ServerSocket;
import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * An SQS-compatible server (ElasticMQ) on a fixed port that a test can stop, as an outage of the queue
 * service, and start again at the same address. ElasticMQ keeps queues and messages in memory: a restart
 * forgets both, where SQS would keep them, so the suite recreates the queues and stops the server only
 * while its queue is drained.
 */
final class RestartableSqs implements AutoCloseable {
    private final int port;
    private SQSRestServer server;

    private RestartableSqs(int port) {
        this.port = port;
    }

    static RestartableSqs start() throws Exception {
        int port;
        try (var s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var sqs = new RestartableSqs(port);
        sqs.up();
        return sqs;
    }

    synchronized void up() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).start();
        server.waitUntilStarted();
    }

    synchronized void down() {
        server.stopAndWait();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    SqsClient client() {
        return SqsClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** The queue and its DLQ as the data stack makes them; the same URL after a restart. */
    String queue(SqsClient client, String name) {
        return ElasticMq.queueWithDlq(client, name, Deployments.QUEUE_VISIBILITY_SECONDS, Deployments.QUEUE_MAX_RECEIVES);
    }

    @Override
    public synchronized void close() {
        try {
            server.stopAndWait();
        } catch (RuntimeException alreadyDown) {
            // stopped by the test
        }
    }
}
