package dev.threeways.core.ledger;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.config.DatabaseTimeouts;
import dev.threeways.core.secrets.AppSecrets;
import dev.threeways.core.secrets.DatabaseCredentials;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * A connection per call, straight from the driver. Enough for the embedded default, tests and a
 * migration; the container runtimes put a HikariCP pool in front of it, Lambda keeps one re-validated
 * connection. Every connection to PostgreSQL gets the configured timeouts and is kept fit for RDS Proxy
 * (see {@link #postgresProperties}).
 */
public final class SimpleDataSource extends DataSourceSupport {
    private final String url;
    private final Supplier<DatabaseCredentials> credentials;
    private final DatabaseTimeouts timeouts;

    public SimpleDataSource(String url, String user, String password) {
        this(url, () -> new DatabaseCredentials(user, password), DatabaseTimeouts.defaults());
    }

    /** Credentials asked for on every connect, so a new connection follows a rotated password. */
    public SimpleDataSource(String url, Supplier<DatabaseCredentials> credentials, DatabaseTimeouts timeouts) {
        this.url = url;
        this.credentials = credentials;
        this.timeouts = timeouts;
    }

    /** The configured database, with the credentials {@code secrets} hold now and after a rotation. */
    public static SimpleDataSource of(AppConfig config, AppSecrets secrets) {
        return new SimpleDataSource(config.databaseUrl(), secrets.databaseCredentials(), config.databaseTimeouts());
    }

    @Override
    public Connection getConnection() throws SQLException {
        DatabaseCredentials current = credentials.get();
        var properties = new Properties();
        properties.setProperty("user", current.user());
        properties.setProperty("password", current.password());
        if (url.startsWith("jdbc:postgresql:")) {
            postgresProperties(properties);
        }
        return DriverManager.getConnection(url, properties);
    }

    /**
     * pgjdbc's properties; a parameter in the URL still wins over them.
     * <ul>
     *   <li>{@code loginTimeout}: HikariCP sets its connection timeout on the data source; otherwise the
     *       configured connect timeout. pgjdbc bounds the connect, TLS and authentication by it.</li>
     *   <li>{@code socketTimeout}: a read from a server that went away fails instead of hanging.</li>
     *   <li>{@code prepareThreshold=0}: pgjdbc turns a statement into a named server-side prepared
     *       statement on its fifth use on a connection, and RDS Proxy pins a client that prepares named
     *       statements to one database connection for the rest of its session, which ends the
     *       multiplexing the proxy is there for. Unnamed statements cost a parse per execution — these
     *       are single-row statements.</li>
     *   <li>{@code assumeMinServerVersion}: without it pgjdbc sends {@code SET application_name} after
     *       connecting, and a SET pins as well; with it the name goes in the startup message.</li>
     * </ul>
     */
    private void postgresProperties(Properties properties) {
        long connectSeconds = timeouts.connect().toSeconds();
        properties.setProperty("connectTimeout", String.valueOf(connectSeconds));
        properties.setProperty("loginTimeout", String.valueOf(getLoginTimeout() > 0 ? getLoginTimeout() : connectSeconds));
        properties.setProperty("socketTimeout", String.valueOf(timeouts.socket().toSeconds()));
        properties.setProperty("prepareThreshold", "0");
        properties.setProperty("assumeMinServerVersion", "9.4");
        properties.setProperty("ApplicationName", "three-ways");
    }

    @Override
    public String toString() {
        return "SimpleDataSource[" + AppConfig.withoutCredentials(url) + "]";
    }
}
