package dev.threeways.bench.report;

import dev.threeways.bench.stats.Distribution;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The report's tables as plain cells, made once so the Markdown and the HTML show the same rows with
 * the same formatting; each renderer only decides the markup.
 */
final class Tables {
    /** The ways in the order the project always names them; anything else follows alphabetically. */
    static final List<String> WAY_ORDER = List.of("Lambda", "App Runner", "ECS Express Mode", "Fargate");

    private Tables() {}

    /** @param reference a floor or ceiling row, which the HTML shows set apart */
    record Row(List<String> cells, boolean reference) {
        Row {
            cells = List.copyOf(cells);
        }
    }

    /** @param numeric per column: right-aligned */
    record Table(List<String> headers, List<Boolean> numeric, List<Row> rows) {
        Table {
            headers = List.copyOf(headers);
            numeric = List.copyOf(numeric);
            rows = List.copyOf(rows);
            for (Row row : rows) {
                if (row.cells().size() != headers.size()) {
                    throw new IllegalArgumentException("row has " + row.cells().size() + " cells for "
                            + headers.size() + " headers: " + row.cells());
                }
            }
        }
    }

    static String machineLine(Report.Machine m) {
        if (m == null) {
            return "Machine not recorded.";
        }
        return "Started " + m.started() + ", took " + Format.seconds(m.tookSeconds()) + " on " + hardware(m);
    }

    /** The machine without the run's date, for a page that shows the date on its own line. */
    static String hardwareLine(Report.Machine m) {
        return hardware(m);
    }

    /**
     * Cores (and their model), memory, OS (and kernel), JDK, database and queue (with the versions they
     * answered), the commit, and how the CPU was split: whatever of it the report recorded.
     */
    private static String hardware(Report.Machine m) {
        StringBuilder line = new StringBuilder();
        line.append(m.cores()).append(" cores");
        if (present(m.cpuModel())) {
            line.append(" (").append(m.cpuModel()).append(')');
        }
        line.append(", ").append(Format.mebibytes(m.memoryMib())).append(", ").append(m.os());
        if (present(m.kernel())) {
            line.append(", kernel ").append(m.kernel());
        }
        line.append(", JDK ").append(m.jdk()).append("; database ").append(m.database());
        if (present(m.postgres())) {
            // the server's own answer may hold commas, so the queue gets a semicolon of its own
            line.append(" — ").append(m.postgres()).append(';');
        } else {
            line.append(',');
        }
        line.append(" queue ").append(m.queue());
        if (present(m.elasticMq())) {
            line.append(" — ").append(m.elasticMq().startsWith("ElasticMQ") ? "" : "ElasticMQ ").append(m.elasticMq());
        }
        if (present(m.commit())) {
            line.append("; commit ").append(m.commit());
        }
        line.append('.');
        if (present(m.placement())) {
            line.append(" CPU placement: ").append(m.placement().strip().replaceAll("\\.$", "")).append('.');
        }
        return line.toString();
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }

    static Table ratios(Report report) {
        List<Row> rows = new ArrayList<>();
        for (Report.Ratio r : report.ratios()) {
            rows.add(new Row(List.of(r.figure(), Format.withUnit(r.value(), r.unit()), r.reference(),
                    Format.withUnit(r.referenceValue(), r.unit()), Format.ratio(r), r.kind()), false));
        }
        return new Table(List.of("Figure", "Value", "Reference", "Reference value", "Ratio", "Kind"),
                List.of(false, true, false, true, true, false), rows);
    }

    static Table starts(Report report) {
        List<Row> rows = new ArrayList<>();
        for (Report.StartSeries s : report.starts()) {
            List<String> cells = new ArrayList<>(List.of(s.way(), s.variant(), String.valueOf(s.totalMs().size())));
            if (s.totalMs().isEmpty()) {
                cells.addAll(List.of(Format.NONE, Format.NONE, Format.NONE, Format.NONE));
            } else {
                Distribution d = Distribution.of(s.totalMs());
                cells.addAll(List.of(Format.ms(d.percentile(50)), Format.ms(d.percentile(90)),
                        Format.ms(d.min()), Format.ms(d.max())));
            }
            cells.add(medianOrNone(s.initMs()));
            cells.add(medianOrNone(s.firstMs()));
            rows.add(new Row(cells, s.floor()));
        }
        return new Table(List.of("Way", "Variant", "n", "p50 ms", "p90 ms", "min ms", "max ms",
                "init p50 ms", "first invoke p50 ms"),
                List.of(false, false, true, true, true, true, true, true, true), rows);
    }

    static Table loads(Report report) {
        List<Row> rows = new ArrayList<>();
        for (Report.LoadRun run : report.loads()) {
            rows.add(new Row(List.of(run.way(), run.path(), offered(run.offeredPerSecond()),
                    Format.number(run.achievedPerSecond()),
                    Format.ms(at(run.corrected(), 50)), Format.ms(at(run.corrected(), 90)),
                    Format.ms(at(run.corrected(), 99)), Format.ms(at(run.corrected(), 99.9)),
                    Format.ms(at(run.serviceTime(), 99)), String.valueOf(non2xx(run.statuses()))), false));
        }
        return new Table(List.of("Way", "Path", "Offered/s", "Achieved/s", "p50 ms", "p90 ms", "p99 ms",
                "p99.9 ms", "service p99 ms", "non-2xx"),
                List.of(false, false, true, true, true, true, true, true, true, true), rows);
    }

    static Table throughputs(Report report) {
        List<Row> rows = new ArrayList<>();
        for (Report.Throughput t : report.throughputs()) {
            rows.add(new Row(List.of(t.way(), t.what(), Format.number(t.perSecond()), t.unit(),
                    t.ceiling() ? "ceiling" : ""), t.ceiling()));
        }
        return new Table(List.of("Way", "What", "Rate", "Unit", "Reference"),
                List.of(false, false, true, false, false), rows);
    }

    /** Said in the memory table beside a process that needed more than the way is deployed with. */
    static final String BREACH = "over its deployed memory";

    static Table memory(Report report) {
        List<Row> rows = new ArrayList<>();
        for (Report.Memory m : report.memory()) {
            rows.add(new Row(List.of(m.way(), m.process(), Format.number(m.residentMib()),
                    m.deployedMib() > 0 ? Format.number(m.deployedMib()) : Format.NONE,
                    m.breaches() ? BREACH : ""), false));
        }
        return new Table(List.of("Way", "Process", "Resident MiB", "Deployed MiB", "Breach"),
                List.of(false, false, true, true, false), rows);
    }

    /** Each measured process kind as it really ran. */
    static Table processes(Report report) {
        List<Row> rows = new ArrayList<>();
        for (Report.Process p : report.processes()) {
            rows.add(new Row(List.of(p.way(), text(p.variant()), text(p.cpu()),
                    p.activeProcessors() > 0 ? String.valueOf(p.activeProcessors()) : Format.NONE, text(p.gc()),
                    p.deployedMemoryMib() > 0 ? Format.mebibytes(p.deployedMemoryMib()) : Format.NONE,
                    p.jvmOptions().isEmpty() ? Format.NONE : String.join(" ", p.jvmOptions())), false));
        }
        return new Table(List.of("Way", "Variant", "CPU", "Active processors", "GC", "Deployed memory",
                "JVM options"), List.of(false, false, false, true, false, true, false), rows);
    }

    /** One row per profile: each call as "winner: basis", or "no measurable difference: basis". */
    static Table verdicts(List<Report.Verdict> verdicts) {
        List<Row> rows = new ArrayList<>();
        for (Report.Verdict v : verdicts) {
            rows.add(new Row(List.of(text(v.profile()), call(v.latency()), call(v.coldStart()), call(v.cost())), false));
        }
        return new Table(List.of("Profile", "Latency", "Cold start", "Cost"), List.of(false, false, false, false), rows);
    }

    /** Said instead of a winner when the measurements overlap. */
    static final String NO_DIFFERENCE = "no measurable difference";

    /** The call's headline: its winner, "no measurable difference", or a dash when nothing was measured. */
    static String callHeadline(Report.Call call) {
        if (call == null) {
            return Format.NONE;
        }
        if (call.withinNoise()) {
            return NO_DIFFERENCE;
        }
        return call.winner() == null ? Format.NONE : call.winner();
    }

    static String call(Report.Call call) {
        if (call == null) {
            return Format.NONE;
        }
        String basis = text(call.basis());
        return call.winner() == null && !call.withinNoise() ? basis : callHeadline(call) + ": " + basis;
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? Format.NONE : value;
    }

    /** One row per traffic profile; per way its dollars per month and per million requests. */
    static Table costProfiles(Report.CostPart cost) {
        Set<String> seen = new LinkedHashSet<>();
        for (Report.ProfileCost p : cost.profiles()) {
            seen.addAll(p.monthlyUsd().keySet());
            seen.addAll(p.perMillionUsd().keySet());
        }
        List<String> ways = ordered(seen);
        List<String> headers = new ArrayList<>(List.of("Profile", "Description", "Requests/month"));
        List<Boolean> numeric = new ArrayList<>(List.of(false, false, true));
        for (String way : ways) {
            headers.add(way + " $/month");
            headers.add(way + " $/M req");
            numeric.add(true);
            numeric.add(true);
        }
        List<Row> rows = new ArrayList<>();
        for (Report.ProfileCost p : cost.profiles()) {
            List<String> cells = new ArrayList<>(List.of(p.profile(), p.description(),
                    Format.compact(p.requestsPerMonth())));
            for (String way : ways) {
                cells.add(usdOrNone(p.monthlyUsd(), way));
                cells.add(usdOrNone(p.perMillionUsd(), way));
            }
            rows.add(new Row(cells, false));
        }
        return new Table(headers, numeric, rows);
    }

    static String crossover(Report.Crossover c) {
        return c.cheaperBelow() + " is cheaper below " + Format.compact(c.requestsPerMonth())
                + " requests/month, " + c.cheaperAbove() + " above.";
    }

    /** Known ways first in their usual order, then the rest alphabetically, "floor" last. */
    static List<String> ordered(Collection<String> ways) {
        return ways.stream().distinct().sorted(Comparator.comparingInt(Tables::rank)
                .thenComparing(Comparator.naturalOrder())).toList();
    }

    static int rank(String way) {
        int i = WAY_ORDER.indexOf(way);
        if (i >= 0) {
            return i;
        }
        return "floor".equals(way) ? Integer.MAX_VALUE : WAY_ORDER.size();
    }

    /** The latency at exactly this percentile, NaN when the run did not record it. */
    static double at(List<Report.Point> points, double percentile) {
        for (Report.Point p : points) {
            if (Math.abs(p.percentile() - percentile) < 1e-9) {
                return p.ms();
            }
        }
        return Double.NaN;
    }

    /** As {@code LoadResult.good} counts: a status that starts with 2 ("200", or wrk's "2xx/3xx") is good. */
    static long non2xx(Map<String, Long> statuses) {
        return statuses.entrySet().stream()
                .filter(e -> !e.getKey().startsWith("2"))
                .mapToLong(e -> Objects.requireNonNullElse(e.getValue(), 0L))
                .sum();
    }

    /** 0 offered means a closed-model saturation run: no arrival rate was asked for. */
    static String offered(double perSecond) {
        return perSecond == 0 ? "closed" : Format.number(perSecond);
    }

    private static String medianOrNone(List<Double> samples) {
        return samples.isEmpty() ? Format.NONE : Format.ms(Distribution.of(samples).median());
    }

    private static String usdOrNone(Map<String, Double> byWay, String way) {
        Double value = byWay.get(way);
        return value == null ? Format.NONE : Format.usd(value);
    }
}
