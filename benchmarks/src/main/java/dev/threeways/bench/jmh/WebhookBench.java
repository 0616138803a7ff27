package dev.threeways.bench.jmh;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.LedgerEvent;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.webhook.SignatureVerificationException;
import dev.threeways.core.webhook.StripeEventParser;
import dev.threeways.core.webhook.StripeSignature;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The two steps every webhook takes before the ledger or the queue sees it, on a Stripe-shaped
 * {@code payment_intent.succeeded} event (Stripe's fixture fields, a few KB): checking the
 * {@code Stripe-Signature} header, and parsing the body into the ledger's event.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class WebhookBench {

    @State(Scope.Benchmark)
    public static class Delivery {
        StripeSignature verifier;
        String header;
        byte[] body;

        @Setup
        public void setUp() throws SignatureVerificationException {
            Instant signedAt = Instant.now();
            long created = signedAt.getEpochSecond();
            body = StripeEvents.bytes(StripeEvents.paymentIntent("evt_3QjmhBench0001", "payment_intent.succeeded",
                    created, "pi_3QjmhBench0001", 2_000, 2_000, "succeeded"));
            header = StripeSignature.header(StripeEvents.SECRET, signedAt, body);
            AppConfig defaults = AppConfig.embedded();
            // the clock stands still at the signing time, so a long run (-r 10m) never drifts out of the
            // tolerance window and starts measuring the rejection instead
            verifier = new StripeSignature(List.of(StripeEvents.SECRET), defaults.webhookTolerance(),
                    defaults.signatureHeaderMaxBytes(), InstantSource.fixed(signedAt));
            verifier.verify(header, body);
            if (!(StripeEventParser.parse(Json.readBody(body)) instanceof LedgerEvent.PaymentIntentSnapshot)) {
                throw new IllegalStateException("the fixture event did not parse as a payment intent snapshot");
            }
        }
    }

    /**
     * HMAC-SHA256 over {@code t.body}, compared in constant time. Nothing to return: whether it throws
     * depends on the whole computation, so the JIT cannot drop any of it.
     */
    @Benchmark
    public void verifySignature(Delivery d) throws SignatureVerificationException {
        d.verifier.verify(d.header, d.body);
    }

    /** Body bytes → JSON tree → the ledger's typed event, with the parser's validation. */
    @Benchmark
    public LedgerEvent parseEvent(Delivery d) {
        return StripeEventParser.parse(Json.readBody(d.body));
    }
}
