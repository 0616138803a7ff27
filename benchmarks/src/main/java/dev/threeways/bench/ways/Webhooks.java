package dev.threeways.bench.ways;

import dev.threeways.bench.load.Requests;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.webhook.StripeSignature;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stripe-shaped {@code payment_intent.succeeded} events (from Stripe's published fixtures, current API
 * version), each with a new event and intent id so every one is a new ledger write, signed now.
 */
public final class Webhooks {
    public static final String PATH = "/webhooks/stripe";
    private final String prefix;
    private final AtomicLong next = new AtomicLong();

    public Webhooks(String prefix) {
        this.prefix = prefix + "_" + Long.toHexString(System.nanoTime());
    }

    public String nextBody() {
        long n = next.incrementAndGet();
        return StripeEvents.paymentIntent("evt_" + prefix + "_" + n, "payment_intent.succeeded",
                Instant.now().getEpochSecond(), "pi_" + prefix + "_" + n, 1000 + n % 5000, 1000 + n % 5000, "succeeded");
    }

    public static Map<String, String> headers(String body) {
        return Map.of("Content-Type", "application/json; charset=utf-8", StripeSignature.HEADER,
                StripeSignature.header(Lab.WEBHOOK_SECRET, Instant.now(), body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The next webhook as HTTP/1.1 request bytes for {@code host}. */
    public byte[] nextRequest(String host) {
        String body = nextBody();
        return Requests.post(host, PATH, headers(body), body.getBytes(StandardCharsets.UTF_8));
    }

    public long sent() {
        return next.get();
    }
}
