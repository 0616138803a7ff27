package dev.threeways.lambda;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.queue.QueuedWebhook;
import dev.threeways.core.queue.SqsWebhookQueue;
import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TcpProxy;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.core.testing.Waits;
import dev.threeways.lambdalocal.LambdaLocal;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The queue function under the real runtime client, fed the way the event source mapping feeds it, while
 * its database is unreachable for longer than the queue's receive count × visibility timeout: no valid
 * event reaches the DLQ, and every one is applied once the database is back. The retry waits are the
 * shipped ones (5 s, doubling).
 */
class QueueHandlerOutageIT {
    private static final ElasticMq elasticMq = ElasticMq.shared();
    private static final SqsClient sqs = elasticMq.client();
    private static final int EVENTS = 6;

    @Test
    void anOutageLongerThanReceiveCountTimesVisibilitySendsNothingToTheDlq() throws Exception {
        try (TestDatabase db = TestDatabase.postgres();
             TcpProxy proxy = TcpProxy.to(db.address().getHostString(), db.address().getPort())) {
            // the DLQ takes a message on its 3rd receive; a failed record comes back after 2 s
            String url = elasticMq.queueWithDlq(sqs, "lambda-outage", 2, 2);
            var producer = new SqsWebhookQueue(sqs, url, 262_144);
            for (int i = 0; i < EVENTS; i++) {
                producer.send(new QueuedWebhook("evt_o" + i, "payment_intent.succeeded", "pi_o" + i,
                        bytes(paymentIntent("evt_o" + i, "payment_intent.succeeded", 1, "pi_o" + i, 10, 10, "succeeded"))));
            }
            Map<String, String> env = Map.of(
                    "DATABASE_URL", db.urlVia("127.0.0.1", proxy.port()) + "&connectTimeout=2",
                    "DATABASE_USER", db.user(),
                    "DATABASE_PASSWORD", db.password(),
                    "STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET,
                    "QUEUE_URL", url,
                    "AWS_ACCESS_KEY_ID", "x",
                    "AWS_SECRET_ACCESS_KEY", "x",
                    "AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString());
            try (LambdaLocal fn = LambdaFunctions.function("dev.threeways.lambda.QueueHandler::handleRequest",
                    LambdaFunctions.artifactClasspath(), env).build()) {
                var eventSource = new SqsEventSource(sqs, url, fn);
                proxy.cut();
                long outageEnds = System.nanoTime() + Duration.ofSeconds(12).toNanos();
                int handedOver = 0;
                while (System.nanoTime() < outageEnds) {
                    handedOver += eventSource.pollOnce();
                }
                assertEquals(0, Sql.count(db.dataSource(), "webhook_events"), "nothing applied while down");
                assertEquals(0, ElasticMq.count(sqs, url + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                        "12 s down, > 2 receives × 2 s visibility: yet no valid event in the DLQ");
                assertTrue(handedOver > EVENTS, "the events were retried during the outage: "
                        + handedOver);

                proxy.restore();
                Waits.until("every event applied", Duration.ofSeconds(90), () -> {
                    eventSource.pollOnce();
                    return Sql.queryLong(db.dataSource(), "SELECT COUNT(*) FROM ledger_entries") == EVENTS;
                });
                assertEquals(0, ElasticMq.count(sqs, url + "-dlq", QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
                assertEquals(EVENTS, Sql.count(db.dataSource(), "webhook_events"));
            }
        }
    }
}
