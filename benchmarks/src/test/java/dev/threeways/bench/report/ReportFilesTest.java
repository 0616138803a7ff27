package dev.threeways.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportFilesTest {
    @TempDir
    Path dir;

    @Test
    void writtenJsonReadsBackAsTheSameReport() throws IOException {
        Report report = SampleReports.full();
        ReportFiles.Written written = ReportFiles.write(report, dir.resolve("out"));
        assertEquals(dir.resolve("out/report.json"), written.json());
        assertEquals(report, ReportFiles.read(written.json()));
        String json = Files.readString(written.json());
        assertTrue(json.contains("\n  \"machine\" : {"), "pretty-printed by component:\n" + json.substring(0, 200));
        assertTrue(json.contains("\"totalMs\""));
        assertFalse(json.contains("\"ratio\" :"), "ratio() is derived, not stored");
        assertEquals(Markdown.render(report), Files.readString(written.markdown()));
        assertEquals(Html.render(report), Files.readString(written.html()));
    }

    @Test
    void aReportWithoutCostRoundTripsAndRendersAgainFromItsJson() throws IOException {
        Report report = SampleReports.almostEmpty();
        ReportFiles.Written first = ReportFiles.write(report, dir);
        Files.delete(first.html());
        Files.delete(first.markdown());
        ReportFiles.Written again = ReportFiles.write(ReportFiles.read(first.json()), dir);
        assertEquals(report, ReportFiles.read(again.json()));
        assertTrue(Files.readString(again.html()).contains("data-chart=\"cold-start-floor\""));
        assertTrue(Files.readString(again.markdown()).contains("## Cost\n\n_Not run._"));
    }

    @Test
    void theFiguresACostPartWasPricedFromRoundTrip() throws IOException {
        Report report = SampleReports.full();
        ReportFiles.Written written = ReportFiles.write(report, dir);
        String json = Files.readString(written.json());
        assertTrue(json.contains("\"figures\" : {"), "the cost part keeps its figures");
        assertTrue(json.contains("\"lambdaWarmBilledMs\" : 4.6"), json);
        assertTrue(json.contains("\"cores\" : 16"), json);
        Report.PricedFigures read = ReportFiles.read(written.json()).cost().figures();
        assertEquals(SampleReports.FIGURES, read);
        assertEquals(4.6, read.lambdaWarmBilledMs());
        assertEquals(612.3, read.lambdaInitMs());
        assertEquals(187.9, read.lambdaFirstInvokeMs());
        assertEquals(18_400, read.appRunnerPerSecond());
        assertEquals(318.9, read.appRunnerResidentMib());
        assertEquals(19_120, read.fargatePerSecond());
        assertEquals(305.1, read.fargateResidentMib());
        assertEquals(16, read.cores());
    }

    @Test
    void aReportWrittenBeforeTheFiguresWereKeptReadsWithoutThem() {
        Report report = SampleReports.full();
        var mapper = JsonMapper.builder().build();
        var tree = (ObjectNode) mapper.readTree(ReportFiles.toJson(report));
        assertNotNull(((ObjectNode) tree.get("cost")).remove("figures"), "the sample keeps figures to remove");
        Report old = ReportFiles.fromJson(mapper.writeValueAsString(tree));
        assertNull(old.cost().figures());
        assertEquals(report.cost().withFigures(null), old.cost());
        assertEquals(report.withCost(old.cost()), old);
        assertEquals(Markdown.render(report), Markdown.render(old), "the figures are not rendered");
    }

    @Test
    void theNewPartsRoundTrip() throws IOException {
        Report report = SampleReports.full();
        String json = Files.readString(ReportFiles.write(report, dir).json());
        assertTrue(json.indexOf("\"verdicts\" : [") < json.indexOf("\"starts\" : ["), "verdicts first after the command");
        assertTrue(json.contains("\"withinNoise\" : true"), json);
        assertTrue(json.contains("\"processes\" : ["), json);
        assertTrue(json.contains("\"deployedMib\" : 2048.0"), json);
        assertTrue(json.contains("\"placement\" : \"" + SampleReports.PLACEMENT + "\""), json);
        assertTrue(json.contains("\"repetitions\" : 3"), json);
        assertFalse(json.contains("\"breaches\""), "breaches() is derived, not stored");
        Report read = ReportFiles.read(dir.resolve(ReportFiles.JSON));
        assertEquals(report, read);
        assertEquals(SampleReports.processes(), read.processes());
        assertEquals(report.verdicts(), read.verdicts());
    }

    @Test
    void aReportWrittenBeforeSpreadProcessesAndVerdictsReadsWithDefaults() {
        Report report = SampleReports.full();
        var mapper = JsonMapper.builder().build();
        var tree = (ObjectNode) mapper.readTree(ReportFiles.toJson(report));
        tree.remove("verdicts");
        tree.remove("processes");
        var machine = (ObjectNode) tree.get("machine");
        for (String field : java.util.List.of("commit", "cpuModel", "kernel", "postgres", "elasticMq", "placement")) {
            assertNotNull(machine.remove(field), field);
        }
        tree.get("memory").forEach(m -> ((ObjectNode) m).remove("deployedMib"));
        tree.get("ratios").forEach(r -> {
            ((ObjectNode) r).remove("low");
            ((ObjectNode) r).remove("high");
            ((ObjectNode) r).remove("repetitions");
        });

        Report old = ReportFiles.fromJson(mapper.writeValueAsString(tree));
        assertEquals(java.util.List.of(), old.verdicts());
        assertEquals(java.util.List.of(), old.processes());
        assertEquals(SampleReports.oldMachine(), old.machine());
        assertTrue(old.memory().stream().allMatch(m -> m.deployedMib() == 0 && !m.breaches()));
        for (Report.Ratio r : old.ratios()) {
            assertEquals(1, r.repetitions(), r.figure());
            assertEquals(r.ratio(), r.low(), r.figure());
            assertEquals(r.ratio(), r.high(), r.figure());
        }
        assertEquals(report.starts(), old.starts());
        assertEquals(report.loads(), old.loads());
        // rendered, it still opens with a verdict: drawn from its own figures, the same as the stored one
        assertEquals(report.verdicts(), Verdicts.of(old));
        String md = Markdown.render(old);
        assertTrue(md.startsWith("# Three Ways — benchmark report\n\n## Verdict\n\n"), md);
        assertTrue(md.contains("## Processes as measured\n\n_Not recorded in this report._"), md);
        assertTrue(md.contains("| 0.45× (n=1) | ceiling |"), md);
        Html.render(old);
    }

    @Test
    void theCommittedReportStillReadsAndRenders() throws IOException {
        // docs/benchmarks/report.json: the published run (an older shape is read by the test above)
        Path committed = Path.of("..", "docs", "benchmarks", "report.json");
        String json = Files.readString(committed);
        Report report = ReportFiles.read(committed);
        assertNotNull(report.cost(), "the committed report was priced");
        assertFalse(report.cost().profiles().isEmpty());
        assertEquals(json.contains("\"figures\""), report.cost().figures() != null, "figures read when and only when stored");
        // written with the spread, the processes, the deployed memory, the machine's metadata and the verdicts
        assertFalse(report.verdicts().isEmpty() || report.processes().isEmpty());
        assertTrue(report.ratios().stream().allMatch(r -> r.repetitions() >= 3), "every published ratio has its range");
        assertTrue(report.memory().stream().anyMatch(m -> m.deployedMib() > 0));
        assertEquals(report.verdicts(), Verdicts.of(report), "the stored verdict is the one its figures give");
        // what `render --from docs/benchmarks/report.json` does: read, write the three files again
        ReportFiles.Written again = ReportFiles.write(report, dir);
        String md = Files.readString(again.markdown());
        assertTrue(md.contains("## Cost"));
        assertTrue(md.startsWith("# Three Ways — benchmark report\n\n## Verdict\n\n"), md);
        // one verdict row per priced profile, each making its cost call from the profile's prices
        for (Report.ProfileCost p : report.cost().profiles()) {
            assertTrue(md.contains("| " + Verdicts.profile(p) + " | "), p.profile() + "\n" + md);
        }
        assertTrue(md.contains(", n=10) | floor |") && md.contains(", n=3) | ceiling |"), "each ratio with its range and count");
        String html = Files.readString(again.html());
        assertTrue(html.contains("<section id=\"verdict\">"));
        for (String chart : Html.expectedCharts(report)) {
            assertTrue(html.contains("data-chart=\"" + chart + "\""), chart);
        }
        assertEquals(report, ReportFiles.read(again.json()));
    }
}
