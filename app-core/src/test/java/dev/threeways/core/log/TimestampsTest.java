package dev.threeways.core.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void writesWhatInstantWritesForEveryShapeOfFraction() {
        for (Instant at : List.of(Instant.parse("2026-12-07T19:14:25Z"), Instant.parse("2026-12-07T19:14:25.100Z"),
                Instant.parse("2026-12-07T19:14:25.000100Z"), Instant.parse("2026-12-07T19:14:25.000000007Z"),
                Instant.parse("2026-12-07T19:14:25.123456789Z"), Instant.parse("1970-01-01T00:00:00.001Z"),
                Instant.parse("2026-12-07T19:14:26.5Z"), Instant.parse("+12026-01-01T00:00:00.5Z"))) {
            assertEquals(at.toString(), Timestamps.of(at));
        }
    }
}
