package dev.threeways.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SvgTest {
    private static final double EPS = 1e-9;

    @Test
    void escapesMarkupAndQuotes() {
        assertEquals("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;", Svg.escape("<a href=\"x\">&'</a>"));
        assertEquals("ab", Svg.escape("a\u0001b"), "control characters are not XML");
        String svg = Svg.strip("cold <&\"> starts", "ms", List.of(
                new Svg.StripRow("A<&\"B", "detail & <more>", List.of(1.0, 2.0), "#123456", false)));
        assertTrue(svg.contains("A&lt;&amp;&quot;B"), svg);
        assertTrue(svg.contains("detail &amp; &lt;more&gt;"), svg);
        assertTrue(svg.contains("<title>cold &lt;&amp;&quot;&gt; starts</title>"), svg);
        assertFalse(svg.contains("A<&\"B"));
        assertFalse(svg.contains("<more>"));
    }

    @Test
    void niceTicksAreRoundAndCoverTheData() {
        assertEquals(List.of(0.0, 200.0, 400.0, 600.0, 800.0, 1000.0), Svg.niceTicks(0, 947, 5));
        assertEquals(List.of(0.0, 0.1, 0.2, 0.3), Svg.niceTicks(0, 0.27, 5));
        assertEquals(List.of(0.0, 5.0, 10.0, 15.0, 20.0, 25.0), Svg.niceTicks(0, 21, 5));
        assertEquals(List.of(0.0, 0.2, 0.4, 0.6, 0.8, 1.0), Svg.niceTicks(0, 0, 5), "an empty range still gets an axis");
    }

    @Test
    void logTicksAreDecadesWithTwoAndFiveWhenTheRangeIsShort() {
        assertEquals(List.of(1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0), Svg.logTicks(3, 70));
        assertEquals(List.of(1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10), Svg.logTicks(1e4, 1e10));
        assertEquals(List.of(0.01, 0.02, 0.05, 0.1), Svg.logTicks(0.035, 0.1));
    }

    @Test
    void ninesAxisPlacesEachNineOneStepApart() {
        assertEquals(1, Svg.nines(90), EPS);
        assertEquals(2, Svg.nines(99), EPS);
        assertEquals(3, Svg.nines(99.9), EPS);
        assertEquals(List.of(50.0, 90.0, 99.0, 99.9), Svg.ninesTicks(50, 99.9));
        assertEquals(List.of(0.0, 50.0, 90.0, 99.0, 99.9, 99.99), Svg.ninesTicks(10, 99.95));
        Svg.Domain d = Svg.domain(Svg.Scale.NINES, 50, 99.9);
        assertEquals(0, d.fraction(50), EPS);
        assertEquals(1, d.fraction(99.9), EPS);
        // 90, 99 and 99.9 are equally spaced
        assertEquals(d.fraction(99) - d.fraction(90), d.fraction(99.9) - d.fraction(99), EPS);
    }

    @Test
    void domainsPlaceValuesLinearlyOrLogarithmically() {
        Svg.Domain linear = Svg.domain(Svg.Scale.LINEAR, 12, 947);
        assertEquals(0, linear.lo(), EPS, "a linear axis starts at zero");
        assertEquals(1000, linear.hi(), EPS);
        assertEquals(0.5, linear.fraction(500), EPS);
        Svg.Domain log = Svg.domain(Svg.Scale.LOG, 3, 7000);
        assertEquals(1, log.lo(), EPS);
        assertEquals(10_000, log.hi(), EPS);
        assertEquals(0.5, log.fraction(100), EPS);
        assertEquals(0.75, log.fraction(1000), EPS);
    }

    @Test
    void barsAreAsLongAsTheirValueAndTheCeilingIsMarked() {
        String svg = Svg.bars("Throughput", "requests/s", v -> Format.number(v) + " requests/s", List.of(
                new Svg.Bar("half", "", 50, "#1a73e8", false),
                new Svg.Bar("max", "what it is", 100, "#ff0000", true)));
        // plot from x 280 to 920: 640 px for 0..100
        assertTrue(svg.contains("class=\"bar\" x=\"280.0\" y=\"22.0\" width=\"320.0\""), svg);
        assertTrue(svg.contains("class=\"bar reference\" x=\"280.0\" y=\"62.0\" width=\"640.0\""), svg);
        assertTrue(svg.contains("fill=\"" + Svg.REFERENCE_COLOUR + "\""), "a ceiling is grey whatever colour is asked");
        assertFalse(svg.contains("#ff0000"));
        assertTrue(svg.contains("50 requests/s"), svg);
        assertTrue(svg.contains(">max (ceiling)<"), svg);
        assertTrue(svg.contains(">what it is<"), svg);
        assertTrue(svg.contains(">0<") && svg.contains(">100<"), "ticks print as their value: " + svg);
        assertStructure(svg, "Throughput");
    }

    @Test
    void aBarOverItsLimitIsRedAndEachLimitIsARuleOnItsRow() {
        String svg = Svg.bars("Memory", "MiB", v -> Format.number(v) + " MiB", List.of(
                new Svg.Bar("under", "", 50, "#1a73e8", false, 80),
                new Svg.Bar("over", "", 100, "#188a5a", false, 60),
                new Svg.Bar("unknown", "", 40, "#e8710a", false)));
        // plot from x 280 to 920: 640 px for 0..100; the limit at 80 is x 792, at 60 x 664
        assertTrue(svg.contains("<g class=\"limit\"><title>limit 80 MiB</title><line x1=\"792.0\" y1=\"17.0\" x2=\"792.0\""
                + " y2=\"47.0\""), svg);
        assertTrue(svg.contains("<line x1=\"664.0\" y1=\"57.0\" x2=\"664.0\" y2=\"87.0\""), svg);
        assertEquals(2, count(svg, "<g class=\"limit\">"), "none for a bar without a limit");
        assertTrue(svg.contains("class=\"bar breach\" x=\"280.0\" y=\"62.0\" width=\"640.0\" height=\"20\" rx=\"2\""
                + " fill=\"" + Svg.BREACH_COLOUR + "\""), "red whatever colour is asked: " + svg);
        assertFalse(svg.contains("#188a5a"), svg);
        assertEquals(1, count(svg, "class=\"bar breach\""));
        assertTrue(svg.contains("fill=\"#1a73e8\""), "a bar under its limit keeps its colour");
        assertTrue(svg.contains(">100 MiB, over 60 MiB<"), svg);
        assertTrue(svg.contains(">over it<"), "the legend says what red means");
        // a limit beyond every bar still fits on the axis
        String beyond = Svg.bars("Memory", "MiB", v -> Format.number(v) + " MiB",
                List.of(new Svg.Bar("small", "", 30, "#1a73e8", false, 200)));
        assertTrue(beyond.contains(">200<"), "the axis reaches the limit: " + beyond);
        assertFalse(Svg.bars("T", "x", Format::number, List.of(new Svg.Bar("a", "", 1, "#1a73e8", false)))
                .contains("over it"), "no legend without limits");
        assertStructure(svg, "Memory");
    }

    @Test
    void stripPlotHasOneDotPerSampleAMedianPerRowAndGreyFloors() {
        String svg = Svg.strip("Cold starts", "time (ms)", List.of(
                new Svg.StripRow("Lambda", "as deployed", List.of(100.0, 300.0, 200.0), "#e8710a", false),
                new Svg.StripRow("floor", "", List.of(50.0, 60.0), "#e8710a", true)));
        assertEquals(5 + 2, count(svg, "<circle cx=\""), "5 samples plus the legend's 2 dots");
        assertEquals(2, count(svg, "class=\"median\""));
        assertTrue(svg.contains("p50 200 ms"), svg);
        assertTrue(svg.contains("p50 50 ms"), "nearest rank: the median of two is the lower\n" + svg);
        assertEquals(3, count(svg, "fill=\"" + Svg.REFERENCE_COLOUR + "\" fill-opacity=\"0.55\""),
                "two floor dots and the legend's floor dot");
        // median of 100, 200, 300 is 200: at 200/300 of the 0..300 axis between x 300 and 810
        assertTrue(svg.contains("class=\"median\" x1=\"640.0\""), svg);
        assertStructure(svg, "Cold starts");
    }

    @Test
    void lineChartOnLogAxesWithMarkersAndLegend() {
        List<Svg.XY> cheap = List.of(new Svg.XY(1e4, 0.035), new Svg.XY(1e10, 35_000));
        List<Svg.XY> base = List.of(new Svg.XY(1e4, 25), new Svg.XY(1e10, 10_025));
        String svg = Svg.lines("Cost", new Svg.Axis("requests per month", Svg.Scale.LOG, Format::compact),
                new Svg.Axis("USD per month", Svg.Scale.LOG, Format::usdShort),
                List.of(new Svg.Line("Lambda", cheap, "#e8710a", false), new Svg.Line("App Runner", base, "#1a73e8", true)),
                List.of(new Svg.Marker(1e7, "Lambda → App Runner at 10M"), new Svg.Marker(2e7, "second")));
        assertEquals(2, count(svg, "class=\"marker\""));
        assertTrue(svg.contains("Lambda → App Runner at 10M"), svg);
        for (String tick : List.of(">10k<", ">1M<", ">10B<", ">$0.01<", ">$100k<")) {
            assertTrue(svg.contains(tick), tick + " in " + svg);
        }
        assertTrue(svg.contains(">Lambda<") && svg.contains(">App Runner<"), "legend");
        assertTrue(svg.contains("stroke-dasharray=\"6 4\""), "a dashed series");
        // the marker at 1e7 is half-way along 1e4..1e10: x 76 + 0.5 × 674
        assertTrue(svg.contains("<g class=\"marker\"><line x1=\"413.0\""), svg);
        assertStructure(svg, "Cost");
    }

    @Test
    void latencyCurveOnNinesAxisIsLabelledInPercentiles() {
        Svg.Axis x = new Svg.Axis("percentile", Svg.Scale.NINES, Format::percentile);
        Svg.Axis y = new Svg.Axis("latency (ms)", Svg.Scale.LINEAR, Format::ms);
        String svg = Svg.lines("Latency", x, y, List.of(new Svg.Line("400/s", List.of(
                new Svg.XY(50, 2), new Svg.XY(90, 3), new Svg.XY(99, 9), new Svg.XY(99.9, 20), new Svg.XY(100, 80)),
                "#1a73e8", false)), List.of());
        for (String tick : List.of(">50<", ">90<", ">99<", ">99.9<")) {
            assertTrue(svg.contains(tick), tick);
        }
        // percentile 100 is infinitely far on a nines axis: left out, not drawn at infinity
        assertFalse(svg.contains("Infinity") || svg.contains("NaN"), svg);
        assertEquals(4, count(svg, "r=\"2.6\""));
    }

    private static void assertStructure(String svg, String title) {
        assertTrue(svg.startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 960 "), svg);
        assertTrue(svg.contains("<title>" + title + "</title>"), svg);
        assertTrue(svg.endsWith("</svg>"));
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
