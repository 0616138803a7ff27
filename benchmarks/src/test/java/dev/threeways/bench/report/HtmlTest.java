package dev.threeways.bench.report;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HtmlTest {
    private static final Pattern FIGURE = Pattern.compile(
            "<figure class=\"chart\" data-chart=\"([^\"]+)\">\\n(<svg .*?</svg>)\\n<figcaption>[^<]+</figcaption>\\n</figure>",
            Pattern.DOTALL);

    @Test
    void theSampleReportNamesTheChartsItMustShow() {
        assertEquals(List.of("cold-start-lambda", "cold-start-servers",
                "latency-app-runner-hello", "latency-app-runner-payments", "latency-fargate-hello",
                "latency-fargate-payments", "throughput-requests-s", "throughput-events-s", "memory", "cost"),
                Html.expectedCharts(SampleReports.full()));
    }

    @Test
    void everyExpectedChartIsOnThePageExactlyOnceWithItsSvgTitleAndCaption() {
        Report report = SampleReports.full();
        String html = Html.render(report);
        List<String> expected = Html.expectedCharts(report);
        assertEquals(expected.size(), new HashSet<>(expected).size(), "names are unique");
        for (String name : expected) {
            assertEquals(1, count(html, "data-chart=\"" + name + "\""), name);
        }
        assertEquals(expected.size(), count(html, "<figure class=\"chart\""));
        Matcher m = FIGURE.matcher(html);
        int wellFormed = 0;
        while (m.find()) {
            String svg = m.group(2);
            assertTrue(svg.contains("viewBox=\"0 0 960 "), m.group(1));
            assertTrue(svg.contains("<title>"), m.group(1));
            assertEquals(1, count(svg, "<svg "), "one chart per figure: " + m.group(1));
            wellFormed++;
        }
        assertEquals(expected.size(), wellFormed, "every figure is svg plus caption");
    }

    @Test
    void theRatiosComeFirstAndEachFloorCarriesItsKind() {
        String html = Html.render(SampleReports.full());
        int ratios = html.indexOf("<section id=\"ratios\">");
        assertTrue(ratios > 0 && ratios < html.indexOf("<section id=\"cold-starts\">"));
        assertTrue(html.contains("<td class=\"num\"><strong>2.31×</strong> <span class=\"spread\">(n=1)</span></td>"
                + "<td><span class=\"kind floor\">floor</span>"), html);
        assertTrue(html.contains("<strong>0.45×</strong> <span class=\"spread\">(0.40–0.48, n=3)</span></td>"
                + "<td><span class=\"kind ceiling\">ceiling</span>"), html);
        assertTrue(html.contains("Run started <time>2026-05-04T09:12:33Z</time>"));
        assertTrue(html.contains("<code>java -jar three-ways-bench.jar --all --budget 30m</code>"));
    }

    @Test
    void thePageOpensWithTheVerdictThenTheMachineAndTheProcesses() {
        String html = Html.render(SampleReports.full());
        int verdict = html.indexOf("<section id=\"verdict\">");
        assertTrue(verdict > 0 && verdict < html.indexOf("<section id=\"machine\">"), "the verdict is the first section");
        assertEquals(verdict, html.indexOf("<section"), "nothing before it but the header");
        assertTrue(html.indexOf("<section id=\"machine\">") < html.indexOf("<section id=\"processes\">"));
        assertTrue(html.indexOf("<section id=\"processes\">") < html.indexOf("<section id=\"ratios\">"));
        String table = section(html, "verdict");
        assertTrue(table.contains("<p class=\"lead\">Each call comes from the figures named in it"), table);
        assertEquals(3, count(table, "<td class=\"profile\">"), "one row per profile");
        assertTrue(table.contains("<td class=\"profile\">startup (30M requests/month): steady traffic, 12 h peaks</td>"),
                table);
        // latency: overlapping ranges, so no way is named; cold start and cost: a winner in bold with its figures
        assertEquals(3, count(table, "<span class=\"tie\">no measurable difference</span><div class=\"small basis\">"
                + "p99 from the due time at 100/s offered on /hello"), table);
        assertEquals(3, count(table, "<strong class=\"winner\">Lambda</strong><div class=\"small basis\">median time to"
                + " the first good response"), table);
        assertEquals(2, count(table, "<strong class=\"winner\">Fargate</strong><div class=\"small basis\">US dollars"),
                table);
        assertTrue(table.contains("<strong class=\"winner\">Lambda</strong><div class=\"small basis\">US dollars a month"
                + " at 100k requests: Lambda $0.35 vs App Runner $25.10 vs Fargate $36.04"), table);

        String machine = section(html, "machine");
        assertTrue(machine.contains("AMD EPYC 7763 64-Core Processor") && machine.contains("kernel 6.8.0-1017-azure")
                && machine.contains("commit 6c99f52") && machine.contains("PostgreSQL 15.20, TLS (sslmode=require)")
                && machine.contains("ElasticMQ 1.6.11"), machine);
        assertTrue(machine.contains("CPU placement: " + SampleReports.PLACEMENT + "."), machine);

        String processes = section(html, "processes");
        assertEquals(2, count(processes, "<td>SerialGC</td>"), processes);
        assertTrue(processes.contains("<td>0.58 CPU quota on CPU 1 (cgroup v1 cfs_quota_us)</td>"), processes);
        assertTrue(processes.contains("<td><code class=\"opt\">-XX:+UseSerialGC</code> <code class=\"opt\">"
                + "-XX:MaxRAMPercentage=75</code> <code class=\"opt\">-XX:AOTCache=app.aot</code> </td>"), processes);
        assertTrue(processes.contains("<td class=\"num\">2.0 GiB</td>"), processes);
    }

    @Test
    void aProcessOverItsDeployedMemoryIsRedInTheChartAndFlaggedInTheTable() {
        String html = Html.render(SampleReports.full());
        String chart = figure(html, "memory");
        // App Runner (2,438 MiB on 2,048) only: red, and the value label says by how much
        assertEquals(1, count(chart, "class=\"bar breach\""), chart);
        assertTrue(Pattern.compile("class=\"bar breach\"[^>]*fill=\"" + Svg.BREACH_COLOUR + "\"").matcher(chart).find(),
                chart);
        assertEquals(2, count(chart, "fill=\"" + Svg.BREACH_COLOUR + "\""), "the breaching bar and the legend's swatch\n"
                + chart);
        assertTrue(chart.contains("2,438 MiB, over 2,048 MiB"), chart);
        assertTrue(chart.contains("server jar · deployed 2,048 MiB"), chart);
        // a rule for each deployed size: Lambda, App Runner, Fargate; none for the floor
        assertEquals(3, count(chart, "<g class=\"limit\">"), chart);
        String table = section(html, "memory");
        assertEquals(1, count(table, "<span class=\"breach\">over its deployed memory</span>"), table);
        assertTrue(figure(html, "memory").contains("the dark rule is the memory its way is deployed with"), chart);
    }

    @Test
    void waysKeepTheirColoursAndReferencesAreGrey() {
        assertEquals("#e8710a", Html.colour("Lambda"));
        assertEquals("#1a73e8", Html.colour("App Runner"));
        assertEquals("#188a5a", Html.colour("Fargate"));
        assertEquals(Svg.REFERENCE_COLOUR, Html.colour("floor"));
        assertEquals(Html.colour("Cloud Run"), Html.colour("Cloud Run"), "an unknown way keeps one colour");
        String html = Html.render(SampleReports.full());
        String lambdaChart = figure(html, "cold-start-lambda");
        assertTrue(lambdaChart.contains("fill=\"#e8710a\""));
        assertFalse(lambdaChart.contains("fill=\"#1a73e8\""), "no App Runner dots among Lambda's");
        assertTrue(lambdaChart.contains("constant handler in the local Lambda runtime"), "Lambda's floor beside it");
        assertFalse(lambdaChart.contains("JDK HttpServer hello world"), "not the servers' floor");
        String servers = figure(html, "cold-start-servers");
        assertTrue(servers.contains("fill=\"#1a73e8\"") && servers.contains("fill=\"#188a5a\""),
                "App Runner and Fargate share the servers' chart");
        assertTrue(servers.contains("JDK HttpServer hello world") && !servers.contains("local Lambda runtime"),
                "with the servers' floor only");
        assertEquals("#ffffff", Html.mix("#1a73e8", 1));
        assertEquals("#1a73e8", Html.mix("#1a73e8", 0));
    }

    @Test
    void emptyPartsAreOneLineNotEmptyCharts() {
        Report report = SampleReports.almostEmpty();
        assertEquals(List.of("cold-start-floor"), Html.expectedCharts(report));
        String html = Html.render(report);
        assertEquals(1, count(html, "<figure class=\"chart\""));
        for (String section : List.of("processes", "ratios", "latency", "throughput", "memory", "cost")) {
            assertTrue(html.contains("<section id=\"" + section + "\">\n<h2>"), section);
            String body = html.substring(html.indexOf("<section id=\"" + section + "\">"));
            body = body.substring(0, body.indexOf("</section>"));
            assertTrue(body.contains(section.equals("processes") ? "<p class=\"not-run\">Not recorded in this report.</p>"
                    : "<p class=\"not-run\">Not run.</p>"), section);
            assertFalse(body.contains("<svg") || body.contains("<table"), section);
        }
        assertEquals(5, count(html, "Not run."));
        // the verdict is still there, saying what it could not call
        String verdict = section(html, "verdict");
        assertTrue(verdict.contains("<td class=\"profile\">any</td>"), verdict);
        assertEquals(3, count(verdict, "<span class=\"none\">–</span>"), verdict);
        assertFalse(verdict.contains("class=\"winner\"") || verdict.contains("class=\"tie\""), verdict);
    }

    @Test
    void pathsThatSlugAlikeStillGetAChartEach() {
        Report.LoadRun a = new Report.LoadRun("App Runner", "/hello", 100, 100, 6000, 60,
                List.of(new Report.Point(50, 1)), List.of(), Map.of("200", 6000L), "");
        Report.LoadRun b = new Report.LoadRun("App Runner", "hello", 100, 100, 6000, 60,
                List.of(new Report.Point(50, 1)), List.of(), Map.of("200", 6000L), "");
        Report report = new Report(SampleReports.machine(), "x", List.of(), List.of(a, b), List.of(), List.of(), null,
                List.of(), List.of());
        assertEquals(List.of("latency-app-runner-hello", "latency-app-runner-hello-2"), Html.expectedCharts(report));
    }

    @Test
    void thePageIsSelfContained() {
        String html = Html.render(SampleReports.full());
        // the SVG namespace is a name, not something fetched
        String resources = html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "");
        assertFalse(resources.contains("http://"), "http reference");
        assertFalse(resources.contains("https://"), "https reference");
        assertFalse(html.contains("<script"), "script");
        assertFalse(html.contains("<link"), "stylesheet link");
        assertFalse(html.contains("@import") || html.contains("url("), "CSS fetch");
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<meta charset=\"utf-8\">"));
    }

    @Test
    void textFromTheReportIsEscaped() {
        String html = Html.render(SampleReports.full());
        assertTrue(html.contains("Fargate&#39;s task size &quot;0.5 vCPU &amp; 1 GiB&quot; &lt;as configured&gt;"), html);
        assertFalse(html.contains(SampleReports.TRICKY_NOTE));
    }

    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        assertTrue(start >= 0, id);
        return html.substring(start, html.indexOf("</section>", start));
    }

    private static String figure(String html, String name) {
        int start = html.indexOf("data-chart=\"" + name + "\"");
        return html.substring(start, html.indexOf("</figure>", start));
    }

    static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
