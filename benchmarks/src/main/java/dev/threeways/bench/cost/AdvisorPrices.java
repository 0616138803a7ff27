package dev.threeways.bench.cost;

import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import dev.threeways.advisor.price.Estimator;
import dev.threeways.advisor.price.PriceBook;
import dev.threeways.advisor.price.Rate;
import dev.threeways.advisor.price.Region;
import dev.threeways.advisor.price.Sizing;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The measured figures priced by the advisor module's pricing model ({@link Estimator} on a versioned
 * {@link PriceBook}), with the choices the harness has always made: us-east-1 on-demand, free tier off,
 * Lambda behind its HTTP API, Fargate behind an ALB, App Runner on its own; no NAT, public IPv4 not
 * counted, no Provisioned Concurrency, no Spot; servers at 60 % of their capacity.
 *
 * <p>ECS Express Mode, which infra-cdk deploys by default in App Runner's place (App Runner is closed to new
 * customers), runs the App Runner image: it is priced with the App Runner jar's measured throughput at
 * Express Mode's task size, auto scaled, behind the load balancer it creates.
 */
public final class AdvisorPrices implements CostModel {
    /** Request and response bytes through the front door (a small JSON request and answer). */
    public static final double BYTES_PER_REQUEST = 2048;
    /** App Runner's default maximum concurrency per instance; the Fargate task is given the same bound. */
    public static final int CONCURRENCY_PER_INSTANCE = 100;

    /** What the harness counts, spelled out rather than taken from the advisor's defaults, so its figures stay put. */
    public static final Estimator.Options OPTIONS = new Estimator.Options(
            Region.US_EAST_1,
            false,  // free tier
            true,   // HTTP API in front of Lambda
            true,   // ALB in front of Fargate
            1,      // services per Express Mode load balancer
            0, 0,   // no NAT gateway, nothing through one
            false,  // public IPv4 not counted
            0,      // no Provisioned Concurrency
            0.6,    // target utilization
            60,     // App Runner active window, seconds
            1,      // new ALB connections per request
            0, 0);  // no Spot

    /** The report's names for the ways it prices, in {@link CostModel#WAYS} order. */
    private static final Map<Way, String> REPORTED = reported();

    private final Estimator estimator;
    private final Estimator.Options options;

    /** The advisor's current price book with the harness's {@link #OPTIONS}. */
    public AdvisorPrices() {
        this(new Estimator(PriceBook.current()), OPTIONS);
    }

    public AdvisorPrices(Estimator estimator, Estimator.Options options) {
        require(estimator != null && options != null, "an estimator and its options are required");
        this.estimator = estimator;
        this.options = options;
    }

    private static Map<Way, String> reported() {
        var names = new LinkedHashMap<Way, String>();
        names.put(Way.LAMBDA, LAMBDA);
        names.put(Way.APP_RUNNER, APP_RUNNER);
        names.put(Way.ECS_EXPRESS_MODE, EXPRESS_MODE);
        names.put(Way.FARGATE, FARGATE);
        require(List.copyOf(names.values()).equals(WAYS), "the reported ways must be CostModel.WAYS, in order");
        return Collections.unmodifiableMap(names);
    }

    public Estimator.Options options() {
        return options;
    }

    public PriceBook book() {
        return estimator.book();
    }

    /**
     * The measured figures as the advisor's scenario: Lambda's warm billed duration is the request's duration;
     * App Runner scales per part of the day; the Fargate serve service runs a fixed count (it has no auto
     * scaling); Express Mode runs the App Runner jar on its own task, auto scaled.
     */
    public Estimator.Scenario scenario(Measured measured, TrafficProfile shape) {
        require(measured != null, "measured figures are required");
        Measured.Lambda fn = measured.lambda();
        Sizing.Server fargate = server(measured.fargate(), Sizing.Scaling.FIXED_FOR_PEAK);
        return new Estimator.Scenario(shape, fn.warmBilledMs(), BYTES_PER_REQUEST,
                new Sizing.Function(fn.memoryMb(), fn.arch(), fn.initMs(), fn.firstInvokeMs()),
                server(measured.appRunner(), Sizing.Scaling.PER_PART_OF_DAY),
                server(measured.expressMode(), Sizing.Scaling.PER_PART_OF_DAY), fargate);
    }

    static Sizing.Server server(Measured.Server s, Sizing.Scaling scaling) {
        return new Sizing.Server(s.vcpu(), s.memoryGb(), s.arch(), s.minInstances(), CONCURRENCY_PER_INSTANCE,
                s.perSecond(), scaling);
    }

    /** The advisor's estimate of the shape at a volume: every way it prices, bill by bill. */
    public Estimator.Estimate estimate(Measured measured, TrafficProfile shape, double requestsPerMonth) {
        return estimator.estimate(scenario(measured, shape), options, requestsPerMonth);
    }

    /** The estimate's totals for the three ways, in {@link CostModel#WAYS} order; the estimator refuses a negative volume. */
    @Override
    public Map<String, Double> monthlyUsd(Measured measured, TrafficProfile shape, double requestsPerMonth) {
        Map<Way, Double> byWay = estimate(measured, shape, requestsPerMonth).monthlyUsd();
        var usd = new LinkedHashMap<String, Double>();
        REPORTED.forEach((way, name) -> usd.put(name, byWay.get(way)));
        return Collections.unmodifiableMap(usd);
    }

    @Override
    public String source() {
        var pages = new ArrayList<String>();
        var taken = new ArrayList<String>();
        for (Rate rate : book().rates(options.region())) {
            if (!pages.contains(rate.source())) {
                pages.add(rate.source());
            }
            if (!taken.contains(rate.taken())) {
                taken.add(rate.taken());
            }
        }
        return "the advisor's pricing model, price book " + book().version() + ": AWS " + options.region().code()
                + " on-demand, free tier " + (options.freeTier() ? "on" : "off") + ", read " + String.join(", ", taken)
                + " from " + String.join(", ", pages);
    }

    @Override
    public List<String> assumptions(Measured measured) {
        var out = new ArrayList<>(Estimator.assumptions(options));
        Measured.Lambda fn = measured.lambda();
        Sizing.Server appRunner = server(measured.appRunner(), Sizing.Scaling.PER_PART_OF_DAY);
        double perInstance = appRunner.perSecond(fn.warmBilledMs());
        out.add(String.format(Locale.ROOT, "App Runner's deployed maxSize %d caps it at %.0f requests/s at the target "
                        + "utilization; above that the figures price it as though the cap were raised.",
                Measured.APP_RUNNER_MAX_INSTANCES, Measured.APP_RUNNER_MAX_INSTANCES * perInstance * options.targetUtilization()));
        Measured.Server fargate = measured.fargate();
        out.add(String.format(Locale.ROOT, "Fargate runs a fixed count all month (the serve service has no auto scaling): "
                        + "enough %s vCPU tasks for the peak, at least %d; all on-demand, though the deployed capacity "
                        + "providers put every other task beyond the first on FARGATE_SPOT, so this is an upper bound.",
                num(fargate.vcpu()), fargate.minInstances()));
        out.add("The Fargate ALB has one listener rule, so rule evaluations are free. ECS Express Mode pays for the "
                + "whole load balancer it creates (it could share it with up to 24 other services).");
        return List.copyOf(out);
    }

    private static String num(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
