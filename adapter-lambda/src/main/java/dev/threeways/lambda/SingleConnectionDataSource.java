package dev.threeways.lambda;

import dev.threeways.core.ledger.DataSourceSupport;
import dev.threeways.core.ledger.SimpleDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * One database connection per execution environment, the Lambda way: an environment serves one
 * invocation at a time, so a pool would only hold idle connections against RDS Proxy. The connection
 * is checked before each use, since a frozen environment may wake up hours later to a connection the
 * proxy has long closed; callers' {@code close()} leaves it open for the next invocation.
 */
public final class SingleConnectionDataSource extends DataSourceSupport {
    private final DataSource connector;
    private final int validationSeconds;
    private Connection connection;

    public SingleConnectionDataSource(String url, String user, String password, int validationSeconds) {
        this(new SimpleDataSource(url, user, password), validationSeconds);
    }

    /**
     * @param connector opens the connection when there is none or it died: a {@link SimpleDataSource}, so
     *                  a reconnect follows a rotated password and has the configured connect and read timeouts
     */
    public SingleConnectionDataSource(DataSource connector, int validationSeconds) {
        this.connector = connector;
        this.validationSeconds = validationSeconds;
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
        if (connection == null || !connection.isValid(validationSeconds)) {
            closeConnection();
            connection = connector.getConnection();
        }
        Connection shared = connection;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        // what the caller left unfinished must not leak into the next invocation
                        if (!shared.getAutoCommit()) {
                            shared.rollback();
                        }
                        return null;
                    }
                    try {
                        return method.invoke(shared, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** Closes the connection (before a SnapStart snapshot); the next use opens a fresh one. */
    public synchronized void closeConnection() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // it is being replaced anyway
            }
            connection = null;
        }
    }

    synchronized boolean isOpen() {
        return connection != null;
    }
}
