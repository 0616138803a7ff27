package dev.threeways.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report model's own rules: a ratio's spread, a memory breach, lists an older report lacks. */
class ReportTest {
    private static final double EPS = 1e-12;

    @Test
    void aRatioFromRepetitionsIsTheRatioOfTheMediansWithThePerRepetitionRange() {
        Report.Ratio r = Report.Ratio.of("x", "ms", "floor x", "floor", List.of(30.0, 10.0, 20.0),
                List.of(10.0, 5.0, 10.0));
        assertEquals(20, r.value(), EPS, "median of 10, 20, 30");
        assertEquals(10, r.referenceValue(), EPS, "median of 5, 10, 10");
        assertEquals(2, r.ratio(), EPS);
        // per repetition: 30/10 = 3, 10/5 = 2, 20/10 = 2
        assertEquals(2, r.low(), EPS);
        assertEquals(3, r.high(), EPS);
        assertEquals(3, r.repetitions());
        assertEquals("2.00× (2.00–3.00, n=3)", Format.ratio(r));
        assertEquals(List.of("x", "ms", "floor x", "floor"), List.of(r.figure(), r.unit(), r.reference(), r.kind()));

        // nearest rank, as every median of the report: of four, the second
        Report.Ratio even = Report.Ratio.of("x", "ms", "y", "floor", List.of(4.0, 1.0, 3.0, 2.0),
                List.of(1.0, 1.0, 1.0, 1.0));
        assertEquals(2, even.value(), EPS);
        assertEquals(1, even.low(), EPS);
        assertEquals(4, even.high(), EPS);

        Report.Ratio once = Report.Ratio.of("x", "ms", "y", "floor", List.of(31.0), List.of(100.0));
        assertEquals(new Report.Ratio("x", 31, "ms", "y", 100, "floor"), once, "one pair is the six-argument ratio");
        assertEquals("0.31× (n=1)", Format.ratio(once));

        assertThrows(IllegalArgumentException.class,
                () -> Report.Ratio.of("x", "ms", "y", "floor", List.of(1.0, 2.0), List.of(1.0)));
        assertThrows(IllegalArgumentException.class,
                () -> Report.Ratio.of("x", "ms", "y", "floor", List.of(), List.of()));
    }

    @Test
    void aRatioMeasuredOnceIsItsOwnRange() {
        Report.Ratio r = new Report.Ratio("x", 842, "ms", "y", 364, "floor");
        assertEquals(842 / 364.0, r.low(), EPS);
        assertEquals(842 / 364.0, r.high(), EPS);
        assertEquals(1, r.repetitions());
        // repetitions 0 is what an older report.json reads as: one measurement, whatever low and high say
        assertEquals(r, new Report.Ratio("x", 842, "ms", "y", 364, "floor", 0, 0, 0));
    }

    @Test
    void rangesThatMeetShowNoMeasurableDifference() {
        Report.Ratio a = new Report.Ratio("a", 45, "", "c", 100, "ceiling", 0.40, 0.50, 3);
        Report.Ratio touching = new Report.Ratio("b", 55, "", "c", 100, "ceiling", 0.50, 0.60, 3);
        Report.Ratio inside = new Report.Ratio("b", 45, "", "c", 100, "ceiling", 0.44, 0.46, 3);
        Report.Ratio apart = new Report.Ratio("b", 55, "", "c", 100, "ceiling", 0.51, 0.60, 3);
        assertTrue(a.overlaps(touching) && touching.overlaps(a));
        assertTrue(a.overlaps(inside) && inside.overlaps(a));
        assertFalse(a.overlaps(apart) || apart.overlaps(a));
        // measured once each, two different ratios are two points: apart
        assertFalse(new Report.Ratio("a", 1, "", "c", 2, "floor").overlaps(new Report.Ratio("b", 1, "", "c", 3, "floor")));
    }

    @Test
    void aProcessOverItsDeployedMemoryBreaches() {
        assertTrue(new Report.Memory("App Runner", "jar", 2_437.5, 2_048).breaches());
        assertFalse(new Report.Memory("Fargate", "jar", 305, 1_024).breaches());
        assertFalse(new Report.Memory("Fargate", "jar", 1_024, 1_024).breaches(), "exactly the size fits");
        assertFalse(new Report.Memory("floor", "jdk", 48, 0).breaches(), "0 is unknown, never breached");
        assertEquals(new Report.Memory("floor", "jdk", 48, 0), new Report.Memory("floor", "jdk", 48));
    }

    @Test
    void listsAnOlderReportLacksAreEmpty() {
        Report r = new Report(SampleReports.machine(), "x", null, null, null, null, null, null, null, null, null);
        assertEquals(List.of(), r.verdicts());
        assertEquals(List.of(), r.processes());
        assertEquals(List.of(), r.starts());
        assertEquals(List.of(), r.notes());
        assertEquals(List.of(), new Report.Process("Fargate", "v", "cpu", 1, "SerialGC", null, 0).jvmOptions());
        Markdown.render(r);
        Html.render(r);
    }
}
