package dev.threeways.core.webhook;

import static dev.threeways.core.testing.StripeEvents.bytes;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StripeSignatureTest {
    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final long T = NOW.getEpochSecond();
    private static final String SECRET = "whsec_current";
    private static final String OLD_SECRET = "whsec_previous";
    private static final byte[] BODY = bytes("{\"id\":\"evt_1\",\"object\":\"event\"}");

    private final StripeSignature verifier =
            new StripeSignature(List.of(SECRET), Duration.ofSeconds(300), 4096, InstantSource.fixed(NOW));

    /** Computed independently of the class under test, straight from Stripe's description of the scheme. */
    private static String v1(String secret, long t, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(bytes(secret), "HmacSHA256"));
        mac.update(bytes(t + "."));
        return HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static String header(long t, String... v1s) {
        var sb = new StringBuilder("t=").append(t);
        for (String v : v1s) {
            sb.append(",v1=").append(v);
        }
        return sb.toString();
    }

    private String reason(String header, byte[] body) {
        return assertThrows(SignatureVerificationException.class, () -> verifier.verify(header, body)).getMessage();
    }

    @Test
    void validSignatureIsAccepted() throws Exception {
        assertDoesNotThrow(() -> verifier.verify(header(T, v1(SECRET, T, BODY)), BODY));
    }

    @Test
    void headerHelperMatchesTheIndependentComputation() throws Exception {
        assertTrue(StripeSignature.header(SECRET, NOW, BODY).equals(header(T, v1(SECRET, T, BODY))));
    }

    @Test
    void wrongSecretIsRejected() throws Exception {
        assertTrue(reason(header(T, v1("whsec_other", T, BODY)), BODY).contains("No signature matches"));
    }

    @Test
    void tamperedBodyIsRejected() throws Exception {
        String h = header(T, v1(SECRET, T, BODY));
        byte[] tampered = bytes("{\"id\":\"evt_2\",\"object\":\"event\"}");
        reason(h, tampered);
        byte[] oneByteMore = bytes("{\"id\":\"evt_1\",\"object\":\"event\"} ");
        reason(h, oneByteMore);
    }

    @Test
    void timestampIsPartOfTheSignedPayload() throws Exception {
        // a valid v1 replayed with a fresher t must fail
        reason(header(T, v1(SECRET, T - 10, BODY)), BODY);
    }

    @Test
    void staleTimestampAtTheToleranceIsAcceptedAndOneSecondPastIsRejected() throws Exception {
        long edge = T - 300;
        assertDoesNotThrow(() -> verifier.verify(header(edge, v1(SECRET, edge, BODY)), BODY));
        long past = T - 301;
        assertTrue(reason(header(past, v1(SECRET, past, BODY)), BODY).contains("tolerance"));
    }

    @Test
    void futureTimestampAtTheToleranceIsAcceptedAndOneSecondPastIsRejected() throws Exception {
        long edge = T + 300;
        assertDoesNotThrow(() -> verifier.verify(header(edge, v1(SECRET, edge, BODY)), BODY));
        long past = T + 301;
        assertTrue(reason(header(past, v1(SECRET, past, BODY)), BODY).contains("tolerance"));
    }

    @Test
    void anyOfSeveralV1ValuesMayMatch() throws Exception {
        String good = v1(SECRET, T, BODY);
        String bad = v1("whsec_other", T, BODY);
        assertDoesNotThrow(() -> verifier.verify(header(T, bad, good), BODY));
        assertDoesNotThrow(() -> verifier.verify(header(T, good, bad), BODY));
        reason(header(T, bad, bad), BODY);
    }

    @Test
    void otherSchemesAreIgnored() throws Exception {
        String good = v1(SECRET, T, BODY);
        assertDoesNotThrow(() -> verifier.verify("t=" + T + ",v0=" + good.replace('a', 'b') + ",v1=" + good, BODY));
        // a v0 value alone, even the right one, proves nothing
        assertTrue(reason("t=" + T + ",v0=" + good, BODY).contains("no v1"));
    }

    @Test
    void rotatedSecretsAreAllAccepted() throws Exception {
        var rotating = new StripeSignature(List.of(SECRET, OLD_SECRET), Duration.ofSeconds(300), 4096,
                InstantSource.fixed(NOW));
        assertDoesNotThrow(() -> rotating.verify(header(T, v1(OLD_SECRET, T, BODY)), BODY));
        assertDoesNotThrow(() -> rotating.verify(header(T, v1(SECRET, T, BODY)), BODY));
        // during a roll Stripe signs with both secrets in one header
        assertDoesNotThrow(() -> rotating.verify(header(T, v1(OLD_SECRET, T, BODY), v1(SECRET, T, BODY)), BODY));
        // and once the old secret is removed, its signatures stop working
        reason(header(T, v1(OLD_SECRET, T, BODY)), BODY);
    }

    @Test
    void upperCaseHexIsTheSameSignature() throws Exception {
        assertDoesNotThrow(() -> verifier.verify(header(T, v1(SECRET, T, BODY).toUpperCase()), BODY));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "v1=abc",
            "t=,v1=00",
            "t=abc,v1=0000000000000000000000000000000000000000000000000000000000000000",
            "t=-5,v1=0000000000000000000000000000000000000000000000000000000000000000",
            "t=1.5,v1=0000000000000000000000000000000000000000000000000000000000000000",
            "t=99999999999999999999999,v1=00",
            "garbage",
            ",,,",
            "t=1764158400",
            "t=1764158400,v1=",
            "t=1764158400,v1=zz",
            "t=1764158400,t=1764158400,v1=00",
            "=1764158400"
    })
    void malformedHeadersAreRejected(String header) {
        assertThrows(SignatureVerificationException.class, () -> verifier.verify(header, BODY));
    }

    @Test
    void missingHeaderIsRejected() {
        assertTrue(reason(null, BODY).contains("missing"));
    }

    @Test
    void headerAtTheLengthLimitIsReadAndOnePastIsRejected() throws Exception {
        String valid = header(T, v1(SECRET, T, BODY));
        String atLimit = valid + ",x=" + "a".repeat(4096 - valid.length() - 3);
        assertTrue(atLimit.length() == 4096);
        assertDoesNotThrow(() -> verifier.verify(atLimit, BODY));
        String past = atLimit + "a";
        assertTrue(reason(past, BODY).contains("longer than 4096"));
    }

    @Test
    void hugeHeaderIsRejectedWithoutWork() {
        String huge = "t=" + T + ",v1=" + "0".repeat(1_000_000);
        assertTrue(reason(huge, BODY).contains("longer than"));
    }
}
