package dev.threeways.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.Sql;
import dev.threeways.core.testing.TestDatabase;
import java.sql.Connection;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One connection per environment, on PostgreSQL: kept across invocations, replaced when the server dropped it. */
class SingleConnectionDataSourceTest {
    private static long backendPid(SingleConnectionDataSource ds) throws Exception {
        try (Connection c = ds.getConnection(); var st = c.createStatement(); var rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void keepsOneConnectionAndReopensItWhenTheServerDroppedIt() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            var ds = new SingleConnectionDataSource(db.url(), db.user(), db.password(), 1);
            long first = backendPid(ds);
            assertTrue(ds.isOpen(), "a caller's close() leaves it open for the next invocation");
            assertEquals(first, backendPid(ds), "the same connection serves the next use");

            // what RDS Proxy or an idle timeout does to a frozen environment's connection
            Sql.queryLong(db.dataSource(), "SELECT COUNT(*) FROM (SELECT pg_terminate_backend(" + first + ")) t");
            long second = backendPid(ds);
            assertNotEquals(first, second, "validated before use and reopened");

            ds.closeConnection();
            assertFalse(ds.isOpen());
            assertNotEquals(second, backendPid(ds));
            ds.closeConnection();
        }
    }

    @Test
    void whatACallerLeftUncommittedIsRolledBackOnClose() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            var ds = new SingleConnectionDataSource(db.url(), db.user(), db.password(), 1);
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try (var st = c.createStatement()) {
                    st.execute("INSERT INTO webhook_events (event_id, event_type, event_created, outcome) VALUES ('e', 't', 1, 'x')");
                }
            }
            assertEquals(0, Sql.count(db.dataSource(), "webhook_events"));
            ds.closeConnection();
        }
    }

    @Test
    void snapStartPrimingWritesNothingAndClosesTheConnection() throws Exception {
        LambdaApp lambdaApp = LambdaApp.create(Map.of());
        var priming = new SnapStartPriming(lambdaApp);
        openByUse(lambdaApp);
        assertTrue(lambdaApp.database().isOpen());
        priming.beforeCheckpoint(null);
        assertFalse(lambdaApp.database().isOpen(), "no socket in the snapshot");
        assertEquals(0, Sql.count(lambdaApp.database(), "webhook_events"), "priming has no side effects");
        assertEquals(0, Sql.count(lambdaApp.database(), "payments"));
        priming.afterRestore(null);
        assertEquals(200, lambdaApp.app().handler().handle(dev.threeways.core.http.HttpRequest.get("/readyz")).status(),
                "the connection reopens on first use after the restore");
    }

    private static void openByUse(LambdaApp lambdaApp) throws Exception {
        try (Connection c = lambdaApp.database().getConnection()) {
            assertTrue(c.isValid(1));
        }
    }
}
