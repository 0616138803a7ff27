package dev.threeways.fargate;

import dev.threeways.core.config.EnvSetting;

/** The environment variables only the Fargate way reads, with their defaults: the one place they are named. */
public enum FargateSetting implements EnvSetting {
    /** serve, worker, migrate or settle; a command-line argument wins. */
    ENTRY_POINT("serve"),
    /** Whether serve also runs the queue worker (false when a separate worker service consumes the queue). */
    WORKER_ENABLED("true"),
    /** Threads that long-poll the queue; each takes one batch at a time. */
    WORKER_POLLERS("1"),
    /** Messages per receive (SQS allows 1 to 10). */
    WORKER_BATCH_SIZE("10"),
    /** Long-poll wait per receive (SQS allows 0 to 20 seconds). */
    WORKER_WAIT_SECONDS("20"),
    /** How long a received message stays invisible; a message still being applied at half of it is extended. */
    WORKER_VISIBILITY_SECONDS("30"),
    /** Longest pause between attempts while the database is down. */
    WORKER_MAX_BACKOFF_SECONDS("30"),
    /**
     * Comma-separated origins (scheme://host[:port]) whose pages may open /ws/payments. Empty: no browser
     * page may; clients that send no Origin (servers, CLIs) still connect with a read token.
     */
    WS_ALLOWED_ORIGINS(""),
    /** Most bytes waiting to be sent to one WebSocket client; a client that lets more pile up is disconnected. */
    WS_MAX_PENDING_BYTES("1048576");

    private final String defaultValue;

    FargateSetting(String defaultValue) {
        this.defaultValue = defaultValue;
    }

    @Override
    public String defaultValue() {
        return defaultValue;
    }
}
