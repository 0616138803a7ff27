package dev.threeways.bench.cost;

import static dev.threeways.bench.cost.Measured.finite;
import static dev.threeways.bench.cost.Measured.require;

import dev.threeways.bench.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost step: prices the measured figures for the traffic profiles, draws each way's monthly cost
 * against volume (in the steady shape) and finds the volumes where the cheapest way changes.
 */
public final class Costs {
    public static final double CURVE_FROM = 1e4;
    public static final double CURVE_TO = 1e10;
    public static final int POINTS_PER_DECADE = 12;
    /** Bisection stops when the bracket is this narrow relative to its ends. */
    static final double RELATIVE_TOLERANCE = 1e-9;
    private static final int MAX_SPLITS = 8;

    private final CostModel model;

    public Costs(CostModel model) {
        require(model != null, "a cost model is required");
        this.model = model;
    }

    /** The whole cost part of a report: the four profiles, the curves and crossovers in the steady shape. */
    public Report.CostPart price(Measured measured) {
        return price(measured, TrafficProfile.all(), TrafficProfile.STEADY);
    }

    public Report.CostPart price(Measured measured, List<TrafficProfile> profiles, TrafficProfile curveShape) {
        require(measured != null, "measured figures are required");
        require(profiles != null && !profiles.isEmpty(), "at least one profile is required");
        require(curveShape != null, "a curve shape is required");
        var priced = new ArrayList<Report.ProfileCost>();
        for (TrafficProfile profile : profiles) {
            priced.add(profileCost(measured, profile));
        }
        List<Report.Curve> curves = curves(measured, curveShape);
        List<Report.Crossover> crossovers = crossovers(measured, curveShape, CURVE_FROM, CURVE_TO);
        return new Report.CostPart(model.source(), priced, curves, crossovers,
                assumptions(measured, profiles, curveShape));
    }

    Report.ProfileCost profileCost(Measured measured, TrafficProfile profile) {
        Map<String, Double> monthly = model.monthlyUsd(measured, profile);
        var perMillion = new LinkedHashMap<String, Double>();
        double millions = profile.requestsPerMonth() / 1e6;
        monthly.forEach((way, usd) -> perMillion.put(way, usd / millions));
        return new Report.ProfileCost(profile.name(), profile.description(), profile.requestsPerMonth(), monthly, perMillion);
    }

    /** Volumes from {@link #CURVE_FROM} to {@link #CURVE_TO}, evenly spaced in log10, ends included. */
    public static List<Double> volumes() {
        int decades = (int) Math.round(Math.log10(CURVE_TO / CURVE_FROM));
        int n = decades * POINTS_PER_DECADE;
        var out = new ArrayList<Double>(n + 1);
        double from = Math.log10(CURVE_FROM);
        for (int i = 0; i <= n; i++) {
            out.add(Math.pow(10, from + (double) i / POINTS_PER_DECADE));
        }
        return List.copyOf(out);
    }

    public List<Report.Curve> curves(Measured measured, TrafficProfile shape) {
        var points = new LinkedHashMap<String, List<Report.CostPoint>>();
        for (double volume : volumes()) {
            model.monthlyUsd(measured, shape, volume).forEach((way, usd) ->
                    points.computeIfAbsent(way, w -> new ArrayList<>()).add(new Report.CostPoint(volume, usd)));
        }
        var curves = new ArrayList<Report.Curve>();
        points.forEach((way, list) -> curves.add(new Report.Curve(way, list)));
        return List.copyOf(curves);
    }

    /**
     * Where the cheapest way changes between {@code from} and {@code to}: scans the curve volumes for a
     * change of the cheapest way, then bisects (in log volume) on the sign of the difference of the two
     * ways' costs. When a third way turns out cheapest inside the bracket, the bracket is split there and
     * each half searched again.
     */
    public List<Report.Crossover> crossovers(Measured measured, TrafficProfile shape, double from, double to) {
        require(finite(from) && finite(to) && from > 0 && to > from, "volumes must satisfy 0 < from < to: " + from + ", " + to);
        var grid = new ArrayList<Double>();
        grid.add(from);
        for (double v : volumes()) {
            if (v > from && v < to) {
                grid.add(v);
            }
        }
        grid.add(to);
        var found = new ArrayList<Report.Crossover>();
        for (int i = 1; i < grid.size(); i++) {
            search(measured, shape, grid.get(i - 1), grid.get(i), found, MAX_SPLITS);
        }
        return List.copyOf(found);
    }

    private void search(Measured measured, TrafficProfile shape, double lo, double hi, List<Report.Crossover> found,
                        int splitsLeft) {
        String below = cheapest(model.monthlyUsd(measured, shape, lo));
        String above = cheapest(model.monthlyUsd(measured, shape, hi));
        if (below.equals(above)) {
            return;
        }
        double a = lo;
        double b = hi;
        // invariant: at a the "below" way is cheaper than the "above" way; at b it is not
        while (b / a - 1 > RELATIVE_TOLERANCE) {
            double mid = Math.sqrt(a * b);
            if (mid <= a || mid >= b) {
                break;
            }
            Map<String, Double> usd = model.monthlyUsd(measured, shape, mid);
            if (usd.get(below) < usd.get(above)) {
                a = mid;
            } else {
                b = mid;
            }
        }
        double at = Math.sqrt(a * b);
        String justBelow = cheapest(model.monthlyUsd(measured, shape, a));
        String justAbove = cheapest(model.monthlyUsd(measured, shape, b));
        if (justBelow.equals(below) && justAbove.equals(above)) {
            found.add(new Report.Crossover(below, above, at));
        } else if (splitsLeft > 0) {
            // a third way is cheapest somewhere in the bracket: the two-way root is not where the cheapest changes
            search(measured, shape, lo, a, found, splitsLeft - 1);
            search(measured, shape, b, hi, found, splitsLeft - 1);
        } else {
            found.add(new Report.Crossover(justBelow, justAbove, at));
        }
    }

    /** The cheapest way; a tie goes to the way the model lists first. */
    static String cheapest(Map<String, Double> usd) {
        String best = null;
        double bestUsd = Double.POSITIVE_INFINITY;
        for (var e : usd.entrySet()) {
            if (best == null || e.getValue() < bestUsd) {
                best = e.getKey();
                bestUsd = e.getValue();
            }
        }
        require(best != null, "the cost model priced no way");
        return best;
    }

    List<String> assumptions(Measured measured, List<TrafficProfile> profiles, TrafficProfile curveShape) {
        var out = new ArrayList<String>();
        out.add("Prices: " + model.source() + ".");
        Measured.Lambda fn = measured.lambda();
        out.add(String.format(Locale.ROOT, "Lambda: %d MB %s as deployed (infra-cdk JavaFunctions); a warm request bills "
                        + "the measured mean %.1f ms; a cold one bills the measured init %.1f ms plus its first invoke %.1f ms "
                        + "(INIT is billed for on-demand functions since 2025-08-01). Measured under a local Lambda runtime, "
                        + "which runs a full init: the deployed functions use SnapStart, whose billed restore is usually "
                        + "shorter, so the cold-start part is an upper bound.",
                fn.memoryMb(), arch(fn.arch()), fn.warmBilledMs(), fn.initMs(), fn.firstInvokeMs()));
        out.add(server("App Runner", measured.appRunner()));
        out.add(server("Fargate", measured.fargate()));
        out.add("Throughput is scaled from the cores measured on to the instance's vCPUs in proportion: a vCPU is taken "
                + "to do what a core here did, and the app to be CPU-bound at saturation; below one vCPU (a CPU share) "
                + "this flatters the server.");
        for (TrafficProfile p : profiles) {
            out.add(String.format(Locale.ROOT, "Profile %s: %s; %,d requests a month, peak %.3g× the mean over %.3g h "
                            + "a day, active %.3g h a day; %.3g %% of Lambda invocations cold.", p.name(), p.description(),
                    p.requestsPerMonth(), p.peakToMean(), p.peakHoursPerDay(), p.activeHoursPerDay(),
                    p.coldStartShare() * 100));
        }
        out.add(String.format(Locale.ROOT, "Curves: the %s shape at %d log-spaced volumes from %.0e to %.0e requests a month; "
                        + "crossovers by bisection on the difference of two ways' costs where the cheapest way changes.",
                curveShape.name(), volumes().size(), CURVE_FROM, CURVE_TO));
        out.add("A month is 730 hours; free tiers, savings plans and reserved capacity are off.");
        out.addAll(model.assumptions(measured));
        return List.copyOf(out);
    }

    private static String server(String way, Measured.Server s) {
        return String.format(Locale.ROOT, "%s: %.3g vCPU / %.3g GB %s, at least %d running, as deployed; %.0f requests/s "
                        + "measured on %d cores, scaled to %.0f requests/s per instance; resident memory %.0f MiB.",
                way, s.vcpu(), s.memoryGb(), arch(s.arch()), s.minInstances(), s.measuredPerSecond(), s.measuredCores(),
                s.perSecond(), s.residentMib());
    }

    private static String arch(Measured.Arch arch) {
        return arch == Measured.Arch.ARM64 ? "ARM64" : "x86-64";
    }
}
