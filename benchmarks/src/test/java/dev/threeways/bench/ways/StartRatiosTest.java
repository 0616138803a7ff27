package dev.threeways.bench.ways;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.bench.report.Report;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartRatiosTest {
    private static Report.StartSeries series(String variant, boolean floor, Double... ms) {
        return new Report.StartSeries("Lambda", variant, floor, List.of(ms), List.of(), List.of());
    }

    @Test
    void everySeriesIsPutBesideTheFloorsMedianAndTheFloorIsNotPutBesideItself() {
        var floor = series("floor: constant stream handler", true, 200.0, 100.0, 900.0);
        var deployed = series("deployed", false, 300.0, 450.0, 400.0, 5000.0);
        var other = series("floor: constant RequestHandler", true, 250.0);
        List<Report.Ratio> ratios = StartRatios.beside(List.of(deployed, floor, other),
                s -> s.variant().startsWith("floor: constant stream"), s -> s.variant() + " (median)");

        assertEquals(2, ratios.size());
        Report.Ratio first = ratios.getFirst();
        assertEquals("deployed (median)", first.figure());
        assertEquals(400.0, first.value(), "nearest-rank median of 300, 400, 450, 5000: an outlier does not move it");
        assertEquals(200.0, first.referenceValue(), "the floor's median, not its mean (400)");
        assertEquals(2.0, first.ratio(), 1e-12);
        assertEquals("floor", first.kind());
        assertEquals("floor: constant stream handler", first.reference());
        assertEquals(1.25, ratios.get(1).ratio(), 1e-12);
    }

    @Test
    void noFloorNoRatios() {
        assertTrue(StartRatios.beside(List.of(series("deployed", false, 1.0)), s -> false, s -> "x").isEmpty());
    }
}
