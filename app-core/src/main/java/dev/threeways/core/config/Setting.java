package dev.threeways.core.config;

/**
 * Every environment variable the app reads, with its embedded default. This is the one place they
 * are named; the README's table is this enum.
 */
public enum Setting implements EnvSetting {
    /** JDBC URL of the payment store. PostgreSQL in production; the default is an in-memory H2 in PostgreSQL mode. */
    DATABASE_URL("jdbc:h2:mem:threeways;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1"),
    /** Database user. */
    DATABASE_USER(""),
    /** Database password (inject from a secret store, never bake it into an image). */
    DATABASE_PASSWORD(""),
    /**
     * Secrets Manager secret (ARN or name) holding the database's {@code username} and {@code password}
     * as JSON, as RDS generates it; when set it wins over DATABASE_USER and DATABASE_PASSWORD, and is
     * read again after SECRETS_CACHE_SECONDS, so new connections follow a rotation.
     */
    DATABASE_SECRET_ID(""),
    /** Time limit of opening a database connection: TCP connect, TLS and authentication together. */
    DATABASE_CONNECT_TIMEOUT_SECONDS("5"),
    /**
     * Time limit of any one read from the database: a statement whose server went away (a failover, a
     * dropped route) fails after this instead of holding its thread and connection forever.
     */
    DATABASE_SOCKET_TIMEOUT_SECONDS("30"),
    /** SQS queue URL for verified webhooks. Empty: an in-memory queue. */
    QUEUE_URL(""),
    /** Region of the SQS queue. */
    AWS_REGION("us-east-1"),
    /** Endpoint of an SQS-compatible server (e.g. ElasticMQ); wins over AWS_ENDPOINT_URL. */
    AWS_ENDPOINT_URL_SQS(""),
    /** Endpoint for every AWS service, as the AWS SDKs define it. */
    AWS_ENDPOINT_URL(""),
    /** Largest message (body + attributes) the sender puts on the queue; larger webhooks get 413. */
    QUEUE_MAX_MESSAGE_BYTES("262144"),
    /** Time limit of one SQS send, retries included. */
    QUEUE_SEND_TIMEOUT_MS("5000"),
    /**
     * Comma-separated endpoint secrets; several are accepted at once so a secret can be rotated. The
     * default is a public development secret, accepted only while the database is the embedded H2 and no
     * QUEUE_URL is set: with a real database or queue the app refuses to start without this.
     */
    STRIPE_WEBHOOK_SECRETS("whsec_local_development_only"),
    /**
     * Secrets Manager secret (ARN or name) holding the Stripe endpoint secret(s), comma-separated; when
     * set it wins over STRIPE_WEBHOOK_SECRETS and is read again after SECRETS_CACHE_SECONDS, so a
     * secret put in after the deploy takes effect without one.
     */
    STRIPE_WEBHOOK_SECRETS_ID(""),
    /**
     * Comma-separated bearer tokens that may read payments (GET /payments/{id}, the /ws/payments stream);
     * several at once so one can be rotated. The default is a public development token, accepted only
     * while the database is the embedded H2 and no QUEUE_URL is set; otherwise, with no token configured,
     * the reads are closed to everyone.
     */
    READ_API_TOKENS("read_local_development_only"),
    /**
     * Secrets Manager secret (ARN or name) holding the read tokens, comma-separated; wins over
     * READ_API_TOKENS. Read on the first payment read, not at start.
     */
    READ_API_TOKENS_ID(""),
    /** How long a secret read from Secrets Manager is used before it is read again. */
    SECRETS_CACHE_SECONDS("60"),
    /** Endpoint of a Secrets Manager-compatible server; wins over AWS_ENDPOINT_URL. */
    AWS_ENDPOINT_URL_SECRETS_MANAGER(""),
    /** Which Stripe mode's events the ledger takes: true for live mode, false for test mode and sandboxes. */
    STRIPE_LIVEMODE("false"),
    /** How far a signature timestamp may be from now, in the past or the future. */
    STRIPE_WEBHOOK_TOLERANCE_SECONDS("300"),
    /** Longest Stripe-Signature header accepted. */
    STRIPE_SIGNATURE_HEADER_MAX_BYTES("4096"),
    /** Largest request body accepted; larger bodies get 413. */
    HTTP_MAX_BODY_BYTES("65536"),
    /** apply: write the ledger in the request; enqueue: verify, put on the queue, answer. */
    WEBHOOK_MODE("apply"),
    /** A queued webhook the store could not take waits this long before its second try, doubling after. */
    QUEUE_RETRY_FIRST_SECONDS("5"),
    /** The longest such wait (SQS delays a message by 900 s at most). */
    QUEUE_RETRY_MAX_SECONDS("900"),
    /** Time limit of each /readyz dependency check. */
    READINESS_TIMEOUT_MS("2000"),
    /**
     * How long a /readyz dependency check's answer is reused: a flood of probes runs one check per period
     * instead of taking a pooled connection each. 0 checks on every request. A resident server, answering
     * probes from its I/O thread, serves the last answer up to another period and READINESS_TIMEOUT_MS
     * longer while the next check runs behind it.
     */
    READINESS_CACHE_MS("1000"),
    /** The reconcile job (Fargate's settle task, Lambda's scheduled handler): a payment in processing longer than this is stuck. */
    SETTLE_STUCK_AFTER_MINUTES("60"),
    /** DEBUG, INFO, WARN or ERROR. */
    LOG_LEVEL("INFO");

    private final String defaultValue;

    Setting(String defaultValue) {
        this.defaultValue = defaultValue;
    }

    @Override
    public String defaultValue() {
        return defaultValue;
    }
}
