package dev.threeways.core.config;

import java.time.Duration;

/**
 * How long the JDBC driver may wait on the database. Without them a connect to a dropped route or a
 * read from a server that vanished mid-statement blocks for the operating system's TCP timeouts —
 * minutes — holding a thread, a pooled connection or a whole Lambda invocation.
 *
 * @param connect TCP connect, TLS handshake and authentication together
 * @param socket  any one read from the server, so the longest a statement may run
 */
public record DatabaseTimeouts(Duration connect, Duration socket) {
    /** The shipped defaults, for data sources built outside the app's configuration (tests, tools). */
    public static DatabaseTimeouts defaults() {
        return AppConfig.embedded().databaseTimeouts();
    }
}
