package dev.threeways.advisor.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UnitsTest {

    @Test
    void printsDurationsInTheLargestExactUnit() {
        assertEquals("250 ms", Units.duration(Duration.ofMillis(250)));
        assertEquals("15 min", Units.duration(Duration.ofSeconds(900)));
        assertEquals("901 s", Units.duration(Duration.ofSeconds(901)));
        assertEquals("1,500 ms", Units.duration(Duration.ofMillis(1500)));
        assertEquals("20 min", Units.duration(Duration.ofMinutes(20)));
        assertEquals("3 h", Units.duration(Duration.ofHours(3)));
        assertEquals("-5 min", Units.duration(Duration.ofMinutes(-5)));
        assertEquals("20 min (1,200 s)", Units.durationInSeconds(Duration.ofMinutes(20)));
        assertEquals("45 s", Units.durationInSeconds(Duration.ofSeconds(45)));
    }

    @Test
    void printsSizesExactlyOrInBytes() {
        assertEquals("8 MB", Units.bytes(8 * Units.MB));
        assertEquals("1.5 MB", Units.bytes(3 * Units.MB / 2));
        assertEquals("256 KB", Units.bytes(256 * Units.KB));
        assertEquals("512 B", Units.bytes(512));
        assertEquals("6,291,457 bytes", Units.bytes(6 * Units.MB + 1));
        assertEquals("16 GB", Units.memoryMb(16_384));
        assertEquals("10 GB", Units.memoryMb(10_240));
        assertEquals("10,241 MB", Units.memoryMb(10_241));
    }

    @Test
    void printsNumbersWithGroupingAndNoTrailingZeros() {
        assertEquals("10,240", Units.number(10_240));
        assertEquals("0.25", Units.number(0.25));
        assertEquals("1,234.5", Units.number(1234.5));
        assertEquals("-0.5", Units.number(-0.5));
        assertEquals("0.1 %", Units.percent(0.001));
    }
}
