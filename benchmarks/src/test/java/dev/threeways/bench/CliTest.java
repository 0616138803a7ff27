package dev.threeways.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.advisor.cli.Cli;
import dev.threeways.bench.cost.AdvisorPrices;
import dev.threeways.bench.cost.Costs;
import dev.threeways.bench.cost.Measured;
import dev.threeways.bench.report.Html;
import dev.threeways.bench.report.Markdown;
import dev.threeways.bench.report.Report;
import dev.threeways.bench.report.ReportFiles;
import dev.threeways.bench.report.SampleReports;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = BenchMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpNamesEveryCommandAndExitsZero() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String command : List.of("compare", "remote", "render", "jmh", "--budget-minutes", "--max-requests", "--json")) {
            assertTrue(r.out().contains(command), "--help mentions " + command);
        }
        assertEquals(0, run("compare", "--help").exit());
        assertTrue(r.out().contains("--reprice"), "--help documents render --reprice");
    }

    /** A report.json of the sample report with {@code cost} as its cost part, in its own directory. */
    private Path reportJson(String name, Report.CostPart cost) {
        return ReportFiles.write(SampleReports.full().withCost(cost), dir.resolve(name)).json();
    }

    @Test
    void renderRepricePricesTheStoredFiguresWithTheCurrentPricesAndWritesAllThreeFiles() throws IOException {
        // the sample's cost part was priced by made-up models, not from the figures it keeps
        Report.CostPart stale = SampleReports.cost();
        Report.PricedFigures figures = stale.figures();
        Path from = reportJson("old", stale);
        String before = Files.readString(from);
        Report.CostPart expected = new Costs(new AdvisorPrices()).price(Measured.asDeployed(
                figures.lambdaWarmBilledMs(), figures.lambdaInitMs(), figures.lambdaFirstInvokeMs(),
                figures.appRunnerPerSecond(), figures.appRunnerResidentMib(), figures.fargatePerSecond(),
                figures.fargateResidentMib(), figures.cores()));
        assertNotEquals(expected.profiles(), stale.profiles(), "re-pricing must change something to be seen");

        Path out = dir.resolve("repriced");
        Run r = run("render", "--from", from.toString(), "--reprice", "--out", out.toString());
        assertEquals(0, r.exit(), r.err());

        Report repriced = ReportFiles.read(out.resolve(ReportFiles.JSON));
        assertEquals(expected.withFigures(figures), repriced.cost());
        assertEquals(expected.source(), repriced.cost().source());
        // nothing but the cost part and a note saying so changes
        Report original = SampleReports.full();
        assertEquals(original.starts(), repriced.starts());
        assertEquals(original.loads(), repriced.loads());
        assertEquals(original.machine(), repriced.machine());
        // the sample predates the webhook figures: its webhook profiles are not priced, and a note says so
        assertEquals(original.notes().size() + 2, repriced.notes().size());
        assertTrue(repriced.notes().contains(CostStep.REPRICED_NOTE), repriced.notes().toString());
        assertTrue(repriced.notes().contains(CostStep.NO_WEBHOOK_FIGURES_NOTE), repriced.notes().toString());
        // the three files agree
        assertEquals(Markdown.render(repriced), Files.readString(out.resolve(ReportFiles.MARKDOWN)));
        assertEquals(Html.render(repriced), Files.readString(out.resolve(ReportFiles.HTML)));
        assertTrue(Files.readString(out.resolve(ReportFiles.MARKDOWN)).contains(expected.source()));
        assertEquals(before, Files.readString(from), "--out elsewhere leaves the source report alone");

        // in place, and again: the same report, the note once
        assertEquals(0, run("render", "--from", out.resolve(ReportFiles.JSON).toString(), "--reprice").exit());
        assertEquals(repriced, ReportFiles.read(out.resolve(ReportFiles.JSON)));
    }

    @Test
    void renderWithoutRepriceKeepsTheStoredPrices() {
        Path from = reportJson("kept", SampleReports.cost());
        Path out = dir.resolve("rendered");
        assertEquals(0, run("render", "--from", from.toString(), "--out", out.toString()).exit());
        assertEquals(SampleReports.cost(), ReportFiles.read(out.resolve(ReportFiles.JSON)).cost());
    }

    @Test
    void renderRepriceRefusesAReportWithoutStoredFigures() {
        Path from = reportJson("predates", SampleReports.cost().withFigures(null));
        Path out = dir.resolve("nothing");
        Run r = run("render", "--from", from.toString(), "--reprice", "--out", out.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("predates stored priced figures"), r.err());
        assertTrue(r.err().contains("measure it again with `compare`"), r.err());
        assertFalse(r.err().contains("Exception"), "a usage message, not a stack trace: " + r.err());
        assertFalse(Files.exists(out), "nothing is written");

        Run noCost = run("render", "--from", reportJson("unpriced", null).toString(), "--reprice", "--out", out.toString());
        assertEquals(2, noCost.exit(), noCost.err());
        assertTrue(noCost.err().contains("no cost part"), noCost.err());
        assertFalse(Files.exists(out), "nothing is written");
    }

    @Test
    void badInputIsAUsageErrorNotAStackTrace() {
        Run unknown = run("compare", "--roundz", "3");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().contains("unknown option: --roundz"), unknown.err());
        Run negative = run("compare", "--rounds", "-1");
        assertEquals(2, negative.exit());
        assertTrue(negative.err().contains("--rounds must be a positive whole number"), negative.err());
        Run part = run("compare", "--parts", "lambda,gpu");
        assertEquals(2, part.exit());
        assertTrue(part.err().contains("not: gpu"), part.err());
        Run remote = run("remote");
        assertEquals(2, remote.exit());
        assertTrue(remote.err().contains("--outputs"), remote.err());
        assertEquals(2, run("benchmark-everything").exit());
        assertEquals(2, run().exit(), "no command is a usage error");
    }

    @Test
    void partsAreParsedCaseInsensitively() {
        assertEquals(EnumSet.of(Compare.Part.LAMBDA, Compare.Part.COST),
                BenchMain.parts("Lambda, cost", EnumSet.allOf(Compare.Part.class)));
        assertEquals(EnumSet.allOf(Compare.Part.class), BenchMain.parts(null, EnumSet.allOf(Compare.Part.class)));
    }

    @Test
    void aValuedOptionWithoutItsValueIsRefused() {
        var e = assertThrows(Cli.UsageException.class, () -> Cli.parse(List.of("--rounds"), Set.of("--rounds"), Set.of()));
        assertEquals("--rounds needs a value", e.getMessage());
    }
}
