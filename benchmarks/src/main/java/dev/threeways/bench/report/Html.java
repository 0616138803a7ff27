package dev.threeways.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A report as one self-contained HTML page: inline CSS and inline SVG only, no script, no font or
 * stylesheet from elsewhere, so it opens the same from a CI artifact, a mail attachment or offline.
 * Each chart is a {@code <figure class="chart" data-chart="NAME">}; {@link #expectedCharts} says which
 * names a report must show, so a browser test can check that every one of them really drew.
 */
public final class Html {
    static final Map<String, String> WAY_COLOURS = Map.of(
            "Lambda", "#e8710a",
            "App Runner", "#1a73e8",
            "ECS Express Mode", "#9334e6",
            "Fargate", "#188a5a");
    /** For ways the project does not name; picked by the name's hash so a way keeps its colour. */
    private static final List<String> OTHER_COLOURS = List.of("#9334e6", "#c5221f", "#007b83", "#b06000");
    static final String NOT_RUN = "Not run.";
    static final String NOT_RECORDED = "Not recorded in this report.";

    private Html() {}

    /** One chart of the page: its stable name, the section it belongs to, the SVG and a caption. */
    private record Chart(String name, String section, String svg, String caption) {}

    public static String colour(String way) {
        if (way == null || "floor".equalsIgnoreCase(way) || "ceiling".equalsIgnoreCase(way)) {
            return Svg.REFERENCE_COLOUR;
        }
        String known = WAY_COLOURS.get(way);
        return known != null ? known : OTHER_COLOURS.get(Math.floorMod(way.hashCode(), OTHER_COLOURS.size()));
    }

    /** The {@code data-chart} names the page for this report holds, each once, in page order. */
    public static List<String> expectedCharts(Report report) {
        return charts(report).stream().map(Chart::name).toList();
    }

    public static String render(Report report) {
        List<Chart> charts = charts(report);
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Three Ways — benchmark report</title>\n<style>\n").append(CSS).append("</style>\n")
                .append("</head>\n<body>\n<main>\n");
        header(h, report);
        verdict(h, report);
        machine(h, report);

        section(h, "processes", "Processes as measured", report.processes().isEmpty(),
                "Read from each running process: the CPU it had, the processors the JVM saw, its collector and its "
                        + "JVM options.", NOT_RECORDED);
        if (!report.processes().isEmpty()) {
            table(h, Tables.processes(report), false);
        }
        h.append("</section>\n");

        section(h, "ratios", "Every figure beside its floor or ceiling", report.ratios().isEmpty(),
                "A floor is what nothing of its kind can beat, so its ratio is the overhead; a ceiling is what "
                        + "nothing can exceed, so its ratio is the share reached.");
        if (!report.ratios().isEmpty()) {
            table(h, Tables.ratios(report), true);
        }
        h.append("</section>\n");

        section(h, "cold-starts", "Cold starts", report.starts().isEmpty(),
                "From spawning a fresh process (or the invoke that spawned it) to its first good response. "
                        + "Every dot is one start; the dark tick is the median; floors are grey.");
        if (!report.starts().isEmpty()) {
            figures(h, charts, "cold-starts");
            table(h, Tables.starts(report), false);
        }
        h.append("</section>\n");

        section(h, "latency", "Latency under load", report.loads().isEmpty(),
                "Open model at a constant arrival rate. Percentiles count from when each request was due, "
                        + "corrected for coordinated omission; \"service p99\" counts from when it was sent, as a "
                        + "naive load tool would.");
        if (!report.loads().isEmpty()) {
            figures(h, charts, "latency");
            table(h, Tables.loads(report), false);
        }
        h.append("</section>\n");

        section(h, "throughput", "Throughput", report.throughputs().isEmpty(),
                "Saturation throughput of each way; the grey outlined bar is the ceiling it is measured against.");
        if (!report.throughputs().isEmpty()) {
            figures(h, charts, "throughput");
        }
        h.append("</section>\n");

        section(h, "memory", "Memory", report.memory().isEmpty(), "Resident memory of each process after its load, "
                + "beside the memory its way is deployed with: the dark rule on a bar; a red bar is over it.");
        if (!report.memory().isEmpty()) {
            figures(h, charts, "memory");
            table(h, Tables.memory(report), false);
        }
        h.append("</section>\n");

        Report.CostPart cost = report.cost();
        section(h, "cost", "Cost", cost == null, "The measured figures priced for traffic: dollars per month "
                + "against requests per month, both on log scales; dashed rules mark where the cheapest way changes.");
        if (cost != null) {
            if (cost.source() != null && !cost.source().isBlank()) {
                h.append("<p class=\"source\">Prices: ").append(Svg.escape(cost.source())).append("</p>\n");
            }
            figures(h, charts, "cost");
            if (!cost.profiles().isEmpty()) {
                costTable(h, cost);
            }
            if (!cost.crossovers().isEmpty()) {
                h.append("<h3>Crossovers</h3>\n");
                list(h, cost.crossovers().stream().map(Tables::crossover).toList());
            }
            if (!cost.assumptions().isEmpty()) {
                h.append("<h3>Assumptions</h3>\n");
                list(h, cost.assumptions());
            }
        }
        h.append("</section>\n");

        if (!report.notes().isEmpty()) {
            h.append("<section id=\"notes\">\n<h2>Notes</h2>\n");
            list(h, report.notes());
            h.append("</section>\n");
        }
        h.append("</main>\n</body>\n</html>\n");
        return h.toString();
    }

    // ---------------------------------------------------------------- the charts

    private static List<Chart> charts(Report report) {
        List<Chart> charts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        startCharts(report, charts, names);
        latencyCharts(report, charts, names);
        throughputCharts(report, charts, names);
        if (!report.memory().isEmpty()) {
            List<Svg.Bar> bars = report.memory().stream()
                    .map(m -> new Svg.Bar(m.way(), m.deployedMib() > 0
                            ? m.process() + " · deployed " + Format.number(m.deployedMib()) + " MiB" : m.process(),
                            m.residentMib(), colour(m.way()), false, m.deployedMib() > 0 ? m.deployedMib() : Double.NaN))
                    .toList();
            boolean deployed = report.memory().stream().anyMatch(m -> m.deployedMib() > 0);
            charts.add(new Chart(unique("memory", names), "memory",
                    Svg.bars("Resident memory per process", "resident memory (MiB)",
                            v -> Format.number(v) + " MiB", bars),
                    "Resident memory of each process after its load, in MiB"
                            + (deployed ? "; the dark rule is the memory its way is deployed with, and a red bar is "
                            + "over it." : ".")));
        }
        costChart(report, charts, names);
        return charts;
    }

    /**
     * One chart per group of ways that share floors: Lambda beside the Lambda floors, the container
     * servers (App Runner, Express Mode, Fargate) together beside the server floors. A floor says whose
     * it is by its way ("Lambda", "servers"); a floor whose way is plain "floor" is shown in every chart.
     */
    private static void startCharts(Report report, List<Chart> charts, Set<String> names) {
        List<Report.StartSeries> floors = report.starts().stream().filter(Report.StartSeries::floor).toList();
        Set<String> groups = new LinkedHashSet<>();
        for (Report.StartSeries s : report.starts()) {
            if (!s.floor()) {
                groups.add(startGroup(s.way()));
            }
        }
        if (groups.isEmpty() && !floors.isEmpty()) {
            groups.add("floor");
        }
        for (String group : groups) {
            List<Svg.StripRow> rows = new ArrayList<>();
            for (Report.StartSeries s : report.starts()) {
                if (!s.floor() && startGroup(s.way()).equals(group)) {
                    rows.add(new Svg.StripRow(s.way(), s.variant(), s.totalMs(), colour(s.way()), false));
                }
            }
            for (Report.StartSeries s : floors) {
                if (s.way().equalsIgnoreCase("floor") || startGroup(s.way()).equals(group)) {
                    rows.add(new Svg.StripRow("floor", s.variant(), s.totalMs(), Svg.REFERENCE_COLOUR, true));
                }
            }
            charts.add(new Chart(unique("cold-start-" + Format.slug(group), names), "cold-starts",
                    Svg.strip("Cold starts: " + group + " beside the floors", "time to first good response (ms)", rows),
                    "Cold starts of " + group + ", one dot per fresh process, with the floors in grey."));
        }
    }

    /** The container servers share their floors (jwebserver, a bare Undertow handler), so they share a chart. */
    static String startGroup(String way) {
        return switch (way) {
            case "App Runner", "Fargate", "ECS Express Mode", "servers" -> "servers";
            default -> way;
        };
    }

    /** One chart per way and path; a line per offered rate, darker as the rate rises. */
    private static void latencyCharts(Report report, List<Chart> charts, Set<String> names) {
        Map<String, List<Report.LoadRun>> groups = new LinkedHashMap<>();
        for (Report.LoadRun run : report.loads()) {
            groups.computeIfAbsent(run.way() + "\u0000" + run.path(), k -> new ArrayList<>()).add(run);
        }
        Svg.Axis x = new Svg.Axis("percentile (nines scale)", Svg.Scale.NINES, Format::percentile);
        for (List<Report.LoadRun> group : groups.values()) {
            String way = group.getFirst().way();
            String path = group.getFirst().path();
            // open-model runs by rate, then a closed-model saturation run (offered 0) last
            List<Report.LoadRun> runs = group.stream().sorted(Comparator
                    .comparing((Report.LoadRun r) -> r.offeredPerSecond() == 0)
                    .thenComparingDouble(Report.LoadRun::offeredPerSecond)).toList();
            List<Svg.Line> lines = new ArrayList<>();
            double lowest = Double.POSITIVE_INFINITY;
            double highest = 0;
            Map<Double, Integer> repeats = new LinkedHashMap<>();
            for (int i = 0; i < runs.size(); i++) {
                Report.LoadRun run = runs.get(i);
                double lighten = runs.size() == 1 ? 0 : 0.6 * (1 - i / (double) (runs.size() - 1));
                // a rate measured more than once (repetitions) gets a line per run, each named
                int repeat = repeats.merge(run.offeredPerSecond(), 1, Integer::sum);
                String label = (run.offeredPerSecond() == 0 ? "closed (saturation)"
                        : Format.number(run.offeredPerSecond()) + "/s offered") + (repeat > 1 ? ", run " + repeat : "");
                lines.add(new Svg.Line(label, points(run.corrected()), mix(colour(way), lighten), false));
                for (Report.Point p : run.corrected()) {
                    if (p.ms() > 0) {
                        lowest = Math.min(lowest, p.ms());
                        highest = Math.max(highest, p.ms());
                    }
                }
            }
            // the service-time line of the busiest open-model run shows what the correction adds
            runs.stream().filter(r -> r.offeredPerSecond() > 0 && !r.serviceTime().isEmpty())
                    .max(Comparator.comparingDouble(Report.LoadRun::offeredPerSecond))
                    .ifPresent(r -> lines.add(new Svg.Line("service time, " + Format.number(r.offeredPerSecond())
                            + "/s", points(r.serviceTime()), Svg.MUTED, true)));
            // a tail that grows by orders of magnitude flattens everything else on a linear axis
            Svg.Scale yScale = highest / lowest > 20 ? Svg.Scale.LOG : Svg.Scale.LINEAR;
            Svg.Axis y = new Svg.Axis("latency (ms)", yScale, Format::tick);
            charts.add(new Chart(unique("latency-" + Format.slug(way) + "-" + Format.slug(path), names), "latency",
                    Svg.lines("Latency percentiles: " + way + " " + path, x, y, lines, List.of()),
                    way + " " + path + ": latency by percentile, one line per offered rate, corrected for "
                            + "coordinated omission" + (yScale == Svg.Scale.LOG ? "; log scale" : "") + "."));
        }
    }

    /** One chart per unit: requests/s and events/s are not the same thing and do not share an axis. */
    private static void throughputCharts(Report report, List<Chart> charts, Set<String> names) {
        Map<String, List<Report.Throughput>> byUnit = new LinkedHashMap<>();
        for (Report.Throughput t : report.throughputs()) {
            byUnit.computeIfAbsent(t.unit(), k -> new ArrayList<>()).add(t);
        }
        for (Map.Entry<String, List<Report.Throughput>> e : byUnit.entrySet()) {
            String unit = e.getKey();
            List<Svg.Bar> bars = e.getValue().stream()
                    .map(t -> new Svg.Bar(t.ceiling() && colour(t.way()).equals(Svg.REFERENCE_COLOUR) ? "ceiling" : t.way(),
                            t.what(), t.perSecond(), colour(t.way()), t.ceiling()))
                    .toList();
            String name = byUnit.size() == 1 ? "throughput" : "throughput-" + Format.slug(unit);
            charts.add(new Chart(unique(name, names), "throughput",
                    Svg.bars("Throughput (" + unit + ")", unit, v -> Format.number(v) + " " + unit, bars),
                    "Saturation throughput in " + unit + "; the dashed rule marks the ceiling."));
        }
    }

    private static void costChart(Report report, List<Chart> charts, Set<String> names) {
        Report.CostPart cost = report.cost();
        if (cost == null || cost.curves().stream().allMatch(c -> c.points().isEmpty())) {
            return;
        }
        List<Svg.Line> lines = new ArrayList<>();
        for (Report.Curve curve : cost.curves()) {
            List<Svg.XY> points = curve.points().stream()
                    .map(p -> new Svg.XY(p.requestsPerMonth(), p.usdPerMonth())).toList();
            lines.add(new Svg.Line(curve.way(), points, colour(curve.way()), false));
        }
        List<Svg.Marker> markers = cost.crossovers().stream()
                .map(c -> new Svg.Marker(c.requestsPerMonth(),
                        c.cheaperBelow() + " → " + c.cheaperAbove() + " at " + Format.compact(c.requestsPerMonth())))
                .toList();
        charts.add(new Chart(unique("cost", names), "cost",
                Svg.lines("Cost per month against traffic",
                        new Svg.Axis("requests per month", Svg.Scale.LOG, Format::compact),
                        new Svg.Axis("USD per month", Svg.Scale.LOG, Format::usdShort), lines, markers),
                "Monthly cost of each way against requests per month (log–log); dashed rules are crossovers."));
    }

    private static List<Svg.XY> points(List<Report.Point> points) {
        return points.stream().map(p -> new Svg.XY(p.percentile(), p.ms())).toList();
    }

    /** A name made unique by a counter, so two paths that slug alike still get one figure each. */
    private static String unique(String name, Set<String> taken) {
        String candidate = name;
        for (int i = 2; !taken.add(candidate); i++) {
            candidate = name + "-" + i;
        }
        return candidate;
    }

    /** The colour moved {@code towardsWhite} (0 to 1) of the way to white. */
    static String mix(String hex, double towardsWhite) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        int r = (rgb >> 16) & 0xff;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        return String.format(Locale.ROOT, "#%02x%02x%02x",
                Math.round(r + (255 - r) * towardsWhite),
                Math.round(g + (255 - g) * towardsWhite),
                Math.round(b + (255 - b) * towardsWhite));
    }

    // ---------------------------------------------------------------- markup

    private static void header(StringBuilder h, Report report) {
        h.append("<header>\n<h1>Three Ways <span class=\"sub\">benchmark report</span></h1>\n");
        Report.Machine m = report.machine();
        if (m != null) {
            h.append("<p class=\"date\">Run started <time>").append(Svg.escape(m.started())).append("</time>, took ")
                    .append(Svg.escape(Format.seconds(m.tookSeconds()))).append(".</p>\n");
        }
        h.append("<nav>");
        String[][] links = {{"verdict", "Verdict"}, {"machine", "Machine"}, {"processes", "Processes"},
                {"ratios", "Ratios"}, {"cold-starts", "Cold starts"}, {"latency", "Latency"},
                {"throughput", "Throughput"}, {"memory", "Memory"}, {"cost", "Cost"}};
        for (String[] link : links) {
            h.append("<a href=\"#").append(link[0]).append("\">").append(link[1]).append("</a>");
        }
        if (!report.notes().isEmpty()) {
            h.append("<a href=\"#notes\">Notes</a>");
        }
        h.append("</nav>\n</header>\n");
    }

    /**
     * The verdict table, first on the page: per profile, each call's winner (or "no measurable difference")
     * in bold with the figures it rests on under it.
     */
    private static void verdict(StringBuilder h, Report report) {
        h.append("<section id=\"verdict\">\n<h2>Verdict</h2>\n<p class=\"lead\">")
                .append(Svg.escape(Markdown.VERDICT_LEAD)).append("</p>\n");
        h.append("<div class=\"scroll\"><table class=\"verdict\">\n<thead><tr><th>Profile</th><th>Latency</th>")
                .append("<th>Cold start</th><th>Cost</th></tr></thead>\n<tbody>\n");
        for (Report.Verdict v : Verdicts.of(report)) {
            h.append("<tr><td class=\"profile\">").append(Svg.escape(v.profile())).append("</td>");
            for (Report.Call call : java.util.Arrays.asList(v.latency(), v.coldStart(), v.cost())) {
                h.append("<td>");
                if (call == null) {
                    h.append(Format.NONE);
                } else {
                    if (call.withinNoise()) {
                        h.append("<span class=\"tie\">").append(Tables.NO_DIFFERENCE).append("</span>");
                    } else if (call.winner() != null) {
                        h.append("<span class=\"swatch\" style=\"background:").append(colour(call.winner()))
                                .append("\"></span><strong class=\"winner\">").append(Svg.escape(call.winner()))
                                .append("</strong>");
                    } else {
                        h.append("<span class=\"none\">").append(Format.NONE).append("</span>");
                    }
                    h.append("<div class=\"small basis\">").append(Svg.escape(call.basis())).append("</div>");
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n</section>\n");
    }

    /** Where it ran and how the CPU was split, and the command: what every figure below depends on. */
    private static void machine(StringBuilder h, Report report) {
        h.append("<section id=\"machine\">\n<h2>Machine</h2>\n<p class=\"machine\">")
                .append(Svg.escape(report.machine() == null ? Tables.machineLine(null)
                        : Tables.hardwareLine(report.machine()))).append("</p>\n");
        if (report.command() != null && !report.command().isBlank()) {
            h.append("<p class=\"command\">Command: <code>").append(Svg.escape(report.command())).append("</code></p>\n");
        }
        h.append("</section>\n");
    }

    /** Opens a section; an empty one says so in a line instead of showing empty charts. */
    private static void section(StringBuilder h, String id, String title, boolean empty, String lead) {
        section(h, id, title, empty, lead, NOT_RUN);
    }

    private static void section(StringBuilder h, String id, String title, boolean empty, String lead, String absent) {
        h.append("<section id=\"").append(id).append("\">\n<h2>").append(Svg.escape(title)).append("</h2>\n");
        if (empty) {
            h.append("<p class=\"not-run\">").append(absent).append("</p>\n");
        } else {
            h.append("<p class=\"lead\">").append(Svg.escape(lead)).append("</p>\n");
        }
    }

    private static void figures(StringBuilder h, List<Chart> charts, String section) {
        for (Chart c : charts) {
            if (c.section().equals(section)) {
                h.append("<figure class=\"chart\" data-chart=\"").append(Svg.escape(c.name())).append("\">\n")
                        .append(c.svg()).append("\n<figcaption>").append(Svg.escape(c.caption()))
                        .append("</figcaption>\n</figure>\n");
            }
        }
    }

    /** @param ratios the ratio table: the kind as a badge, the ratio itself emphasised */
    private static void table(StringBuilder h, Tables.Table table, boolean ratios) {
        boolean wayFirst = table.headers().getFirst().equals("Way");
        h.append("<div class=\"scroll\"><table").append(ratios ? " class=\"ratios\"" : "").append(">\n<thead><tr>");
        for (int i = 0; i < table.headers().size(); i++) {
            h.append(table.numeric().get(i) ? "<th class=\"num\">" : "<th>")
                    .append(Svg.escape(table.headers().get(i))).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (Tables.Row row : table.rows()) {
            h.append(row.reference() ? "<tr class=\"reference\">" : "<tr>");
            for (int i = 0; i < row.cells().size(); i++) {
                String cell = row.cells().get(i);
                h.append(table.numeric().get(i) ? "<td class=\"num\">" : "<td>");
                if (i == 0 && wayFirst) {
                    h.append("<span class=\"swatch\" style=\"background:").append(colour(cell)).append("\"></span>");
                }
                if (ratios && i == 4) {
                    // the ratio itself emphasised, its spread across repetitions beside it
                    int spread = cell.indexOf(" (");
                    h.append("<strong>").append(Svg.escape(spread < 0 ? cell : cell.substring(0, spread))).append("</strong>");
                    if (spread >= 0) {
                        h.append(" <span class=\"spread\">").append(Svg.escape(cell.substring(spread + 1))).append("</span>");
                    }
                } else if (table.headers().get(i).equals("JVM options") && !cell.equals(Format.NONE)) {
                    // one unbreakable code span per option: "-XX:MaxRAMPercentage=75" must not wrap at a dash
                    for (String option : cell.split(" ")) {
                        h.append("<code class=\"opt\">").append(Svg.escape(option)).append("</code> ");
                    }
                } else if (cell.equals(Tables.BREACH)) {
                    h.append("<span class=\"breach\">").append(Svg.escape(cell)).append("</span>");
                } else if (ratios && i == 5) {
                    h.append("<span class=\"kind ").append(Format.slug(cell)).append("\">")
                            .append(Svg.escape(cell)).append("</span>");
                } else {
                    h.append(Svg.escape(cell));
                }
                h.append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    /**
     * Per profile and way the monthly bill with the price per million requests under it, the cheapest
     * way in bold: narrower than the Markdown's two columns per way, and the comparison is what is read.
     */
    private static void costTable(StringBuilder h, Report.CostPart cost) {
        Set<String> seen = new LinkedHashSet<>();
        cost.profiles().forEach(p -> seen.addAll(p.monthlyUsd().keySet()));
        List<String> ways = Tables.ordered(seen);
        h.append("<div class=\"scroll\"><table class=\"cost\">\n<thead><tr><th>Profile</th>")
                .append("<th class=\"num\">Requests/month</th>");
        for (String way : ways) {
            h.append("<th class=\"num\"><span class=\"swatch\" style=\"background:").append(colour(way))
                    .append("\"></span>").append(Svg.escape(way)).append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (Report.ProfileCost p : cost.profiles()) {
            double cheapest = p.monthlyUsd().values().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
            h.append("<tr><td><strong>").append(Svg.escape(p.profile())).append("</strong><div class=\"small\">")
                    .append(Svg.escape(p.description())).append("</div></td><td class=\"num\">")
                    .append(Format.compact(p.requestsPerMonth())).append("</td>");
            for (String way : ways) {
                Double monthly = p.monthlyUsd().get(way);
                Double perMillion = p.perMillionUsd().get(way);
                boolean best = monthly != null && monthly == cheapest;
                h.append(best ? "<td class=\"num best\">" : "<td class=\"num\">")
                        .append(monthly == null ? Format.NONE : Format.usd(monthly) + " /month")
                        .append("<div class=\"small\">")
                        .append(perMillion == null ? Format.NONE : Format.usd(perMillion) + " per M requests")
                        .append("</div></td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table></div>\n");
    }

    private static void list(StringBuilder h, List<String> items) {
        h.append("<ul>\n");
        for (String item : items) {
            h.append("<li>").append(Svg.escape(item)).append("</li>\n");
        }
        h.append("</ul>\n");
    }

    private static final String CSS = """
            :root { --ink: #1f2328; --muted: #656d76; --rule: #d0d7de; --soft: #eaeef2; --band: #f6f8fa; }
            * { box-sizing: border-box; }
            html { background: #fff; }
            body { margin: 0; color: var(--ink);
                   font: 15px/1.55 system-ui, "DejaVu Sans", "Liberation Sans", Arial, sans-serif; }
            main { max-width: 1120px; margin: 0 auto; padding: 36px 40px 72px; }
            h1 { font-size: 30px; line-height: 1.2; margin: 0 0 8px; letter-spacing: -0.01em; }
            h1 .sub { font-weight: 400; color: var(--muted); }
            h2 { font-size: 21px; margin: 44px 0 6px; padding-bottom: 6px; border-bottom: 1px solid var(--rule); }
            h3 { font-size: 16px; margin: 22px 0 4px; }
            p { margin: 6px 0; }
            header p { color: var(--muted); font-size: 14px; }
            header .date { color: var(--ink); font-size: 15px; }
            nav { margin-top: 14px; display: flex; gap: 6px; flex-wrap: wrap; }
            nav a { font-size: 13px; color: var(--ink); text-decoration: none; padding: 3px 10px;
                    border: 1px solid var(--rule); border-radius: 14px; }
            code { font: 13px/1.4 "DejaVu Sans Mono", "Liberation Mono", monospace; background: var(--band);
                   padding: 2px 6px; border-radius: 4px; word-break: break-all; }
            .lead { color: var(--muted); font-size: 14px; max-width: 860px; }
            .not-run { color: var(--muted); font-style: italic; }
            .source { font-size: 13px; color: var(--muted); }
            .scroll { overflow-x: auto; }
            table { border-collapse: collapse; width: 100%; margin: 14px 0 8px; font-size: 13px;
                    font-variant-numeric: tabular-nums; }
            th, td { padding: 6px 10px; text-align: left; border-bottom: 1px solid var(--soft); vertical-align: top; }
            th { background: var(--band); font-weight: 600; border-bottom: 1px solid var(--rule); white-space: nowrap; }
            th.num, td.num { text-align: right; white-space: nowrap; }
            tbody tr:hover { background: #fbfcfd; }
            tr.reference td { color: var(--muted); font-style: italic; }
            table.ratios { font-size: 14px; }
            table.ratios strong { font-size: 15px; }
            .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 7px; }
            .kind { display: inline-block; padding: 0 9px; border-radius: 10px; font-size: 12px;
                    background: #eef1f4; color: var(--muted); }
            .kind.ceiling { background: #e8f0fe; color: #1a4fa0; }
            .kind.floor { background: #f1f3f4; color: #3c4043; }
            figure.chart { margin: 18px 0; padding: 14px 14px 10px; border: 1px solid var(--soft); border-radius: 8px; }
            figure.chart svg { display: block; width: 100%; height: auto; }
            figcaption { margin-top: 6px; font-size: 13px; color: var(--muted); }
            .small { font-size: 12px; color: var(--muted); }
            td.best { font-weight: 700; background: #f3f8f4; }
            td.best .small { font-weight: 400; }
            .spread { font-size: 12px; color: var(--muted); white-space: nowrap; }
            .breach { color: #c5221f; font-weight: 600; }
            code.opt { font-size: 12px; white-space: nowrap; word-break: normal; display: inline-block; margin: 1px 0; }
            table.verdict { font-size: 14px; }
            table.verdict td { min-width: 180px; }
            table.verdict td.profile { min-width: 200px; max-width: 260px; }
            table.verdict strong.winner { font-size: 15px; }
            table.verdict .tie { font-style: italic; font-weight: 600; color: #3c4043; }
            table.verdict .basis { margin-top: 3px; }
            p.machine, p.command { color: var(--muted); font-size: 14px; }
            ul { padding-left: 22px; }
            li { margin: 3px 0; }
            """;
}
