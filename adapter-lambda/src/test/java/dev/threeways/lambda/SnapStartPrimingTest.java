package dev.threeways.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.PostgresWire;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TcpProxy;
import dev.threeways.core.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SnapStart hook as deployed (PostgreSQL, SQS): before the snapshot it reads from both dependencies
 * through their real clients — seen on the wire — writes and sends nothing, and leaves no socket open.
 */
class SnapStartPrimingTest {
    @BeforeAll
    static void credentialsTheSdkChainFinds() {
        // what the function's environment variables give the default chain in Lambda
        System.setProperty("aws.accessKeyId", "x");
        System.setProperty("aws.secretAccessKey", "x");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void primingReadsFromTheDatabaseAndTheQueueWritesNothingAndClosesTheConnection() throws Exception {
        ElasticMq mq = ElasticMq.shared();
        try (TestDatabase db = TestDatabase.postgres();
             TcpProxy database = TcpProxy.recording(db.address().getHostString(), db.address().getPort());
             TcpProxy sqs = TcpProxy.recording("127.0.0.1", mq.endpoint().getPort());
             var client = mq.client()) {
            String queueUrl = mq.queueWithDlq(client, "priming-" + System.nanoTime(), 30, 3);
            LambdaApp lambdaApp = LambdaApp.create(Map.of(
                    "DATABASE_URL", db.urlVia("127.0.0.1", database.port()),
                    "DATABASE_USER", db.user(), "DATABASE_PASSWORD", db.password(),
                    "STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET,
                    "QUEUE_URL", queueUrl,
                    "AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:" + sqs.port()));

            lambdaApp.priming().beforeCheckpoint(null);

            assertEquals(1, database.sentByClients().size(), "one database connection, opened by priming");
            PostgresWire wire = PostgresWire.read(database.sentByClients().getFirst());
            assertTrue(wire.statements().stream().anyMatch(s -> s.contains("FROM payments")),
                    "the driver ran a real read: " + wire.statements());
            assertTrue(wire.statements().stream().noneMatch(s -> s.matches("(?is)\\s*(INSERT|UPDATE|DELETE).*")),
                    "nothing written: " + wire.statements());
            assertFalse(lambdaApp.database().isOpen(), "no socket in the snapshot");
            String http = sqs.sentByClients().stream().map(b -> new String(b, StandardCharsets.ISO_8859_1))
                    .reduce("", String::concat);
            assertTrue(http.contains("GetQueueAttributes"), "a signed SQS read went out: " + http.lines().findFirst().orElse(""));
            assertTrue(http.contains("AWS4-HMAC-SHA256"), "through the SDK's signer");
            assertFalse(http.contains("SendMessage"), "nothing sent to the queue");
            assertEquals(0, ElasticMq.count(client, queueUrl, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
    }

    /**
     * A context that holds what is registered as the Lambda runtime's does: its
     * {@code com.amazonaws.services.lambda.crac.ContextImpl} keeps resources in a {@code WeakHashMap}.
     */
    private static final class WeakContext extends org.crac.Context<org.crac.Resource> {
        private final java.util.Map<org.crac.Resource, Boolean> registered = new java.util.WeakHashMap<>();

        @Override
        public void register(org.crac.Resource resource) {
            registered.put(resource, true);
        }

        @Override
        public void beforeCheckpoint(org.crac.Context<? extends org.crac.Resource> context) throws org.crac.CheckpointException {
            for (org.crac.Resource r : List.copyOf(registered.keySet())) {
                try {
                    r.beforeCheckpoint(this);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }

        @Override
        public void afterRestore(org.crac.Context<? extends org.crac.Resource> context) {}

        int size() {
            return registered.size();
        }
    }

    @Test
    void theHookSurvivesAGarbageCollectionBeforeTheCheckpointInAContextThatHoldsItWeakly() throws Exception {
        var snapshots = new WeakContext();
        LambdaApp lambdaApp = LambdaApp.create(Map.of(), snapshots);
        try (java.sql.Connection c = lambdaApp.database().getConnection()) {
            assertTrue(c.isValid(1));
        }
        awaitCollection();
        assertEquals(1, snapshots.size(), "still registered after a collection");
        snapshots.beforeCheckpoint(null);
        assertFalse(lambdaApp.database().isOpen(), "the hook ran at the checkpoint: no socket in the snapshot");
    }

    @Test
    void aHookNothingElseHoldsIsLostInSuchAContext() throws Exception {
        // what the registration was before LambdaApp kept its hook: proves the context above really lets go
        var snapshots = new WeakContext();
        LambdaApp lambdaApp = LambdaApp.create(Map.of(), new WeakContext());
        snapshots.register(new SnapStartPriming(lambdaApp));
        awaitCollection();
        assertEquals(0, snapshots.size(), "collected before any checkpoint: it would never have run");
    }

    private static void awaitCollection() throws InterruptedException {
        for (int i = 0; i < 10; i++) {
            System.gc();
            Thread.sleep(20);
        }
    }
}
