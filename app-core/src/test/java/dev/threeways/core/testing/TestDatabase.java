package dev.threeways.core.testing;

import dev.threeways.core.ledger.Migrations;
import dev.threeways.core.ledger.SimpleDataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * A migrated, empty schema of its own on a real PostgreSQL, for one test class. PostgreSQL is found in
 * this order: {@code TEST_JDBC_URL} (with {@code TEST_JDBC_USER}/{@code TEST_JDBC_PASSWORD}); the
 * server at 127.0.0.1:5432, database {@code test}; Testcontainers' PostgreSQL where Docker runs.
 * With none of them the test fails and says how to provide one: it never skips.
 */
public final class TestDatabase implements AutoCloseable {
    private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static Server server;

    private record Server(String url, String user, String password, String source) {}

    private final Server srv;
    private final String schema;
    private final String url;

    private TestDatabase(Server srv, String schema) {
        this.srv = srv;
        this.schema = schema;
        this.url = srv.url() + (srv.url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** A PostgreSQL URL where nothing listens: connecting fails within a second. */
    public static final String UNREACHABLE_URL = "jdbc:postgresql://127.0.0.1:1/none?connectTimeout=1";

    /** A data source whose database is down. */
    public static DataSource unreachable() {
        return new SimpleDataSource(UNREACHABLE_URL, "x", "");
    }

    /** A fresh schema with the app's migrations applied. */
    public static TestDatabase postgres() {
        TestDatabase db = emptyPostgres();
        Migrations.migrate(db.dataSource());
        return db;
    }

    /** A fresh, empty schema: for testing the migrations themselves. */
    public static TestDatabase emptyPostgres() {
        Server s = server();
        String schema = "t_" + Long.toHexString(System.currentTimeMillis()) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 20));
        try (Connection c = DriverManager.getConnection(s.url(), props(s.user(), s.password()));
             Statement st = c.createStatement()) {
            st.execute("CREATE SCHEMA " + schema);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test schema on " + s.source(), e);
        }
        return new TestDatabase(s, schema);
    }

    private static synchronized Server server() {
        if (server != null) {
            return server;
        }
        String explicit = System.getenv("TEST_JDBC_URL");
        if (explicit != null && !explicit.isBlank()) {
            server = new Server(explicit, env("TEST_JDBC_USER", "postgres"), env("TEST_JDBC_PASSWORD", ""),
                    "TEST_JDBC_URL=" + explicit);
            return server;
        }
        if (answers(LOCAL_URL, "postgres", "")) {
            server = new Server(LOCAL_URL, "postgres", "", "PostgreSQL at 127.0.0.1:5432/test");
            return server;
        }
        if (dockerAvailable()) {
            server = Containers.startPostgres();
            return server;
        }
        throw new IllegalStateException("""
                These tests need a real PostgreSQL and found none. Provide one of:
                  - TEST_JDBC_URL=jdbc:postgresql://host:port/db (plus TEST_JDBC_USER, TEST_JDBC_PASSWORD)
                  - a server on 127.0.0.1:5432 with a database 'test' that user 'postgres' may use
                    (Debian: apt-get install postgresql && pg_ctlcluster <version> main start;
                     then: psql -U postgres -c 'CREATE DATABASE test'), or run .ci/run, which starts it
                  - a running Docker engine, for Testcontainers' PostgreSQL""");
    }

    private static boolean answers(String url, String user, String password) {
        Properties p = props(user, password);
        p.setProperty("connectTimeout", "3");
        try (Connection c = DriverManager.getConnection(url, p)) {
            return c.isValid(3);
        } catch (SQLException e) {
            return false;
        }
    }

    private static boolean dockerAvailable() {
        try {
            return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Kept apart so the Testcontainers classes load only where Docker runs. */
    private static final class Containers {
        @SuppressWarnings("resource") // lives for the JVM; Testcontainers' reaper removes it
        static Server startPostgres() {
            var pg = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:16-alpine");
            pg.start();
            return new Server(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), "Testcontainers " + pg.getJdbcUrl());
        }
    }

    private static Properties props(String user, String password) {
        var p = new Properties();
        p.setProperty("user", user);
        p.setProperty("password", password);
        return p;
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    /** Which server this is, in words (for a report's "what was used" line). */
    public String source() {
        return srv.source();
    }

    public DataSource dataSource() {
        return new SimpleDataSource(url, srv.user(), srv.password());
    }

    public String url() {
        return url;
    }

    /** This schema's JDBC URL with host and port replaced, e.g. to go through a {@link TcpProxy}. */
    public String urlVia(String host, int port) {
        return url.replaceFirst("//[^/]+/", "//" + host + ":" + port + "/");
    }

    /** Host and port of the server, from its JDBC URL. */
    public java.net.InetSocketAddress address() {
        var m = java.util.regex.Pattern.compile("//([^:/]+)(?::(\\d+))?/").matcher(url);
        if (!m.find()) {
            throw new IllegalStateException("no host in " + url);
        }
        return java.net.InetSocketAddress.createUnresolved(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
    }

    public String user() {
        return srv.user();
    }

    public String password() {
        return srv.password();
    }

    public String schema() {
        return schema;
    }

    /** Counts the rows of {@code table} in this schema. */
    public long count(String table) {
        return Sql.count(dataSource(), table);
    }

    @Override
    public void close() {
        try (Connection c = DriverManager.getConnection(srv.url(), props(srv.user(), srv.password()));
             Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + schema.toLowerCase(Locale.ROOT) + " CASCADE");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test schema " + schema, e);
        }
    }
}
