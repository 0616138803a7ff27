package dev.threeways.lambda;

import static dev.threeways.core.testing.StripeEvents.paymentIntent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.testing.PostgresWire;
import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.TcpProxy;
import dev.threeways.core.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the Lambda way's one long-lived connection sends to PostgreSQL over many invocations, read off the
 * wire. RDS Proxy pins a client session to one database connection when it sees a SET or a named
 * prepared statement, and a pinned Lambda environment holds a database connection of its own: with many
 * environments the proxy's pool runs out, which is what the proxy is deployed to prevent.
 */
class RdsProxyPinningTest {
    private static final int INVOCATIONS = 40;

    @Test
    void webhooksAndReadsSendNoSetAndNoNamedStatementOverOneConnection() throws Exception {
        List<PostgresWire> connections = invokeThroughRecordingProxy("");
        assertEquals(1, connections.size(), "one connection serves every invocation");
        PostgresWire wire = connections.getFirst();
        assertTrue(wire.statements().size() >= INVOCATIONS * 3, "the applies went over this connection: " + wire.statements().size());
        List<String> sets = wire.statements().stream()
                .filter(q -> q.strip().toUpperCase(Locale.ROOT).startsWith("SET ")).toList();
        assertEquals(List.of(), sets, "no SET: each one pins the session");
        assertEquals(List.of(), wire.namedStatements(), "no named server-side prepared statement");
    }

    @Test
    void theWireReaderSeesTheNamedStatementsPgjdbcPreparesByDefault() throws Exception {
        // pgjdbc's own default, restored through the URL (which wins over the app's properties): proves the
        // reader above would see a pinning statement if the app sent one
        List<PostgresWire> connections = invokeThroughRecordingProxy("&prepareThreshold=5");
        assertFalse(connections.getFirst().namedStatements().isEmpty(),
                "pgjdbc's default prepares named statements after five uses");
    }

    private static List<PostgresWire> invokeThroughRecordingProxy(String urlSuffix) throws Exception {
        try (TestDatabase db = TestDatabase.postgres();
             TcpProxy proxy = TcpProxy.recording(db.address().getHostString(), db.address().getPort())) {
            LambdaApp lambdaApp = LambdaApp.create(Map.of(
                    "DATABASE_URL", db.urlVia("127.0.0.1", proxy.port()) + urlSuffix,
                    "DATABASE_USER", db.user(), "DATABASE_PASSWORD", db.password(),
                    "STRIPE_WEBHOOK_SECRETS", StripeEvents.SECRET, "READ_API_TOKENS", Reads.TOKEN));
            var handler = lambdaApp.app().handler();
            for (int i = 0; i < INVOCATIONS; i++) {
                String body = paymentIntent("evt_pin_" + i, "payment_intent.succeeded", 1_700_000_000L + i,
                        "pi_pin_" + i, 1000, 1000, "succeeded");
                int status = handler.handle(HttpRequest.of("POST", "/webhooks/stripe", StripeEvents.signed(body),
                        StripeEvents.bytes(body), "r" + i)).status();
                assertEquals(200, status);
                handler.handle(Reads.get("/payments/pi_pin_" + i));
            }
            lambdaApp.database().closeConnection();
            var connections = new ArrayList<PostgresWire>();
            proxy.sentByClients().forEach(bytes -> connections.add(PostgresWire.read(bytes)));
            return connections;
        }
    }
}
