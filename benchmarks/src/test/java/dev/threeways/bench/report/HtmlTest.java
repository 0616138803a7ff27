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
        assertTrue(html.contains("<td class=\"num\"><strong>2.31×</strong></td><td><span class=\"kind floor\">floor</span>"),
                html);
        assertTrue(html.contains("<strong>0.45×</strong></td><td><span class=\"kind ceiling\">ceiling</span>"), html);
        assertTrue(html.contains("Run started <time>2026-05-04T09:12:33Z</time>"));
        assertTrue(html.contains("<code>java -jar three-ways-bench.jar --all --budget 30m</code>"));
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
        for (String section : List.of("ratios", "latency", "throughput", "memory", "cost")) {
            assertTrue(html.contains("<section id=\"" + section + "\">\n<h2>"), section);
            String body = html.substring(html.indexOf("<section id=\"" + section + "\">"));
            body = body.substring(0, body.indexOf("</section>"));
            assertTrue(body.contains("<p class=\"not-run\">Not run.</p>"), section);
            assertFalse(body.contains("<svg") || body.contains("<table"), section);
        }
        assertEquals(5, count(html, "Not run."));
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
