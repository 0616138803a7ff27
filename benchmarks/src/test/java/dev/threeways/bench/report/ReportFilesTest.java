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
    void theCommittedReportStillReadsAndRenders() throws IOException {
        // docs/benchmarks/report.json was written before the cost part kept its figures (until it is measured again)
        Path committed = Path.of("..", "docs", "benchmarks", "report.json");
        String json = Files.readString(committed);
        Report report = ReportFiles.read(committed);
        assertNotNull(report.cost(), "the committed report was priced");
        assertFalse(report.cost().profiles().isEmpty());
        assertEquals(json.contains("\"figures\""), report.cost().figures() != null, "figures read when and only when stored");
        ReportFiles.Written again = ReportFiles.write(report, dir);
        assertTrue(Files.readString(again.markdown()).contains("## Cost"));
        assertEquals(report, ReportFiles.read(again.json()));
    }
}
