package dev.threeways.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The verdict a reader came for, drawn from a report's own figures and nothing else: per traffic profile
 * which way wins on latency, on cold starts and on cost. A call is only made when the winner's figures
 * are clear of every other way's; otherwise it says "no measurable difference". Pure: the same report
 * always gives the same verdicts, so a report written before they were kept gets them when rendered.
 */
public final class Verdicts {
    /** Prices are computed, not sampled: a gap under this share is no reason to pick a way. */
    static final double COST_NOISE = 0.05;
    /** The Lambda series that is the deployed function: its cold start is what a first request meets. */
    public static final String LAMBDA_DEPLOYED =
            "deployed handler (the .zip with a full init: SnapStart's restore is not reproduced here), GET /hello";
    /** A server's series that is its image as shipped (not a variant without its AOT cache). */
    static final String SERVER_SHIPPED = "as shipped";

    private Verdicts() {}

    /**
     * A median with a spread. {@code low}–{@code high} is the min–max for repeated load runs, the
     * interquartile range for cold starts (min–max of ten starts is one unlucky start wide).
     */
    record Spread(String way, double median, double low, double high, int n) {
        boolean overlaps(Spread other) {
            return low <= other.high && other.low <= high;
        }

        String format(String unit) {
            return way + " " + Format.spread(median, low, high, n, unit);
        }

        static Spread minMax(String way, List<Double> values) {
            List<Double> sorted = sorted(values);
            return new Spread(way, rank(sorted, 50), sorted.getFirst(), sorted.getLast(), sorted.size());
        }

        static Spread interquartile(String way, List<Double> values) {
            List<Double> sorted = sorted(values);
            return new Spread(way, rank(sorted, 50), rank(sorted, 25), rank(sorted, 75), sorted.size());
        }

        private static List<Double> sorted(List<Double> values) {
            return values.stream().filter(Double::isFinite).sorted().toList();
        }

        /** Nearest rank, as everywhere in the report: always an observed value. */
        private static double rank(List<Double> sorted, double percentile) {
            int rank = (int) Math.ceil(percentile / 100.0 * sorted.size());
            return sorted.get(Math.max(rank, 1) - 1);
        }
    }

    /** One verdict per priced traffic profile; one "any" row when the report priced none. */
    public static List<Report.Verdict> from(Report report) {
        Report.Call latency = latency(report);
        Report.Call coldStart = coldStart(report);
        Report.CostPart cost = report.cost();
        if (cost == null || cost.profiles().isEmpty()) {
            return List.of(new Report.Verdict("any", latency, coldStart,
                    Report.Call.notMeasured("Cost was not priced in this run.")));
        }
        // a webhook profile is judged on the webhook path's latency, where every way was load-tested on it
        Report.Call webhookLatency = latency(report, "/webhooks/");
        List<Report.Verdict> verdicts = new ArrayList<>();
        for (Report.ProfileCost p : cost.profiles()) {
            boolean webhooks = p.profile().endsWith(dev.threeways.bench.cost.Costs.WEBHOOKS);
            verdicts.add(new Report.Verdict(profile(p), webhooks ? webhookLatency : latency, coldStart, cost(p)));
        }
        return List.copyOf(verdicts);
    }

    /** The stored verdicts, or for a report written before they were kept, drawn now from its figures. */
    static List<Report.Verdict> of(Report report) {
        return report.verdicts().isEmpty() ? from(report) : report.verdicts();
    }

    static String profile(Report.ProfileCost p) {
        return p.profile() + " (" + Format.compact(p.requestsPerMonth()) + " requests/month): " + p.description();
    }

    /** The cheapest way the profile priced; within 5 % of the next it is no call. */
    static Report.Call cost(Report.ProfileCost p) {
        List<Map.Entry<String, Double>> priced = p.monthlyUsd().entrySet().stream()
                .filter(e -> e.getValue() != null && Double.isFinite(e.getValue()))
                .sorted(Map.Entry.<String, Double>comparingByValue()
                        .thenComparing(e -> Tables.rank(e.getKey())))
                .toList();
        if (priced.isEmpty()) {
            return Report.Call.notMeasured("No way was priced for this profile.");
        }
        List<String> figures = priced.stream().map(e -> e.getKey() + " " + Format.usd(e.getValue())).toList();
        String basis = "US dollars a month at " + Format.compact(p.requestsPerMonth()) + " requests: "
                + String.join(" vs ", figures);
        String first = priced.getFirst().getKey();
        if (priced.size() == 1) {
            return new Report.Call(first, basis + " (the only way priced)", false);
        }
        double cheapest = priced.get(0).getValue();
        double next = priced.get(1).getValue();
        boolean within = next <= cheapest * (1 + COST_NOISE);
        return new Report.Call(within ? null : first, basis + "; prices are computed from the measured figures, "
                + "not sampled, so a gap under " + percent(COST_NOISE) + " counts as none", within);
    }

    /**
     * The deployed ways' cold starts: Lambda's deployed handler and each server's image as shipped, by
     * median with the interquartile range; no call when the winner's range overlaps another's.
     */
    static Report.Call coldStart(Report report) {
        Map<String, Report.StartSeries> byWay = new LinkedHashMap<>();
        for (Report.StartSeries s : report.starts()) {
            if (s.floor() || isReference(s.way()) || s.totalMs().stream().noneMatch(Double::isFinite)) {
                continue;
            }
            boolean deployed = "Lambda".equals(s.way())
                    ? s.variant().startsWith(LAMBDA_DEPLOYED)
                    : s.variant().toLowerCase(Locale.ROOT).contains(SERVER_SHIPPED);
            if (deployed) {
                byWay.putIfAbsent(s.way(), s);
            }
        }
        if (byWay.isEmpty()) {
            return Report.Call.notMeasured("No deployed way's cold start was measured (Lambda's \"" + LAMBDA_DEPLOYED
                    + "\", the servers' images \"" + SERVER_SHIPPED + "\").");
        }
        List<Spread> spreads = ranked(Tables.ordered(byWay.keySet()).stream()
                .map(way -> Spread.interquartile(way, byWay.get(way).totalMs())).toList());
        String basis = "median time to the first good response (interquartile range, n fresh starts): "
                + join(spreads, "ms");
        if (spreads.stream().anyMatch(s -> !"Lambda".equals(s.way()))) {
            basis += "; a server kept at one warm instance meets this only when it scales out";
        }
        return call(spreads, basis);
    }

    /**
     * The servers' corrected p99 at the lowest offered rate every server way was measured at, with the
     * min–max across repeated runs; no call when the winner's range overlaps another's.
     */
    static Report.Call latency(Report report) {
        return latency(report, "/hello");
    }

    /** The latency call on the path containing {@code preferred} where every server was load-tested on it, else another. */
    static Report.Call latency(Report report, String preferred) {
        List<Report.LoadRun> runs = report.loads().stream()
                .filter(r -> r.offeredPerSecond() > 0 && !isReference(r.way())
                        && Double.isFinite(Tables.at(r.corrected(), 99)))
                .toList();
        Set<String> servers = new LinkedHashSet<>(Tables.ordered(runs.stream().map(Report.LoadRun::way).toList()));
        if (servers.isEmpty()) {
            return Report.Call.notMeasured("No way was load-tested at an offered rate.");
        }
        // a path every server was load-tested on, GET /hello when there is one: the same work for each
        List<String> paths = runs.stream().map(Report.LoadRun::path).distinct()
                .filter(path -> servers.stream().allMatch(way -> runs.stream()
                        .anyMatch(r -> r.way().equals(way) && r.path().equals(path))))
                .toList();
        if (paths.isEmpty()) {
            return Report.Call.notMeasured("No path was load-tested on every way (" + String.join(", ", servers) + ").");
        }
        String path = paths.stream().filter(p -> p.contains(preferred)).findFirst().orElse(paths.getFirst());
        Double rate = runs.stream().filter(r -> r.path().equals(path)).map(Report.LoadRun::offeredPerSecond)
                .distinct().sorted()
                .filter(offered -> servers.stream().allMatch(way -> runs.stream().anyMatch(r -> r.way().equals(way)
                        && r.path().equals(path) && r.offeredPerSecond() == offered)))
                .findFirst().orElse(null);
        if (rate == null) {
            return Report.Call.notMeasured("No offered rate on " + path + " was load-tested on every way ("
                    + String.join(", ", servers) + ").");
        }
        List<Spread> spreads = new ArrayList<>();
        for (String way : servers) {
            spreads.add(Spread.minMax(way, runs.stream()
                    .filter(r -> r.way().equals(way) && r.path().equals(path) && r.offeredPerSecond() == rate)
                    .map(r -> Tables.at(r.corrected(), 99)).toList()));
        }
        spreads = ranked(spreads);
        String basis = "p99 from the due time at " + Format.number(rate) + "/s offered on " + path
                + " (median, min–max over n runs): " + join(spreads, "ms");
        boolean lambdaMeasured = report.starts().stream().anyMatch(s -> "Lambda".equals(s.way()))
                || report.throughputs().stream().anyMatch(t -> "Lambda".equals(t.way()));
        if (lambdaMeasured && !servers.contains("Lambda")) {
            basis += "; Lambda has no load run (its warm invokes are in the notes), so this compares the servers only";
        }
        return call(spreads, basis);
    }

    /** Lowest median first, so the basis reads winner first. */
    private static List<Spread> ranked(List<Spread> spreads) {
        return spreads.stream().sorted(Comparator.comparingDouble(Spread::median)
                .thenComparing(s -> Tables.rank(s.way()))).toList();
    }

    /** The lowest median (first of {@code ranked}) wins unless its range meets another way's. */
    private static Report.Call call(List<Spread> ranked, String basis) {
        Spread best = ranked.getFirst();
        if (ranked.size() == 1) {
            return new Report.Call(best.way(), basis + " (the only way measured)", false);
        }
        boolean within = ranked.stream().skip(1).anyMatch(best::overlaps);
        return new Report.Call(within ? null : best.way(), basis, within);
    }

    private static String join(List<Spread> spreads, String unit) {
        return String.join(" vs ", spreads.stream().map(s -> s.format(unit)).toList());
    }

    /** Floors and ceilings are references, not ways a reader can deploy. */
    static boolean isReference(String way) {
        return way == null || "floor".equalsIgnoreCase(way) || "ceiling".equalsIgnoreCase(way);
    }

    private static String percent(double share) {
        return Format.tick(Math.round(share * 1000) / 10.0) + " %";
    }
}
