package dev.threeways.server;

import dev.threeways.core.config.EnvSetting;

/**
 * The environment variables of the resident server and its database pool, with their defaults:
 * the one place they are named (the app's own are in {@code dev.threeways.core.config.Setting}).
 */
public enum ServerSetting implements EnvSetting {
    /** Port to listen on; App Runner and ECS Express Mode set it. */
    PORT("8080"),
    /** Address to bind. */
    SERVER_HOST("0.0.0.0"),
    /** On SIGTERM, how long in-flight work may take to finish; keep it below the platform's stop timeout (ECS stopTimeout default 30 s, max 120 s). */
    SERVER_DRAIN_SECONDS("20"),
    /** Undertow I/O threads; 0 = one per core, at least 2. */
    SERVER_IO_THREADS("0"),
    /** Threads that run handlers; 0 = a virtual thread per request. */
    SERVER_WORKER_THREADS("0"),
    /** A request whose headers or body stall this long is cut off. */
    SERVER_READ_TIMEOUT_MS("30000"),
    /**
     * However steadily a client trickles, its headers must be complete within this (else the connection is
     * closed) and then its body within this again (else 408): the read timeout above is per read, and a
     * request sent one byte at a time never trips it. Undertow starts the request's clock only once its
     * headers are in, hence the two periods.
     */
    HTTP_REQUEST_DEADLINE_MS("30000"),
    /** Largest request head (request line and headers together); Undertow refuses a larger one with a bare 400. */
    HTTP_MAX_HEADER_BYTES("16384"),
    /** Most request headers, Host included; Undertow refuses more with a bare 400. */
    HTTP_MAX_HEADERS("100"),
    /** Most query parameters; Undertow refuses more with a bare 400. */
    HTTP_MAX_PARAMETERS("100"),
    /**
     * Most open connections; at it the server stops accepting, so a new client's connect lands in the
     * kernel's listen backlog and its request waits unanswered until a connection closes.
     */
    HTTP_MAX_CONNECTIONS("1000"),
    /** Largest number of pooled database connections. */
    DATABASE_POOL_SIZE("5"),
    /** How long a request waits for a pooled connection before it gets a 503. */
    DATABASE_CONNECTION_TIMEOUT_MS("3000"),
    /** Time limit of the check that a pooled connection is alive. */
    DATABASE_VALIDATION_TIMEOUT_MS("1000"),
    /** A connection held longer than this is logged as a possible leak. */
    DATABASE_LEAK_DETECTION_MS("10000"),
    /** Run the schema migrations at start: for a local run; deployed, the deploy migrates before any runtime starts. */
    DATABASE_MIGRATE_ON_START("true");

    private final String defaultValue;

    ServerSetting(String defaultValue) {
        this.defaultValue = defaultValue;
    }

    @Override
    public String defaultValue() {
        return defaultValue;
    }
}
