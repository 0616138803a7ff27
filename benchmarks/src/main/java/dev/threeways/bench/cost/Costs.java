package dev.threeways.bench.cost;

import static dev.threeways.advisor.Checks.finite;
import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.price.Arch;
import dev.threeways.advisor.price.Crossovers;
import dev.threeways.bench.report.Report;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * The cost step: prices the measured figures for the traffic profiles, draws each way's monthly cost
 * against volume (in the steady shape) and finds the volumes where the cheapest way changes (the
 * advisor's {@link Crossovers} does the searching; this class turns its answers into the report's types).
 */
public final class Costs {
    public static final int POINTS_PER_DECADE = 12;

    private final CostModel model;

    public Costs(CostModel model) {
        require(model != null, "a cost model is required");
        this.model = model;
    }

    /**
     * The whole cost part of a report from figures measured at the deployed sizes ({@link Measured#asDeployed}),
     * keeping the figures in it so it can be priced again when the prices change.
     */
    public Report.CostPart price(Report.PricedFigures figures) {
        require(figures != null, "measured figures are required");
        return price(Measured.asDeployed(figures)).withFigures(figures);
    }

    /**
     * The whole cost part of a report: the four profiles, the curves and crossovers in the steady shape. It
     * keeps no {@link Report.CostPart#figures() figures}: a {@link Measured} may be sized otherwise than as
     * deployed, which re-pricing could not rebuild; {@link #price(Report.PricedFigures)} keeps them.
     */
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
        for (TrafficProfile profile : profiles) {
            model.webhookUsd(measured, profile, profile.requestsPerMonth()).ifPresent(monthly ->
                    priced.add(costs(profile.name() + WEBHOOKS, "the same shape of Stripe webhooks, each way on its own "
                            + "path (App Runner and Express Mode apply it in the request; Lambda and Fargate enqueue it and "
                            + "apply it from the queue)", profile.requestsPerMonth(), monthly)));
        }
        List<Report.Curve> curves = curves(measured, curveShape);
        List<Report.Crossover> crossovers = crossovers(measured, curveShape, Crossovers.CURVE_FROM, Crossovers.CURVE_TO);
        return new Report.CostPart(model.source(), priced, curves, crossovers,
                assumptions(measured, profiles, curveShape), null);
    }

    /** What a webhook profile's name adds to its shape's. */
    public static final String WEBHOOKS = " (webhooks)";

    Report.ProfileCost profileCost(Measured measured, TrafficProfile profile) {
        return costs(profile.name(), profile.description(), profile.requestsPerMonth(), model.monthlyUsd(measured, profile));
    }

    private static Report.ProfileCost costs(String name, String description, long volume, Map<String, Double> monthly) {
        var perMillion = new LinkedHashMap<String, Double>();
        double millions = volume / 1e6;
        monthly.forEach((way, usd) -> perMillion.put(way, usd / millions));
        return new Report.ProfileCost(name, description, volume, monthly, perMillion);
    }

    /**
     * How much each way's month moves when one measured figure is twice as bad (a duration doubled, a throughput
     * halved), for the profile at its volume: what rests on measurement; the rest rests on the price book alone.
     */
    public String sensitivity(Measured m, TrafficProfile p) {
        Map<String, Double> base = model.monthlyUsd(m, p);
        Measured.Lambda fn = m.lambda();
        var moves = new ArrayList<String>();
        moves.add(move("Lambda's warm duration doubles", base, model.monthlyUsd(new Measured(new Measured.Lambda(
                fn.warmBilledMs() * 2, fn.initMs(), fn.firstInvokeMs(), fn.memoryMb(), fn.arch()), m.appRunner(), m.fargate(),
                m.webhooks()), p)));
        moves.add(move("its cold start doubles", base, model.monthlyUsd(new Measured(new Measured.Lambda(
                fn.warmBilledMs(), fn.initMs() * 2, fn.firstInvokeMs() * 2, fn.memoryMb(), fn.arch()), m.appRunner(),
                m.fargate(), m.webhooks()), p)));
        moves.add(move("App Runner's throughput halves", base, model.monthlyUsd(new Measured(fn, halved(m.appRunner()),
                m.fargate(), m.webhooks()), p)));
        moves.add(move("Fargate's throughput halves", base, model.monthlyUsd(new Measured(fn, m.appRunner(),
                halved(m.fargate()), m.webhooks()), p)));
        return "Sensitivity, " + p.name() + ": " + String.join("; ", moves) + ". What does not move rests on the price "
                + "book and the deployed sizes alone.";
    }

    /** The same for the webhook path's measured figures, on the profile's shape of webhooks. */
    public String webhookSensitivity(Measured m, TrafficProfile p) {
        Report.WebhookFigures w = m.webhooks();
        Map<String, Double> base = model.webhookUsd(m, p, p.requestsPerMonth()).orElseThrow();
        var moves = new ArrayList<String>();
        moves.add(move("Lambda's enqueue doubles", base, webhooks(m, p, new Report.WebhookFigures(w.lambdaEnqueueBilledMs() * 2,
                w.lambdaQueuePerSecond(), w.lambdaQueueEnvironments(), w.appRunnerPerSecond(), w.fargateEnqueuePerSecond(),
                w.fargateWorkerPerSecond()))));
        moves.add(move("its queue function's time a webhook doubles", base, webhooks(m, p, new Report.WebhookFigures(
                w.lambdaEnqueueBilledMs(), w.lambdaQueuePerSecond() / 2, w.lambdaQueueEnvironments(), w.appRunnerPerSecond(),
                w.fargateEnqueuePerSecond(), w.fargateWorkerPerSecond()))));
        moves.add(move("App Runner's webhooks/s halve", base, webhooks(m, p, new Report.WebhookFigures(w.lambdaEnqueueBilledMs(),
                w.lambdaQueuePerSecond(), w.lambdaQueueEnvironments(), w.appRunnerPerSecond() / 2, w.fargateEnqueuePerSecond(),
                w.fargateWorkerPerSecond()))));
        moves.add(move("Fargate's enqueue and worker halve", base, webhooks(m, p, new Report.WebhookFigures(
                w.lambdaEnqueueBilledMs(), w.lambdaQueuePerSecond(), w.lambdaQueueEnvironments(), w.appRunnerPerSecond(),
                w.fargateEnqueuePerSecond() / 2, w.fargateWorkerPerSecond() / 2))));
        return "Sensitivity, " + p.name() + WEBHOOKS + ": " + String.join("; ", moves) + ".";
    }

    private Map<String, Double> webhooks(Measured m, TrafficProfile p, Report.WebhookFigures w) {
        return model.webhookUsd(m.withWebhooks(w), p, p.requestsPerMonth()).orElseThrow();
    }

    private static Measured.Server halved(Measured.Server s) {
        return Measured.Server.scaled(s.measuredPerSecond() / 2, s.measuredCpu(), s.vcpu(), s.memoryGb(), s.minInstances(),
                s.arch(), s.residentMib());
    }

    private static String move(String what, Map<String, Double> base, Map<String, Double> moved) {
        var parts = new ArrayList<String>();
        base.forEach((way, usd) -> {
            double d = moved.get(way) - usd;
            if (Math.abs(d) >= 0.005) {
                parts.add(String.format(Locale.ROOT, "%s %s$%,.2f (%+.0f %%)", way, d < 0 ? "-" : "+", Math.abs(d), 100 * d / usd));
            }
        });
        return what + ": " + (parts.isEmpty() ? "no way moves a cent" : String.join(", ", parts));
    }

    /** Volumes from {@link Crossovers#CURVE_FROM} to {@link Crossovers#CURVE_TO}, evenly spaced in log10, ends included. */
    public static List<Double> volumes() {
        return Crossovers.volumes(Crossovers.CURVE_FROM, Crossovers.CURVE_TO, POINTS_PER_DECADE);
    }

    public List<Report.Curve> curves(Measured measured, TrafficProfile shape) {
        var curves = new ArrayList<Report.Curve>();
        Crossovers.curves(costAt(measured, shape), volumes()).forEach((way, points) -> curves.add(new Report.Curve(way,
                points.stream().map(p -> new Report.CostPoint(p.requestsPerMonth(), p.usd())).toList())));
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
        return Crossovers.find(costAt(measured, shape), grid).stream()
                .map(c -> new Report.Crossover(c.cheaperBelow(), c.cheaperAbove(), c.requestsPerMonth()))
                .toList();
    }

    private DoubleFunction<Map<String, Double>> costAt(Measured measured, TrafficProfile shape) {
        return volume -> model.monthlyUsd(measured, shape, volume);
    }

    List<String> assumptions(Measured measured, List<TrafficProfile> profiles, TrafficProfile curveShape) {
        var out = new ArrayList<String>();
        out.add("Prices: " + model.source() + ".");
        Measured.Lambda fn = measured.lambda();
        out.add(String.format(Locale.ROOT, "Lambda: %d MB %s as deployed (infra-cdk JavaFunctions); a warm invoke's "
                        + "measured billed duration is %.1f ms on average (each rounded up to 1 ms); a cold one bills the "
                        + "measured init %.1f ms plus its first invoke %.1f ms "
                        + "(INIT is billed for on-demand functions since 2025-08-01). Measured under a local Lambda runtime, "
                        + "which runs a full init: the deployed functions use SnapStart, whose billed restore is usually "
                        + "shorter, so the cold-start part is an upper bound.",
                fn.memoryMb(), arch(fn.arch()), fn.warmBilledMs(), fn.initMs(), fn.firstInvokeMs()));
        out.add(server("App Runner", measured.appRunner()));
        out.add(server("ECS Express Mode (the App Runner jar)", measured.expressMode()));
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
                curveShape.name(), volumes().size(), Crossovers.CURVE_FROM, Crossovers.CURVE_TO));
        out.addAll(model.assumptions(measured));
        for (TrafficProfile p : profiles) {
            out.add(sensitivity(measured, p));
        }
        if (measured.webhooks() != null) {
            for (TrafficProfile p : profiles) {
                out.add(webhookSensitivity(measured, p));
            }
        }
        return List.copyOf(out);
    }

    private static String server(String way, Measured.Server s) {
        return String.format(Locale.ROOT, "%s: %.3g vCPU / %.3g GB %s, at least %d running, as deployed; %.0f requests/s "
                        + "measured with %s CPU, %.0f requests/s per instance; resident memory %.0f MiB.",
                way, s.vcpu(), s.memoryGb(), arch(s.arch()), s.minInstances(), s.measuredPerSecond(),
                new java.math.BigDecimal(String.format(Locale.ROOT, "%.3g", s.measuredCpu())).stripTrailingZeros().toPlainString(),
                s.perSecond(), s.residentMib());
    }

    private static String arch(Arch arch) {
        return arch == Arch.ARM64 ? "ARM64" : "x86-64";
    }
}
