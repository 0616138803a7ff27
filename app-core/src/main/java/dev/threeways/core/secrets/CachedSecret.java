package dev.threeways.core.secrets;

import dev.threeways.core.log.JsonLog;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A secret's value, read once up front and again when it is older than the cache time. If a refresh
 * fails the last value is kept (and the failure logged): Secrets Manager being briefly unreachable
 * must not take webhooks or connections down with it. The first read has no such fallback.
 */
public final class CachedSecret<T> implements Supplier<T> {
    private static final JsonLog LOG = JsonLog.of(CachedSecret.class);

    private final SecretSource source;
    private final String secretId;
    private final Function<String, T> parse;
    private final long ttlMillis;
    private final LongSupplier clockMillis;
    private T value;
    private long readAt;

    CachedSecret(SecretSource source, String secretId, Function<String, T> parse, Duration ttl, LongSupplier clockMillis) {
        this.source = source;
        this.secretId = secretId;
        this.parse = parse;
        this.ttlMillis = ttl.toMillis();
        this.clockMillis = clockMillis;
        this.value = parse.apply(source.read(secretId));
        this.readAt = clockMillis.getAsLong();
    }

    /** Reads the secret now (so a missing secret or permission stops the start), then on demand after {@code ttl}. */
    public static <T> CachedSecret<T> read(SecretSource source, String secretId, Function<String, T> parse, Duration ttl) {
        // the wall clock, not nanoTime: after a SnapStart restore, on another host and maybe days later,
        // nanoTime may be anything, while the wall clock says the value is old and must be read again
        return new CachedSecret<>(source, secretId, parse, ttl, System::currentTimeMillis);
    }

    /**
     * Read on first use instead of at start, for a secret only some requests need: its read is not added
     * to every start (a Lambda init, the queue function that never needs it), and a missing secret or
     * permission fails those requests, not the start of everything else. Until a first read succeeds
     * each use tries again and throws {@link SecretException}.
     */
    public static <T> Supplier<T> onFirstUse(SecretSource source, String secretId, Function<String, T> parse, Duration ttl) {
        return new Supplier<>() {
            private CachedSecret<T> secret;

            @Override
            public synchronized T get() {
                if (secret == null) {
                    secret = read(source, secretId, parse, ttl);
                }
                return secret.get();
            }
        };
    }

    @Override
    public synchronized T get() {
        long now = clockMillis.getAsLong();
        if (now - readAt >= ttlMillis || now < readAt) {
            try {
                value = parse.apply(source.read(secretId));
            } catch (SecretException e) {
                LOG.warn("secret refresh failed, keeping the last value", Map.of("secret", secretId,
                        "error", String.valueOf(e.getMessage())));
            }
            // a failed refresh is tried again after another ttl, not on every call
            readAt = now;
        }
        return value;
    }
}
