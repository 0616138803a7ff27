package dev.threeways.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
