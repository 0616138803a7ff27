package dev.threeways.bench.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report in a real browser: every chart must draw, and the page must not complain. */
class ChromiumRenderTest {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Path OUT = Path.of("target", "report-test");

    @TempDir
    Path tmp;

    @Test
    void everyExpectedChartDrawsWithoutConsoleErrors() throws IOException {
        Report report = SampleReports.full();
        ReportFiles.Written written = ReportFiles.write(report, OUT);
        Chromium.Rendered rendered = Chromium.render(written.html(), OUT.resolve("screenshot.png"));

        assertEquals(List.of(), rendered.consoleErrors());
        assertEquals(new HashSet<>(Html.expectedCharts(report)), new HashSet<>(rendered.charts()));
        assertEquals(Html.expectedCharts(report).size(), rendered.charts().size(), "each chart once");

        byte[] png = Files.readAllBytes(rendered.screenshot());
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
        // IHDR, the first chunk, holds width and height at bytes 16..23
        int width = ByteBuffer.wrap(png, 16, 4).getInt();
        int height = ByteBuffer.wrap(png, 20, 4).getInt();
        assertFullPage(width, height, png.length);
    }

    @Test
    void aScreenshotCanBeCutToTheTopOfThePage() throws IOException {
        ReportFiles.Written written = ReportFiles.write(SampleReports.full(), tmp.resolve("cut"));
        Chromium.Rendered rendered = Chromium.render(written.html(), tmp.resolve("top.png"), 600);
        byte[] png = Files.readAllBytes(rendered.screenshot());
        assertEquals(1280, ByteBuffer.wrap(png, 16, 4).getInt());
        assertEquals(600, ByteBuffer.wrap(png, 20, 4).getInt(), "the top 600 CSS pixels, not the whole page");
        assertEquals(new HashSet<>(Html.expectedCharts(SampleReports.full())), new HashSet<>(rendered.charts()),
                "the charts below the cut are still checked");
    }

    @Test
    void anAlmostEmptyReportDrawsItsOneChartAndNothingElse() {
        Report report = SampleReports.almostEmpty();
        ReportFiles.Written written = ReportFiles.write(report, tmp.resolve("empty"));
        Chromium.Rendered rendered = Chromium.render(written.html(), tmp.resolve("empty.png"));
        assertEquals(List.of("cold-start-floor"), rendered.charts());
        assertEquals(List.of(), rendered.consoleErrors());
    }

    @Test
    void aPageThatComplainsOrDrawsNothingIsCaught() throws IOException {
        Path page = tmp.resolve("broken.html");
        Files.writeString(page, """
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head><body>
                <figure class="chart" data-chart="drawn"><svg viewBox="0 0 10 10" width="100">
                  <rect width="10" height="10"/></svg></figure>
                <figure class="chart" data-chart="empty"><svg viewBox="0 0 10 10" width="100"></svg></figure>
                <figure class="chart" data-chart="no-svg"><p>nothing</p></figure>
                <script>console.error("deliberate", 42);</script>
                </body></html>
                """);
        Chromium.Rendered rendered = Chromium.render(page, tmp.resolve("broken.png"));
        assertEquals(List.of("drawn"), rendered.charts());
        assertEquals(1, rendered.consoleErrors().size(), rendered.consoleErrors().toString());
        assertTrue(rendered.consoleErrors().getFirst().contains("deliberate 42"), rendered.consoleErrors().toString());
    }

    @Test
    void anUncaughtExceptionIsAnErrorToo() throws IOException {
        Path page = tmp.resolve("throws.html");
        Files.writeString(page, "<!DOCTYPE html><html><body><script>null.boom();</script></body></html>");
        Chromium.Rendered rendered = Chromium.render(page, tmp.resolve("throws.png"));
        assertEquals(1, rendered.consoleErrors().size(), rendered.consoleErrors().toString());
        assertTrue(rendered.consoleErrors().getFirst().startsWith("uncaught: TypeError"), rendered.consoleErrors().toString());
    }

    @Test
    void aMissingBrowserSaysHowToInstallIt() {
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> Chromium.executable(tmp.resolve("no-chromium-here").toString()));
        assertTrue(e.getMessage().contains("install Debian's chromium (apt-get install chromium); .ci/run installs it"),
                e.getMessage());
        assertEquals(Path.of(Chromium.DEFAULT_EXECUTABLE), Chromium.executable(""), "blank means the default");
    }

    /** The screenshot is the 1280 px wide full page: taller than a screen, and not a blank image. */
    private static void assertFullPage(int width, int height, int bytes) {
        assertEquals(Chromium.SCREENSHOT_WIDTH, width);
        assertTrue(height > 3000 && height <= Chromium.MAX_SCREENSHOT_HEIGHT, "height " + height);
        assertTrue(bytes > 100_000, "a full report compresses to more than this: " + bytes + " bytes");
    }
}
