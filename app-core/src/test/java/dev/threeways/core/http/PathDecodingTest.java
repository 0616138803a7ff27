package dev.threeways.core.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PathDecodingTest {
    @Test
    void decodesPercentEscapesAsUtf8AndLeavesPlusAlone() {
        assertEquals("/payments/pi_1", PathDecoding.decode("/payments/pi_1"));
        assertEquals("/caf\u00e9/a b/c+d", PathDecoding.decode("/caf%C3%A9/a%20b/c+d"));
        assertEquals("/\u00e9%", PathDecoding.decode("/\u00e9%25"));
    }

    @Test
    void malformedEscapesAreA400() {
        for (String raw : new String[] {"/%", "/%2", "/%zz", "/a%g0"}) {
            assertEquals(400, assertThrows(ProblemException.class, () -> PathDecoding.decode(raw)).problem().status(), raw);
        }
    }
}
