package dev.threeways.core.testing;

import dev.threeways.core.http.Headers;
import dev.threeways.core.webhook.StripeFixtures;
import dev.threeways.core.webhook.StripeSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Events as Stripe sends them ({@link StripeFixtures}: Stripe's published fixtures, every field kept)
 * and the headers Stripe signs them with, for tests.
 */
public final class StripeEvents extends StripeFixtures {
    public static final String SECRET = "whsec_test_secret_0123456789abcdef";

    private StripeEvents() {}

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Headers Stripe would send with {@code body}, signed with {@link #SECRET} now. */
    public static Headers signed(String body) {
        return signed(SECRET, Instant.now(), body);
    }

    public static Headers signed(String secret, Instant at, String body) {
        return Headers.of("Content-Type", "application/json; charset=utf-8",
                StripeSignature.HEADER, StripeSignature.header(secret, at, bytes(body)));
    }
}
