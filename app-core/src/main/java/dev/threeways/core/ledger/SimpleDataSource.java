package dev.threeways.core.ledger;

import dev.threeways.core.config.AppConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A connection per call, straight from the driver. Enough for the embedded default and tests; the
 * runtimes bring their own (a HikariCP pool on Fargate, one re-validated connection on Lambda).
 */
public final class SimpleDataSource extends DataSourceSupport {
    private final String url;
    private final String user;
    private final String password;

    public SimpleDataSource(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    @Override
    public String toString() {
        return "SimpleDataSource[" + AppConfig.withoutCredentials(url) + "]";
    }
}
