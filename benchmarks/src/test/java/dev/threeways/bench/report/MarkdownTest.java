package dev.threeways.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownTest {
    private final String md = Markdown.render(SampleReports.full());

    @Test
    void ratiosTableHasEveryFigureBesideItsReference() {
        assertTrue(md.contains("| Figure | Value | Reference | Reference value | Ratio | Kind |\n"
                + "|---|---:|---|---:|---:|---|\n"), md);
        // measured once: "n=1" says it was not repeated
        assertTrue(md.contains("| Lambda cold start p50 | 842 ms | constant handler in the local Lambda runtime p50"
                + " | 364 ms | 2.31× (n=1) | floor |"), md);
        assertTrue(md.contains("| App Runner cold start p50 | 1,412 ms | JDK HttpServer hello world p50 | 170 ms"
                + " | 8.31× (n=1) | floor |"), md);
        // three repetitions: the ratio of the medians with the lowest and highest per-repetition ratio
        assertTrue(md.contains("| App Runner GET /hello throughput | 18,400 requests/s | JDK HttpServer constant answer"
                + " | 41,000 requests/s | 0.45× (0.40–0.48, n=3) | ceiling |"), md);
        // the ratios come before any measurement section: they are the report's summary
        assertTrue(md.indexOf("## Every figure beside") < md.indexOf("## Cold starts"));
    }

    @Test
    void theReportOpensWithTheVerdictEachCallWithItsFigures() {
        assertTrue(md.startsWith("# Three Ways — benchmark report\n\n## Verdict\n\n" + Markdown.VERDICT_LEAD + "\n\n"
                + "| Profile | Latency | Cold start | Cost |\n|---|---|---|---|\n| hobby (100k requests/month): "), md);
        assertTrue(Markdown.VERDICT_LEAD.contains("\"no measurable difference\" means the repeated measurements overlap"));
        assertTrue(md.indexOf("## Verdict") < md.indexOf("## Machine"));
        assertTrue(md.indexOf("## Machine") < md.indexOf("## Processes as measured"));
        assertTrue(md.indexOf("## Processes as measured") < md.indexOf("## Every figure beside"));
        String startup = md.lines().filter(l -> l.startsWith("| startup ")).findFirst().orElseThrow();
        // the /hello p99 ranges at 100/s overlap: no winner named
        assertTrue(startup.contains("| no measurable difference: p99 from the due time at 100/s offered on /hello"
                + " (median, min–max over n runs): Fargate 8.3 ms (7.9–9.0, n=3) vs App Runner 8.8 ms (8.1–9.4, n=3);"
                + " Lambda has no load run"), startup);
        assertTrue(startup.contains("| Lambda: median time to the first good response (interquartile range, n fresh starts):"
                + " Lambda "), startup);
        assertTrue(startup.contains("| Fargate: US dollars a month at 30M requests: Fargate $48.00 vs App Runner $55.00"
                + " vs Lambda $105.00; prices are computed from the measured figures, not sampled, so a gap under 5 %"
                + " counts as none |"), startup);
        assertTrue(md.contains("| hobby (100k requests/month): a side project: a few visitors a day |"), md);
        assertEquals(3, md.lines().filter(l -> l.contains("requests/month): ")).count(), "one row per profile");
    }

    @Test
    void theProcessesAsMeasured() {
        assertTrue(md.contains("| Way | Variant | CPU | Active processors | GC | Deployed memory | JVM options |\n"
                + "|---|---|---|---:|---|---:|---|\n"), md);
        assertTrue(md.contains("| App Runner | App Runner image as shipped (AOT cache) | 0.58 CPU quota on CPU 1 (cgroup v1"
                + " cfs_quota_us) | 1 | SerialGC | 2.0 GiB | -XX:+UseSerialGC -XX:MaxRAMPercentage=75 -XX:AOTCache=app.aot |"),
                md);
        assertTrue(md.contains("| Fargate | Fargate image as shipped, serve + worker | 0.58 CPU quota on CPU 1"), md);
    }

    @Test
    void coldStartRowsUseNearestRankPercentilesAndDashesForMissingPhases() {
        assertTrue(md.contains("| Way | Variant | n | p50 ms | p90 ms | min ms | max ms | init p50 ms | first invoke p50 ms |"),
                md);
        assertTrue(md.contains("| servers | JDK HttpServer hello world | 10 | 170 | 210 | 150 | 400 | – | – |"), md);
        assertTrue(md.contains("| Lambda | " + Verdicts.LAMBDA_DEPLOYED + " | 20 |"), md);
    }

    @Test
    void latencyRowHasCorrectedPercentilesServiceTimeAndFailures() {
        assertTrue(md.contains("| Way | Path | Offered/s | Achieved/s | p50 ms | p90 ms | p99 ms | p99.9 ms"
                + " | service p99 ms | non-2xx |"), md);
        // 503 × 8 and "error" × 2 are both not 2xx
        assertTrue(md.contains("| App Runner | /hello | 400 | 399 | 1.8 | 3.2 | 13 | 48 | 9.7 | 10 |"), md);
        assertEquals(16, md.lines().filter(l -> l.startsWith("| App Runner | /") || l.startsWith("| Fargate | /")).count());
    }

    @Test
    void throughputMemoryAndCost() {
        assertTrue(md.contains("| floor | JDK HttpServer constant answer | 41,000 | requests/s | ceiling |"), md);
        assertTrue(md.contains("| Way | Process | Resident MiB | Deployed MiB | Breach |"), md);
        assertTrue(md.contains("| App Runner | server jar | 2,438 | 2,048 | over its deployed memory |"), md);
        assertTrue(md.contains("| Fargate | server jar | 305 | 1,024 |  |"), md);
        assertTrue(md.contains("| floor | JDK HttpServer hello world | 48 | – |  |"), md);
        assertEquals(1, md.lines().filter(l -> l.contains(Tables.BREACH)).count(), "only App Runner is over");
        assertTrue(md.contains("| Profile | Description | Requests/month | Lambda $/month | Lambda $/M req"
                + " | App Runner $/month | App Runner $/M req | Fargate $/month | Fargate $/M req |"), md);
        assertTrue(md.contains("| startup | steady traffic, 12 h peaks | 30M | $105.00 | $3.50 | $55.00 | $1.83"
                + " | $48.00 | $1.60 |"), md);
        assertTrue(md.contains("| scale | a busy API around the clock | 3B |"), md);
        assertTrue(md.contains("- Lambda is cheaper below 10M requests/month, App Runner above."), md);
        assertTrue(md.contains("- App Runner is cheaper below 18M requests/month, Fargate above."), md);
        assertTrue(md.contains("Prices: AWS price list API, us-east-1, read 2026-05-01"), md);
    }

    @Test
    void machineCommandAndNotes() {
        assertTrue(md.contains("## Machine\n\nStarted 2026-05-04T09:12:33Z, took 31 min on 16 cores"
                + " (AMD EPYC 7763 64-Core Processor), 31 GiB, Linux 6.8.0 amd64, kernel 6.8.0-1017-azure,"
                + " JDK Temurin 25.0.1+8; database PostgreSQL 17.5 (container) — PostgreSQL 15.20, TLS (sslmode=require);"
                + " queue ElasticMQ 1.7.1 — ElasticMQ 1.6.11; commit 6c99f52. CPU placement: cgroup v1 quotas;"
                + " load generator, PostgreSQL and ElasticMQ on CPU 0, measured processes on CPU 1.\n"), md);
        // a machine recorded before the metadata was kept reads as it always did
        assertEquals("Started 2026-05-04T09:12:33Z, took 31 min on 16 cores, 31 GiB, Linux 6.8.0 amd64, JDK Temurin"
                + " 25.0.1+8; database PostgreSQL 17.5 (container), queue ElasticMQ 1.7.1.",
                Tables.machineLine(SampleReports.oldMachine()));
        assertTrue(md.contains("Command: `java -jar three-ways-bench.jar --all --budget 30m`"), md);
        assertTrue(md.contains("## Notes\n\n- Lambda ran in the local runtime"), md);
    }

    @Test
    void emptyPartsSayNotRun() {
        String empty = Markdown.render(SampleReports.almostEmpty());
        for (String section : List.of("Every figure beside its floor or ceiling", "Latency under load", "Throughput",
                "Memory", "Cost")) {
            assertTrue(empty.contains("## " + section + "\n\n_Not run._\n"), section + " in\n" + empty);
        }
        assertTrue(empty.contains("| floor | JDK HttpServer hello world | 10 | 170 |"), empty);
        assertFalse(empty.contains("| Way | Path |"), empty);
        assertTrue(empty.contains("## Processes as measured\n\n_Not recorded in this report._\n"), empty);
        // nothing to call: one row for any traffic, each cell saying what was not measured
        assertTrue(empty.contains("| any | No way was load-tested at an offered rate. | No deployed way's cold start was"
                + " measured"), empty);
        assertTrue(empty.contains(" | Cost was not priced in this run. |\n"), empty);
        assertFalse(empty.contains("no measurable difference:"), empty);
    }

    @Test
    void pipesAndLineBreaksCannotBreakATable() {
        Report report = new Report(SampleReports.machine(), "a | b", List.of(), List.of(), List.of(),
                List.of(new Report.Memory("Fargate", "server | jar\nsecond line", 1.25)), null, List.of(), List.of());
        String out = Markdown.render(report);
        assertTrue(out.contains("| Fargate | server \\| jar second line | 1.3 | – |  |"), out);
        assertEquals("``a`b``", Markdown.code("a`b"));
    }

    @Test
    void numbersAreFormattedForPeople() {
        assertEquals("3.1", Format.ms(3.14));
        assertEquals("0.4", Format.ms(0.42));
        assertEquals("413", Format.ms(412.6));
        assertEquals("1,234", Format.ms(1234.4));
        assertEquals("$1,234.50", Format.usd(1234.5));
        assertEquals("$0.07", Format.usd(0.0712));
        assertEquals("1.2M", Format.compact(1_200_000));
        assertEquals("3.4B", Format.compact(3_400_000_000L));
        assertEquals("10M", Format.compact(10_000_000));
        assertEquals("1M", Format.compact(999_990));
        assertEquals("250k", Format.compact(250_000));
        assertEquals("999", Format.compact(999));
        assertEquals("2.31×", Format.ratio(842 / 364.0));
        assertEquals("0.45×", Format.ratio(18_400 / 41_000.0));
        assertEquals("–", Format.ratio(new Report.Ratio("x", 1, "ms", "y", 0, "floor").ratio()));
        assertEquals("–", Format.ratio(new Report.Ratio("x", 1, "ms", "y", 0, "floor")), "no range for no ratio");
        assertEquals("0.31× (0.27–0.35, n=3)",
                Format.ratio(new Report.Ratio("x", 31, "ms", "y", 100, "ceiling", 0.27, 0.35, 3)));
        assertEquals("0.31× (n=1)", Format.ratio(new Report.Ratio("x", 31, "ms", "y", 100, "ceiling")));
        assertEquals("150× (120–1,234, n=2)",
                Format.ratio(new Report.Ratio("x", 150, "ms", "y", 1, "floor", 120, 1234, 2)));
        assertEquals("2.1 ms (1.9–2.4, n=3)", Format.spread(2.1, 1.9, 2.4, 3, "ms"));
        assertEquals("2.1 ms (n=1)", Format.spread(2.1, 2.1, 2.1, 1, "ms"));
        assertEquals("99.9", Format.percentile(99.9));
        assertEquals("50", Format.percentile(50));
        assertEquals("app-runner-payments-id", Format.slug("App Runner /payments/{id}"));
        assertEquals(10, Tables.non2xx(Map.of("200", 5L, "201", 1L, "503", 8L, "error", 2L)));
        assertEquals(4, Tables.non2xx(Map.of(dev.threeways.bench.load.Wrk.BELOW_400, 7L, dev.threeways.bench.load.Wrk.FROM_400, 3L,
                dev.threeways.bench.load.Wrk.SOCKET_ERROR, 1L)));
    }
}
