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
    void everyFigureIsPutBesideTheFloorRoundByRoundAndNoFloorGetsARow() {
        var floor = series("floor: constant stream handler", true, 200.0, 100.0, 900.0, 200.0);
        var deployed = series("deployed", false, 300.0, 450.0, 400.0, 5000.0);
        var other = series("floor: constant RequestHandler", true, 250.0);
        List<Report.Ratio> ratios = StartRatios.beside(List.of(deployed, floor, other),
                s -> s.variant().startsWith("floor: constant stream"), s -> s.variant() + " (median)");

        assertEquals(1, ratios.size(), "a second floor is a reference, not a figure");
        Report.Ratio first = ratios.getFirst();
        assertEquals("deployed (median)", first.figure());
        assertEquals(400.0, first.value(), "nearest-rank median of 300, 400, 450, 5000: an outlier does not move it");
        assertEquals(200.0, first.referenceValue(), "the floor's median, not its mean");
        assertEquals(2.0, first.ratio(), 1e-12);
        assertEquals("floor", first.kind());
        assertEquals("floor: constant stream handler", first.reference());
        // round by round: 300/200, 450/100, 400/900, 5000/200
        assertEquals(400.0 / 900.0, first.low(), 1e-12);
        assertEquals(25.0, first.high(), 1e-12);
        assertEquals(4, first.repetitions());
    }

    @Test
    void aRoundCutShortIsLeftOutOfTheSpread() {
        var floor = series("floor", true, 100.0, 100.0);
        var cut = series("way", false, 150.0, 200.0, 900.0);
        Report.Ratio ratio = StartRatios.beside(List.of(floor, cut), Report.StartSeries::floor, Report.StartSeries::variant).getFirst();
        assertEquals(2, ratio.repetitions());
        assertEquals(2.0, ratio.high(), 1e-12);
    }

    @Test
    void noFloorNoRatios() {
        assertTrue(StartRatios.beside(List.of(series("deployed", false, 1.0)), s -> false, s -> "x").isEmpty());
    }
}
