package dev.threeways.bench.ways;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.TestDatabase;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Against the real PostgreSQL the tests use: TLS as the stacks ask for it, and the server left as it was found. */
class PostgresTlsTest {
    @Test
    void theWaysReachPostgresWithTlsOrTheRunSaysWhyNot() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            String before = asFound(db);
            try (PostgresTls tls = PostgresTls.ensure(db.url(), db.user(), db.password())) {
                if (tls.enabled()) {
                    String url = tls.url(db.url());
                    assertTrue(url.endsWith("sslmode=require"), url);
                    try (var c = DriverManager.getConnection(url, db.user(), db.password()); Statement st = c.createStatement();
                         ResultSet rs = st.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
                        assertTrue(rs.next() && rs.getBoolean(1), "the connection the ways get is encrypted");
                    }
                    assertTrue(tls.describe().startsWith("TLS"), tls.describe());
                } else {
                    // as root with the server on this machine it must have worked; elsewhere it must say why not
                    assertFalse(isRoot() && db.url().contains("127.0.0.1"), "root with a local server gets TLS: " + tls.describe());
                    assertTrue(tls.describe().startsWith("without TLS: "), tls.describe());
                    assertEquals(db.url(), tls.url(db.url()), "no sslmode asked of a server without TLS");
                }
            }
            assertEquals(before, ssl(db), "the server's ssl setting is as it was found");
        }
    }

    @Test
    void tlsThatAStoppedRunLeftOnIsTurnedOffAfterTheNextRun() throws Exception {
        try (TestDatabase db = TestDatabase.postgres()) {
            String before = asFound(db);
            // the outer one stands for a run killed before its close: the inner run finds the server as it left it
            try (PostgresTls stopped = PostgresTls.ensure(db.url(), db.user(), db.password())) {
                try (PostgresTls next = PostgresTls.ensure(db.url(), db.user(), db.password())) {
                    assertEquals(stopped.enabled(), next.enabled(), next.describe());
                    if (before.equals("off") && stopped.enabled()) {
                        assertTrue(next.describe().contains("an earlier, stopped run"), next.describe());
                    }
                }
                assertEquals(before, ssl(db), "the next run gives the server back as the stopped one found it");
            }
        }
    }

    /** The server's own setting: TLS a killed run left on (its certificate) is off once any run has ended. */
    private static String asFound(TestDatabase db) throws SQLException {
        try (var c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_setting('ssl'), current_setting('ssl_cert_file')")) {
            rs.next();
            return rs.getString(1).equals("on") && rs.getString(2).equals(PostgresTls.CERT) ? "off" : rs.getString(1);
        }
    }

    private static String ssl(TestDatabase db) throws SQLException {
        try (var c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW ssl")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
