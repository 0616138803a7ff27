package dev.threeways.bench.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The verdict drawn from small hand-made reports whose every figure is known. */
class VerdictsTest {
    /** Ten starts per series; the interquartile range is the 3rd to the 8th fastest (nearest rank). */
    private static final List<Double> LAMBDA = List.of(200.0, 210.0, 220.0, 230.0, 240.0, 250.0, 260.0, 270.0, 280.0, 290.0);
    private static final List<Double> APP_RUNNER = List.of(300.0, 310.0, 320.0, 330.0, 340.0, 350.0, 360.0, 370.0, 380.0, 390.0);
    private static final List<Double> FARGATE = List.of(250.0, 265.0, 275.0, 285.0, 295.0, 305.0, 315.0, 325.0, 335.0, 345.0);

    @Test
    void eachCallNamesTheWinnerAndTheFiguresItRestsOn() {
        Report report = report(starts(LAMBDA, APP_RUNNER, FARGATE), List.of(
                        run("App Runner", "GET /hello", 50, 3.0), run("App Runner", "GET /hello", 100, 4.0),
                        run("App Runner", "GET /hello", 100, 4.4), run("App Runner", "GET /hello", 100, 3.8),
                        run("Fargate", "GET /hello", 100, 2.1), run("Fargate", "GET /hello", 100, 2.4),
                        run("Fargate", "GET /hello", 100, 1.9), run("Fargate", "GET /hello", 200, 2.2),
                        run("ceiling", "GET /hello", 100, 0.5)),
                cost(profile("steady", 10_000_000, Map.of("Lambda", 12.18, "App Runner", 56.94, "Fargate", 31.73))));
        List<Report.Verdict> verdicts = Verdicts.from(report);
        assertEquals(1, verdicts.size());
        Report.Verdict v = verdicts.getFirst();
        assertEquals("steady (10M requests/month): the steady profile", v.profile());

        // 100/s is the lowest rate both servers were measured at (App Runner's 50/s alone does not count); the
        // ceiling is a reference, not a way
        assertEquals(new Report.Call("Fargate", "p99 from the due time at 100/s offered on GET /hello (median, min–max"
                + " over n runs): Fargate 2.1 ms (1.9–2.4, n=3) vs App Runner 4.0 ms (3.8–4.4, n=3); Lambda has no load"
                + " run (its warm invokes are in the notes), so this compares the servers only", false), v.latency());

        // Lambda's deployed handler and the servers' images as shipped; the faster variants beside them do not count
        assertEquals("Lambda", v.coldStart().winner());
        assertFalse(v.coldStart().withinNoise(), "Lambda's 220–270 clears Fargate's 275–325");
        assertEquals("median time to the first good response (interquartile range, n fresh starts): "
                + "Lambda 240 ms (220–270, n=10) vs Fargate 295 ms (275–325, n=10) vs App Runner 340 ms (320–370, n=10);"
                + " a server kept at one warm instance meets this only when it scales out", v.coldStart().basis());

        assertEquals(new Report.Call("Lambda", "US dollars a month at 10M requests: Lambda $12.18 vs Fargate $31.73"
                + " vs App Runner $56.94; prices are computed from the measured figures, not sampled, so a gap under 5 %"
                + " counts as none", false), v.cost());
    }

    @Test
    void overlappingFiguresNameNoWinner() {
        // Fargate's cold-start IQR (275–325) meets Lambda's when Lambda's reaches 280
        List<Double> slowerLambda = List.of(200.0, 230.0, 250.0, 260.0, 265.0, 270.0, 275.0, 280.0, 300.0, 320.0);
        Report report = report(starts(slowerLambda, APP_RUNNER, FARGATE), List.of(
                        run("App Runner", "GET /hello", 100, 2.0), run("App Runner", "GET /hello", 100, 2.6),
                        run("Fargate", "GET /hello", 100, 2.1), run("Fargate", "GET /hello", 100, 2.4)),
                cost(profile("steady", 10_000_000, Map.of("App Runner", 31.0, "Fargate", 30.0, "Lambda", 40.0)),
                        profile("idle", 2_500, Map.of("App Runner", 31.0, "Fargate", 29.0))));
        List<Report.Verdict> verdicts = Verdicts.from(report);
        assertEquals(List.of("steady (10M requests/month): the steady profile", "idle (2.5k requests/month): the idle profile"),
                verdicts.stream().map(Report.Verdict::profile).toList());

        Report.Call latency = verdicts.getFirst().latency();
        assertTrue(latency.withinNoise(), latency.toString());
        assertNull(latency.winner(), "no winner when the ranges overlap");
        assertTrue(latency.basis().contains("App Runner 2.0 ms (2.0–2.6, n=2) vs Fargate 2.1 ms (2.1–2.4, n=2)"),
                latency.basis());

        Report.Call coldStart = verdicts.getFirst().coldStart();
        assertTrue(coldStart.withinNoise(), coldStart.toString());
        assertNull(coldStart.winner());
        assertTrue(coldStart.basis().contains("Lambda 265 ms (250–280, n=10) vs Fargate 295 ms (275–325, n=10)"),
                coldStart.basis());

        // $30 against $31 is 3.3 % apart: within the 5 % a computed price is not trusted to
        Report.Call close = verdicts.get(0).cost();
        assertTrue(close.withinNoise(), close.toString());
        assertNull(close.winner());
        assertTrue(close.basis().startsWith("US dollars a month at 10M requests: Fargate $30.00 vs App Runner $31.00"
                + " vs Lambda $40.00"), close.basis());
        // $29 against $31 is 6.9 % apart: a call, and only for the ways that profile priced
        Report.Call clear = verdicts.get(1).cost();
        assertEquals("Fargate", clear.winner());
        assertFalse(clear.withinNoise());
        assertFalse(clear.basis().contains("Lambda"), clear.basis());

        // the renderings say it in words
        String md = Markdown.render(report.withVerdicts(verdicts));
        assertTrue(md.contains("| steady (10M requests/month): the steady profile | no measurable difference: p99 from"
                + " the due time"), md);
    }

    @Test
    void withoutACostPartOneRowForAnyTraffic() {
        Report report = report(starts(LAMBDA, APP_RUNNER, FARGATE), List.of(), null);
        List<Report.Verdict> verdicts = Verdicts.from(report);
        assertEquals(1, verdicts.size());
        Report.Verdict v = verdicts.getFirst();
        assertEquals("any", v.profile());
        assertEquals(Report.Call.notMeasured("Cost was not priced in this run."), v.cost());
        assertEquals(Report.Call.notMeasured("No way was load-tested at an offered rate."), v.latency());
        assertEquals("Lambda", v.coldStart().winner(), "what was measured is still called");
        String row = Markdown.render(report).lines().filter(l -> l.startsWith("| any ")).findFirst().orElseThrow();
        assertTrue(row.startsWith("| any | No way was load-tested at an offered rate. | Lambda: median time"), row);
        assertTrue(row.endsWith(" | Cost was not priced in this run. |"), row);
    }

    @Test
    void latencyPrefersHelloAndNeedsARateEveryServerWasMeasuredAt() {
        Report noCommonRate = report(List.of(), List.of(run("App Runner", "GET /hello", 100, 2.0),
                run("Fargate", "GET /hello", 200, 2.0)), null);
        assertEquals(Report.Call.notMeasured("No offered rate on GET /hello was load-tested on every way (App Runner,"
                + " Fargate)."), Verdicts.latency(noCommonRate));

        Report twoPaths = report(List.of(), List.of(run("App Runner", "POST /webhooks", 10, 9.0),
                run("Fargate", "POST /webhooks", 10, 8.0), run("App Runner", "GET /hello", 100, 2.0),
                run("Fargate", "GET /hello", 100, 3.0), run("App Runner", "GET /hello", 0, 1.0)), null);
        Report.Call call = Verdicts.latency(twoPaths);
        assertEquals("App Runner", call.winner(), "GET /hello, not the webhook path listed first");
        assertTrue(call.basis().startsWith("p99 from the due time at 100/s offered on GET /hello"), call.basis());
        assertFalse(call.basis().contains("Lambda"), "no Lambda in this report, so nothing said about it");
        assertTrue(call.basis().contains("App Runner 2.0 ms (n=1)"), "a single run says n=1: " + call.basis());
    }

    @Test
    void storedVerdictsAreShownAndAReportWithoutThemGetsThemWhenRendered() {
        Report full = SampleReports.full();
        assertEquals(Verdicts.from(full), full.verdicts());
        assertEquals(full.verdicts(), Verdicts.of(full));
        Report old = full.withVerdicts(List.of());
        assertEquals(Markdown.render(full), Markdown.render(old), "drawn at rendering, the same");
        Report stored = full.withVerdicts(List.of(new Report.Verdict("any", Report.Call.notMeasured("a"),
                Report.Call.notMeasured("b"), new Report.Call("Fargate", "c", false))));
        assertTrue(Markdown.render(stored).contains("| any | a | b | Fargate: c |"), "stored verdicts are what is shown");

        // re-pricing changes the cost call: a report's verdicts are drawn again with its cost part
        Report.CostPart flipped = cost(profile("steady", 1, Map.of("Lambda", 90.0, "Fargate", 10.0)));
        assertEquals("Fargate", full.withCost(flipped).verdicts().getFirst().cost().winner());
        assertTrue(old.withCost(flipped).verdicts().isEmpty(), "a report without verdicts keeps none");
        // the constructor in the shape before verdicts were kept draws them
        Report legacy = new Report(full.machine(), full.command(), full.starts(), full.loads(), full.throughputs(),
                full.memory(), full.cost(), full.ratios(), full.notes());
        assertEquals(full.verdicts(), legacy.verdicts());
        assertEquals(List.of(), legacy.processes());
    }

    // ---------------------------------------------------------------- hand-made parts

    private static List<Report.StartSeries> starts(List<Double> lambda, List<Double> appRunner, List<Double> fargate) {
        List<Double> fast = List.of(10.0, 11.0, 12.0);
        return List.of(
                new Report.StartSeries("Lambda", "floor: constant stream handler", true, fast, List.of(), List.of()),
                new Report.StartSeries("Lambda", "container image as shipped (its JDK's AOT cache), GET /hello", false,
                        fast, List.of(), List.of()),
                new Report.StartSeries("Lambda", Verdicts.LAMBDA_DEPLOYED, false, lambda, List.of(), List.of()),
                new Report.StartSeries("servers", "floor: JDK jwebserver (a static file)", true, fast, List.of(), List.of()),
                new Report.StartSeries("App Runner", "App Runner image without its AOT cache", false,
                        List.of(900.0), List.of(), List.of()),
                new Report.StartSeries("App Runner", "App Runner image as shipped (AOT cache; PostgreSQL, migrated)",
                        false, appRunner, List.of(), List.of()),
                new Report.StartSeries("Fargate", "Fargate image as shipped, serve + worker", false, fargate,
                        List.of(), List.of()));
    }

    private static Report.LoadRun run(String way, String path, double rate, double p99) {
        return new Report.LoadRun(way, path, rate, rate, 100, 1,
                List.of(new Report.Point(50, p99 / 2), new Report.Point(99, p99)), List.of(), Map.of("200", 100L), "");
    }

    private static Report.ProfileCost profile(String name, long requests, Map<String, Double> monthly) {
        return new Report.ProfileCost(name, "the " + name + " profile", requests, monthly, Map.of());
    }

    private static Report.CostPart cost(Report.ProfileCost... profiles) {
        return new Report.CostPart("test prices", List.of(profiles), List.of(), List.of(), List.of(), null);
    }

    private static Report report(List<Report.StartSeries> starts, List<Report.LoadRun> loads, Report.CostPart cost) {
        return new Report(SampleReports.machine(), "test", List.of(), starts, new ArrayList<>(loads), List.of(),
                List.of(), List.of(), cost, List.of(), List.of());
    }
}
