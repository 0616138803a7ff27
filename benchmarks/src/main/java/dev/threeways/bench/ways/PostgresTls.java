package dev.threeways.bench.ways;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * TLS between the ways and PostgreSQL, as every stack deploys it ({@code sslmode=require}): a handshake
 * per new connection and encryption on every round trip are part of what a webhook costs.
 *
 * <p>A server with TLS on is used as it is. One with TLS off is turned on for the run when the harness
 * connects as a superuser and may make the key private — a self-signed certificate made with the JDK's
 * {@code keytool}, written into the server's data directory through SQL ({@code COPY ... TO}, so the
 * server's own user owns it), the key then made readable by that user alone (PostgreSQL refuses a key
 * others may read, and COPY writes files others may read: that step needs the server on this machine and
 * root), {@code ssl = on} and a reload — and turned off again afterwards. Whether it took is checked with a
 * real {@code sslmode=require} connection. Otherwise the run goes on without TLS and the report says so.
 */
public final class PostgresTls implements AutoCloseable {
    static final String CERT = "three-ways-bench-server.crt";
    static final String KEY = "three-ways-bench-server.key";

    private final Server admin;
    private final boolean turnedOn;
    private final String how;
    private final Thread onExit;

    /** How to reach the server as the harness does. */
    record Server(String url, String user, String password) {
        Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        Server withTls() {
            return new Server(url + (url.contains("?") ? "&" : "?") + "sslmode=require", user, password);
        }
    }

    private PostgresTls(Server admin, boolean turnedOn, String how) {
        this.admin = admin;
        this.turnedOn = turnedOn;
        this.how = how;
        // a harness stopped with Ctrl-C or kill still gives the server its settings back
        this.onExit = turnedOn ? new Thread(() -> reset(admin), "postgres-tls-reset") : null;
        if (onExit != null) {
            Runtime.getRuntime().addShutdownHook(onExit);
        }
    }

    /** Makes sure the server speaks TLS if it can be; {@link #enabled} says whether it does. */
    public static PostgresTls ensure(String url, String user, String password) {
        Server admin = new Server(url, user, password);
        try (Connection c = admin.connect(); Statement st = c.createStatement()) {
            if (show(st, "ssl").equals("on") && answersWithTls(admin)) {
                if (show(st, "ssl_cert_file").equals(CERT)) {
                    // a run that was killed left it on: this one turns it off, as that one would have
                    return new PostgresTls(admin, true, "TLS (sslmode=require; a self-signed certificate an earlier, stopped"
                            + " run turned on, and off again after this one)");
                }
                return new PostgresTls(admin, false, "TLS (sslmode=require; the server's own certificate)");
            }
            if (!superuser(st)) {
                return new PostgresTls(admin, false, "without TLS: the server has ssl off and the harness is not a superuser"
                        + " to turn it on (the stacks use sslmode=require: the figures lack its handshake and encryption)");
            }
            Path dataDirectory = Path.of(show(st, "data_directory"));
            SelfSigned pem = SelfSigned.make();
            writeFile(st, dataDirectory.resolve(CERT), pem.certificate());
            writeFile(st, dataDirectory.resolve(KEY), pem.privateKey());
            try {
                Files.setPosixFilePermissions(dataDirectory.resolve(KEY), PosixFilePermissions.fromString("rw-------"));
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return new PostgresTls(admin, false, "without TLS: the server has ssl off, and its key file could not be"
                        + " made private from here (the server is not on this machine, or this is not root: " + e + ")");
            }
            st.execute("ALTER SYSTEM SET ssl_cert_file = '" + CERT + "'");
            st.execute("ALTER SYSTEM SET ssl_key_file = '" + KEY + "'");
            st.execute("ALTER SYSTEM SET ssl = on");
            st.execute("SELECT pg_reload_conf()");
        } catch (SQLException | IOException | GeneralSecurityException e) {
            return new PostgresTls(admin, false, "without TLS: turning it on failed (" + e.getMessage() + ")");
        }
        // SHOW ssl says on even when the reload refused the key: only a connection that asks for TLS tells
        for (int i = 0; i < 50; i++) {
            if (answersWithTls(admin)) {
                return new PostgresTls(admin, true, "TLS (sslmode=require; turned on for this run with a self-signed"
                        + " certificate, and off again after it)");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        reset(admin);
        return new PostgresTls(admin, false, "without TLS: the server did not take the certificate (see its log)");
    }

    private static boolean answersWithTls(Server admin) {
        try (Connection tls = admin.withTls().connect(); Statement check = tls.createStatement();
             ResultSet ssl = check.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            return ssl.next() && ssl.getBoolean(1);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether connections can ask for {@code sslmode=require}. */
    public boolean enabled() {
        return how.startsWith("TLS");
    }

    /** In words, for the report. */
    public String describe() {
        return how;
    }

    /** {@code url} with the stacks' {@code sslmode=require} when TLS is on. */
    public String url(String url) {
        if (!enabled()) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "sslmode=require";
    }

    private static String show(Statement st, String setting) throws SQLException {
        try (ResultSet rs = st.executeQuery("SHOW " + setting)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static boolean superuser(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")) {
            return rs.next() && rs.getBoolean(1);
        }
    }

    /** One row a line: COPY's text format escapes no character a PEM file holds. */
    private static void writeFile(Statement st, Path file, String pem) throws SQLException {
        var lines = new ArrayList<String>();
        for (String line : pem.split("\n")) {
            lines.add("('" + line + "', " + lines.size() + ")");
        }
        st.execute("COPY (SELECT line FROM (VALUES " + String.join(", ", lines) + ") AS pem(line, n) ORDER BY n) TO '"
                + file.toString().replace("'", "''") + "'");
    }

    private static void reset(Server admin) {
        try (Connection c = admin.connect(); Statement st = c.createStatement()) {
            st.execute("ALTER SYSTEM RESET ssl");
            st.execute("ALTER SYSTEM RESET ssl_cert_file");
            st.execute("ALTER SYSTEM RESET ssl_key_file");
            st.execute("SELECT pg_reload_conf()");
        } catch (SQLException e) {
            // the server went away: its configuration is as the run left it, and says so in postgresql.auto.conf
        }
    }

    /** Turns TLS off again if this run turned it on. */
    @Override
    public void close() {
        if (turnedOn) {
            reset(admin);
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs, and resets again, harmlessly
            }
        }
    }

    /** A key and a self-signed certificate for "localhost", as PEM. */
    record SelfSigned(String certificate, String privateKey) {
        static SelfSigned make() throws IOException, GeneralSecurityException {
            Path dir = Files.createTempDirectory("three-ways-pg-tls");
            Path store = dir.resolve("server.p12");
            char[] password = "three-ways".toCharArray();
            try {
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=localhost", "-validity", "3650", "-storetype", "PKCS12",
                        "-keystore", store.toString(), "-storepass", new String(password)).redirectErrorStream(true).start();
                String out = new String(keytool.getInputStream().readAllBytes());
                if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
                    throw new IOException("keytool failed: " + out);
                }
                KeyStore ks = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    ks.load(in, password);
                }
                Certificate certificate = ks.getCertificate("server");
                PrivateKey key = (PrivateKey) ks.getKey("server", password);
                return new SelfSigned(pem("CERTIFICATE", certificate.getEncoded()), pem("PRIVATE KEY", key.getEncoded()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while making a certificate", e);
            } finally {
                Files.deleteIfExists(store);
                Files.deleteIfExists(dir);
            }
        }

        static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }
}
