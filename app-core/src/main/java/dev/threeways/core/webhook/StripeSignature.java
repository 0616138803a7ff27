package dev.threeways.core.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature scheme: {@code Stripe-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]},
 * where each v1 is HMAC-SHA256 over {@code t + "." + raw body} keyed with an endpoint secret. Other
 * schemes (v0) are ignored. Any configured secret may match any v1 value, so a secret can be rolled
 * while both old and new are live. The timestamp must lie within the tolerance on either side of now,
 * which bounds replays and rejects clocks that are badly off.
 */
public final class StripeSignature {
    public static final String HEADER = "Stripe-Signature";
    private static final String SCHEME = "v1";
    private static final HexFormat HEX = HexFormat.of();

    private final Supplier<List<String>> secrets;
    private final Duration tolerance;
    private final int maxHeaderLength;
    private final InstantSource clock;

    public StripeSignature(List<String> secrets, Duration tolerance, int maxHeaderLength, InstantSource clock) {
        this(() -> secrets, tolerance, maxHeaderLength, clock);
    }

    /** With secrets that may change while the app runs (read from Secrets Manager); they are asked for once here, so none fails the start. */
    public StripeSignature(Supplier<List<String>> secrets, Duration tolerance, int maxHeaderLength, InstantSource clock) {
        if (secrets.get().isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint secret is required");
        }
        this.secrets = secrets;
        this.tolerance = tolerance;
        this.maxHeaderLength = maxHeaderLength;
        this.clock = clock;
    }

    /** Throws unless {@code header} carries a valid, timely signature of {@code payload}. */
    public void verify(String header, byte[] payload) throws SignatureVerificationException {
        if (header == null || header.isBlank()) {
            throw new SignatureVerificationException("The Stripe-Signature header is missing.");
        }
        if (header.length() > maxHeaderLength) {
            throw new SignatureVerificationException(
                    "The Stripe-Signature header is longer than " + maxHeaderLength + " characters.");
        }
        Long timestamp = null;
        var signatures = new ArrayList<byte[]>();
        for (String item : header.split(",")) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new SignatureVerificationException("The Stripe-Signature header is malformed.");
            }
            String key = item.substring(0, eq).trim();
            String value = item.substring(eq + 1).trim();
            if (key.equals("t")) {
                if (timestamp != null) {
                    throw new SignatureVerificationException("The Stripe-Signature header has more than one timestamp.");
                }
                timestamp = parseTimestamp(value);
            } else if (key.equals(SCHEME)) {
                byte[] sig = parseHex(value);
                if (sig != null) {
                    signatures.add(sig);
                }
            }
        }
        if (timestamp == null) {
            throw new SignatureVerificationException("The Stripe-Signature header has no timestamp (t=).");
        }
        if (signatures.isEmpty()) {
            throw new SignatureVerificationException("The Stripe-Signature header has no v1 signature.");
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > tolerance.toSeconds()) {
            throw new SignatureVerificationException("The signature timestamp is outside the tolerance of "
                    + tolerance.toSeconds() + " seconds.");
        }
        byte[] signedPayload = signedPayload(timestamp, payload);
        boolean matched = false;
        for (String secret : secrets.get()) {
            byte[] expected = hmac(secret.getBytes(StandardCharsets.UTF_8), signedPayload);
            for (byte[] candidate : signatures) {
                // no early exit: the time taken does not tell which secret or value came close
                matched |= MessageDigest.isEqual(expected, candidate);
            }
        }
        if (!matched) {
            throw new SignatureVerificationException("No signature matches the payload for any configured secret.");
        }
    }

    /** The header value Stripe would send for {@code payload} signed at {@code timestamp}. */
    public static String header(String secret, Instant timestamp, byte[] payload) {
        long t = timestamp.getEpochSecond();
        return "t=" + t + ",v1=" + HEX.formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), signedPayload(t, payload)));
    }

    private static byte[] signedPayload(long timestamp, byte[] payload) {
        byte[] prefix = (timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        byte[] signed = new byte[prefix.length + payload.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(payload, 0, signed, prefix.length, payload.length);
        return signed;
    }

    private static long parseTimestamp(String value) throws SignatureVerificationException {
        if (value.isEmpty() || value.length() > 12 || !value.chars().allMatch(Character::isDigit)) {
            throw new SignatureVerificationException("The signature timestamp is not a Unix time in seconds.");
        }
        return Long.parseLong(value);
    }

    /** A v1 value that is not 32 bytes of hex can never match, so it is dropped rather than rejected. */
    private static byte[] parseHex(String value) {
        if (value.length() != 64) {
            return null;
        }
        try {
            return HEX.parseHex(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] hmac(byte[] secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
