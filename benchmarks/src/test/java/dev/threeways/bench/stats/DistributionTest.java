package dev.threeways.bench.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {
    private static final List<Double> ONE_TO_TEN = List.of(7.0, 3.0, 10.0, 1.0, 9.0, 2.0, 8.0, 5.0, 4.0, 6.0);

    @Test
    void nearestRankPercentilesAreObservedSamples() {
        Distribution d = Distribution.of(ONE_TO_TEN);
        assertEquals(5.0, d.median(), "p50 of 1..10 by nearest rank is the 5th value, not 5.5");
        assertEquals(9.0, d.percentile(90));
        assertEquals(10.0, d.percentile(99), "p99 of ten samples is the largest");
        assertEquals(1.0, d.percentile(0.1), "a tiny percentile is the smallest, not an index below it");
        assertEquals(1.0, d.min());
        assertEquals(10.0, d.max());
        assertEquals(5.5, d.mean(), 1e-12);
        assertEquals(10, d.count());
    }

    @Test
    void oneSampleIsEveryPercentile() {
        Distribution d = Distribution.of(List.of(42.0));
        assertEquals(42.0, d.percentile(1));
        assertEquals(42.0, d.percentile(100));
    }

    @Test
    void refusesWhatIsNotADurationSample() {
        assertThrows(IllegalArgumentException.class, () -> Distribution.of(List.of()));
        assertThrows(IllegalArgumentException.class, () -> Distribution.of(List.of(1.0, -2.0)));
        assertThrows(IllegalArgumentException.class, () -> Distribution.of(List.of(Double.NaN)));
        Distribution d = Distribution.of(ONE_TO_TEN);
        assertThrows(IllegalArgumentException.class, () -> d.percentile(0));
        assertThrows(IllegalArgumentException.class, () -> d.percentile(100.5));
    }
}
