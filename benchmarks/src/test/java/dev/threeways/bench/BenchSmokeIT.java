package dev.threeways.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.bench.report.Html;
import dev.threeways.bench.report.Report;
import dev.threeways.bench.report.ReportFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command as a newcomer runs it — the packaged jar, {@code compare} — with tiny
 * parameters: every part must run against the real artifacts and write a complete report. No timing
 * is asserted; the figures of a smoke run mean nothing.
 */
class BenchSmokeIT {
    @Test
    void compareQuickRunsEveryPartAndWritesTheReport() throws Exception {
        Path jar = Path.of(System.getProperty("bench.jar", "target/three-ways-bench.jar"));
        assertTrue(Files.isRegularFile(jar), "the packaged harness: " + jar);
        Path out = Path.of("target", "smoke-report").toAbsolutePath();
        Path log = Path.of("target", "smoke-compare.log").toAbsolutePath();
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "compare", "--quick", "--out", out.toString()));
        Process p = new ProcessBuilder(command).directory(Path.of("..").toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = p.waitFor(15, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String output = Files.readString(log);
        assertTrue(ended, "compare --quick stops by itself:\n" + output);
        assertEquals(0, p.exitValue(), output);

        Report report = ReportFiles.read(out.resolve("report.json"));
        assertTrue(report.starts().stream().anyMatch(s -> s.way().equals("Lambda")), "Lambda cold starts");
        assertTrue(report.starts().stream().anyMatch(s -> s.variant().contains("jwebserver")), "the server floor");
        assertTrue(report.starts().stream().anyMatch(s -> s.way().equals("App Runner")), "App Runner starts");
        assertTrue(report.starts().stream().anyMatch(s -> s.way().equals("Fargate")), "Fargate starts");
        for (String way : List.of("Lambda", "App Runner", "Fargate")) {
            assertTrue(report.starts().stream().anyMatch(s -> s.way().equals(way) && s.variant().contains("as shipped")),
                    way + ": started as its image ships, with the AOT cache its image build's training run made");
            assertTrue(report.starts().stream().anyMatch(s -> s.way().equals(way) && s.variant().contains("without its AOT cache")),
                    way + ": the same image started without its cache");
        }
        assertTrue(report.starts().stream().filter(s -> s.way().equals("Lambda"))
                .allMatch(s -> s.initMs().size() == s.totalMs().size()), "init reported apart for every Lambda start");
        for (String way : List.of("App Runner", "Fargate")) {
            assertTrue(report.loads().stream().anyMatch(l -> l.way().equals(way) && l.offeredPerSecond() > 0
                    && l.statuses().containsKey("200")), way + ": an open-model run answered 200");
            assertTrue(report.memory().stream().anyMatch(m -> m.way().equals(way)), way + ": resident memory");
        }
        assertTrue(report.throughputs().stream().anyMatch(t -> t.way().equals("Lambda") && t.perSecond() > 0),
                "the Lambda queue path applied webhooks");
        assertTrue(report.throughputs().stream().anyMatch(t -> t.way().equals("Fargate") && t.what().contains("worker")
                && t.perSecond() > 0), "the Fargate worker applied webhooks");
        assertTrue(report.cost() != null && !report.cost().profiles().isEmpty(), "priced");
        assertFalse(report.ratios().isEmpty());
        assertTrue(report.ratios().stream().noneMatch(r -> r.figure().startsWith("floor")), "a floor is a reference, never a row");
        assertFalse(report.verdicts().isEmpty(), "the report opens with its verdict");
        for (String way : List.of("Lambda", "App Runner", "Fargate")) {
            assertTrue(report.processes().stream().anyMatch(proc -> proc.way().equals(way)), way + ": its process as read from it");
        }
        assertTrue(report.processes().stream().allMatch(proc -> !proc.gc().equals("unknown") && proc.activeProcessors() > 0
                && !proc.cpu().isBlank()), "every process's collector, processors and CPU read from it: " + report.processes());
        assertTrue(report.memory().stream().filter(m -> List.of("App Runner", "Fargate").contains(m.way()))
                .allMatch(m -> m.deployedMib() > 0), "the ways' deployed memory beside their resident memory");
        assertTrue(report.machine().postgres().contains("TLS"), "says how the ways reach PostgreSQL: " + report.machine().postgres());
        assertTrue(report.machine().placement() != null && !report.machine().placement().isBlank(), "says how the CPU was split");
        assertTrue(report.ratios().stream().allMatch(r -> r.referenceValue() > 0 && r.value() > 0), "every ratio has both sides");
        assertTrue(report.notes().stream().anyMatch(n -> n.startsWith("GET /hello at saturation was sent by wrk")),
                "the servers saturated by wrk, not the harness's own generator (.ci/run installs wrk): " + report.notes());
        assertEquals(6, report.notes().stream().filter(n -> n.startsWith("CPU used while saturated")).count(),
                "each saturated server's CPU use, read from the kernel: " + report.notes());

        String html = Files.readString(out.resolve("report.html"));
        for (String chart : Html.expectedCharts(report)) {
            assertTrue(html.contains("data-chart=\"" + chart + "\""), "chart " + chart + " in report.html");
        }
        assertTrue(Files.readString(out.resolve("report.md")).contains("|"), "report.md has its tables");
        assertTrue(output.contains("using "), "says what database and queue it used:\n" + output);
    }
}
