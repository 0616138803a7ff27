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
    /**
     * Worker threads, and so the most requests to routes that block (webhooks, payment reads) handled at once;
     * 0 = twice DATABASE_POOL_SIZE, enough to keep every pooled connection busy while as many requests again do
     * their own CPU work. More would only wait at the pool (see DATABASE_CONNECTION_TIMEOUT_MS). Routes that need
     * only the CPU (hello, echo without a body, the probes) never take one: they are answered on the I/O thread.
     */
    SERVER_WORKER_THREADS("0"),
    /**
     * The workers' nice value (Linux; 0 leaves them at the I/O threads' priority, 19 is the lowest). Where the CPU
     * is short, as in a 0.5-vCPU task driven past its limit, ten busy workers at the I/O threads' priority leave
     * those a tenth of it, and a health check's new connection can wait over a second to be read; at 10 the
     * probes answered (OverloadIT). Off by default because it costs the routes that block more than it saves:
     * measured through compare at saturation, nice 10 cut webhooks from 402-414/s to 45-65/s on Fargate's half
     * vCPU and from 1,146-1,188/s to 807-836/s on App Runner's one.
     */
    SERVER_WORKER_NICE("0"),
    /** Requests that may wait for a worker; one more is answered 503 with Retry-After at once. 0 = four per worker. */
    SERVER_MAX_WAITING("0"),
    /** How long a request may wait for a worker before it is answered 503 with Retry-After instead. */
    SERVER_MAX_WAIT_MS("1000"),
    /**
     * A request whose headers stall this long is cut off, and a body that stops arriving this long gets 408; a
     * WebSocket client that sends nothing (not even a pong) this long is disconnected.
     */
    SERVER_READ_TIMEOUT_MS("30000"),
    /**
     * An idle keep-alive connection is closed after this. Longer than every load balancer's in front of the
     * server (an ALB keeps one 60 s by default): if the server closed first, the balancer could send a request
     * on a connection the server is closing, and answer its client 502.
     */
    SERVER_IDLE_TIMEOUT_MS("75000"),
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
     * kernel's listen backlog and its request waits unanswered until a connection closes. Far above what
     * a front door opens to one instance (the App Runner stack scales out at 100 requests at once an instance), so
     * the platform's health check always gets a connection, even with a thousand clients connected; it
     * bounds file descriptors and the little an idle connection holds, not work (SERVER_WORKER_THREADS does).
     */
    HTTP_MAX_CONNECTIONS("10000"),
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
