package dev.threeways.core.ledger;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.secrets.DatabaseCredentials;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * A connection per call, straight from the driver. Enough for the embedded default, tests and a
 * migration; the container runtimes put a HikariCP pool in front of it, Lambda keeps one re-validated
 * connection.
 */
public final class SimpleDataSource extends DataSourceSupport {
    private final String url;
    private final Supplier<DatabaseCredentials> credentials;

    public SimpleDataSource(String url, String user, String password) {
        this(url, () -> new DatabaseCredentials(user, password));
    }

    /** Credentials asked for on every connect, so a new connection follows a rotated password. */
    public SimpleDataSource(String url, Supplier<DatabaseCredentials> credentials) {
        this.url = url;
        this.credentials = credentials;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DatabaseCredentials current = credentials.get();
        var properties = new java.util.Properties();
        properties.setProperty("user", current.user());
        properties.setProperty("password", current.password());
        // HikariCP sets its connection timeout here; pgjdbc bounds the connect and the TLS and auth handshake by it
        if (getLoginTimeout() > 0) {
            properties.setProperty("loginTimeout", String.valueOf(getLoginTimeout()));
        }
        return DriverManager.getConnection(url, properties);
    }

    @Override
    public String toString() {
        return "SimpleDataSource[" + AppConfig.withoutCredentials(url) + "]";
    }
}
