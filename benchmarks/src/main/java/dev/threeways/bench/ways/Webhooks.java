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

    /** One event: its id (what the ledger keys on) and the JSON Stripe would send. */
    public record Event(String id, String body) {}

    public Event next() {
        long n = next.incrementAndGet();
        String id = "evt_" + prefix + "_" + n;
        return new Event(id, StripeEvents.paymentIntent(id, "payment_intent.succeeded", Instant.now().getEpochSecond(),
                "pi_" + prefix + "_" + n, 1000 + n % 5000, 1000 + n % 5000, "succeeded"));
    }

    public static Map<String, String> headers(String body) {
        return Map.of("Content-Type", "application/json; charset=utf-8", StripeSignature.HEADER,
                StripeSignature.header(Lab.WEBHOOK_SECRET, Instant.now(), body.getBytes(StandardCharsets.UTF_8)));
    }

    /** The next webhook as HTTP/1.1 request bytes for {@code host}. */
    public byte[] nextRequest(String host) {
        String body = next().body();
        return Requests.post(host, PATH, headers(body), body.getBytes(StandardCharsets.UTF_8));
    }

    public long sent() {
        return next.get();
    }
}
