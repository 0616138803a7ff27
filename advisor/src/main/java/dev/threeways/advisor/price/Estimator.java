package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.finite;
import static dev.threeways.advisor.Checks.nonNegative;
import static dev.threeways.advisor.Checks.positive;
import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A month of one workload priced four ways: Lambda with its HTTP API, App Runner on its own, ECS Express
 * Mode (Fargate tasks and the load balancer it creates) and ECS on Fargate with an ALB. Instances come from
 * the traffic: ceil(rate / (one instance's requests a second × target utilization)), at least the minimum.
 */
public final class Estimator {

    /**
     * The workload, as the estimate sees it.
     *
     * @param meanDurationMs  a warm request's mean billed duration (Lambda rounds each invoke up to the millisecond;
     *                        a mean of such figures is billed as it is); servers are busy for it
     * @param bytesPerRequest request and response bytes through the front door
     * @param lambda          the function's size, or null where Lambda cannot take the workload (it is not priced)
     * @param appRunner       the instance's size, or null where App Runner offers none big enough (not priced)
     */
    public record Scenario(TrafficProfile traffic, double meanDurationMs, double bytesPerRequest,
                           Sizing.Function lambda, Sizing.Server appRunner, Sizing.Server expressMode,
                           Sizing.Server fargate) {
        public Scenario {
            require(traffic != null, "a traffic profile is required");
            positive(meanDurationMs, "mean duration (ms)");
            nonNegative(bytesPerRequest, "bytes per request");
            require(expressMode != null && fargate != null, "the ECS ways need a task size");
            if (appRunner != null) {
                AppRunnerPricing.requireValid(appRunner.vcpu(), appRunner.memoryGb());
            }
            dev.threeways.advisor.decide.FargateSizes.requireValid(expressMode.vcpu(), expressMode.memoryGb());
            dev.threeways.advisor.decide.FargateSizes.requireValid(fargate.vcpu(), fargate.memoryGb());
        }
    }

    /**
     * What is counted, and the model's own choices.
     *
     * @param freeTier                 subtract Lambda's monthly free tier
     * @param httpApi                  put API Gateway's HTTP API in front of Lambda
     * @param alb                      put an Application Load Balancer in front of Fargate (Express Mode always has one)
     * @param servicesPerExpressAlb    services sharing Express Mode's load balancer (up to 25): each pays its share
     * @param natGateways              NAT gateways the container ways' tasks reach the internet through (0: public IPs)
     * @param natGbPerMonth            data through them a month
     * @param publicIpv4               count public IPv4 addresses: the load balancer's (one per zone), and each task's or,
     *                                 behind NAT, each gateway's
     * @param provisionedConcurrency   Lambda environments kept initialized all month (0: none)
     * @param targetUtilization        the share of an instance's capacity it is run at (0..1]
     * @param appRunnerActiveSeconds   how long an App Runner instance counts as active after a request (App Runner bills
     *                                 vCPU while active, not to the millisecond; a minute is this model's reading)
     * @param newConnectionsPerRequest ALB connections opened per request (1: clients that do not keep connections alive)
     * @param spotShare                share of Fargate task time on Fargate Spot
     * @param spotDiscount             Spot's discount off on-demand (AWS: up to 70 %)
     */
    public record Options(Region region, boolean freeTier, boolean httpApi, boolean alb, int servicesPerExpressAlb,
                          int natGateways, double natGbPerMonth, boolean publicIpv4, int provisionedConcurrency,
                          double targetUtilization, double appRunnerActiveSeconds, double newConnectionsPerRequest,
                          double spotShare, double spotDiscount) {
        /** Load balancer zones: an internet-facing ALB spans at least two. */
        public static final int ALB_ZONES = 2;

        public static final Options DEFAULT = new Options(Region.US_EAST_1, false, true, true, 1, 0, 0, false, 0,
                0.6, 60, 1, 0, 0);

        public Options {
            require(region != null, "a region is required");
            require(servicesPerExpressAlb >= 1 && servicesPerExpressAlb <= 25,
                    "services sharing an Express Mode load balancer must be 1..25: " + servicesPerExpressAlb);
            require(natGateways >= 0, "NAT gateways must be 0 or more: " + natGateways);
            nonNegative(natGbPerMonth, "GB through NAT a month");
            require(provisionedConcurrency >= 0, "provisioned concurrency must be 0 or more: " + provisionedConcurrency);
            require(finite(targetUtilization) && targetUtilization > 0 && targetUtilization <= 1,
                    "target utilization must be in (0, 1]: " + targetUtilization);
            nonNegative(appRunnerActiveSeconds, "App Runner active seconds");
            nonNegative(newConnectionsPerRequest, "new connections per request");
            require(spotShare >= 0 && spotShare <= 1, "the Spot share must be in [0, 1]: " + spotShare);
            require(spotDiscount >= 0 && spotDiscount <= 1, "the Spot discount must be in [0, 1]: " + spotDiscount);
        }

        public Options in(Region r) {
            return new Options(r, freeTier, httpApi, alb, servicesPerExpressAlb, natGateways, natGbPerMonth, publicIpv4,
                    provisionedConcurrency, targetUtilization, appRunnerActiveSeconds, newConnectionsPerRequest, spotShare,
                    spotDiscount);
        }
    }

    /** Each way's bill for the month, and the instance counts behind them. */
    public record Estimate(Region region, String priceBook, double requestsPerMonth, Map<Way, Bill> bills,
                           List<String> notes) {
        public Estimate {
            bills = Collections.unmodifiableMap(new EnumMap<>(bills));
            notes = List.copyOf(notes);
        }

        public Map<Way, Double> monthlyUsd() {
            var out = new EnumMap<Way, Double>(Way.class);
            bills.forEach((way, bill) -> out.put(way, bill.total()));
            return out;
        }

        /** The cheapest way; a tie goes to the way listed first. */
        public Way cheapest() {
            return Crossovers.cheapest(monthlyUsd());
        }
    }

    private static final double HOURS_PER_MONTH = TrafficProfile.HOURS_PER_MONTH;

    private final PriceBook book;

    public Estimator(PriceBook book) {
        require(book != null, "a price book is required");
        this.book = book;
    }

    public PriceBook book() {
        return book;
    }

    /** The scenario at its profile's own volume. */
    public Estimate estimate(Scenario s, Options o) {
        return estimate(s, o, s.traffic().requestsPerMonth());
    }

    /** The scenario's shape at {@code requestsPerMonth}. */
    public Estimate estimate(Scenario s, Options o, double requestsPerMonth) {
        require(finite(requestsPerMonth) && requestsPerMonth >= 0, "requests per month must be a number, 0 or more: " + requestsPerMonth);
        PriceBook.Prices prices = book.in(o.region());
        var notes = new ArrayList<String>();
        var bills = new EnumMap<Way, Bill>(Way.class);
        if (s.lambda() != null) {
            bills.put(Way.LAMBDA, lambda(prices, s, o, requestsPerMonth));
        }
        if (s.appRunner() != null) {
            bills.put(Way.APP_RUNNER, appRunner(prices, s, o, requestsPerMonth, notes));
        }
        bills.put(Way.ECS_EXPRESS_MODE, containers(prices, s, o, requestsPerMonth, Way.ECS_EXPRESS_MODE, notes));
        bills.put(Way.FARGATE, containers(prices, s, o, requestsPerMonth, Way.FARGATE, notes));
        return new Estimate(o.region(), book.version(), requestsPerMonth, bills, notes);
    }

    /**
     * Requests and GB-seconds; a cold start's share of requests bills its init and a slower first invoke;
     * Provisioned Concurrency, when set, serves what its environments can hold at each part of the day.
     */
    Bill lambda(PriceBook.Prices prices, Scenario s, Options o, double requests) {
        Sizing.Function fn = s.lambda();
        // means of billed durations: each invoke is rounded up to the millisecond before it is averaged, so the mean
        // itself is not rounded again
        double warm = s.meanDurationMs();
        double first = fn.firstInvokeMs() > 0 ? fn.firstInvokeMs() : warm;
        double provisionedRequests = 0;
        if (o.provisionedConcurrency() > 0) {
            for (TrafficProfile.Part part : s.traffic().day(requests)) {
                double holds = o.provisionedConcurrency() * 1000 / warm;
                provisionedRequests += Math.min(part.perSecond(), holds) * part.hoursPerMonth() * 3600;
            }
        }
        double onDemand = requests - provisionedRequests;
        double cold = s.traffic().coldStartShare();
        double meanOnDemandMs = (1 - cold) * warm + cold * first;
        var provisioned = o.provisionedConcurrency() == 0 ? LambdaPricing.Provisioned.NONE
                : new LambdaPricing.Provisioned(o.provisionedConcurrency(), HOURS_PER_MONTH, provisionedRequests, warm);
        var usage = new LambdaPricing.Usage(requests, onDemand == 0 ? 0 : meanOnDemandMs, fn.memoryMb(), fn.arch(),
                onDemand * cold, fn.initMs(), LambdaPricing.FREE_EPHEMERAL_MB, o.freeTier(), provisioned);
        Bill bill = LambdaPricing.bill(prices, usage);
        if (o.httpApi()) {
            bill = bill.plus("Lambda", new Bill("HTTP API", List.of(FrontDoors.httpApi(prices, requests, s.bytesPerRequest()))));
        }
        return bill;
    }

    /**
     * App Runner runs enough instances for each part of the day (at least its minimum); memory is billed for
     * every instance-hour, vCPU for the active ones.
     */
    Bill appRunner(PriceBook.Prices prices, Scenario s, Options o, double requests, List<String> notes) {
        Sizing.Server server = s.appRunner();
        double capacity = server.perSecond(s.meanDurationMs());
        double instanceHours = 0;
        double activeHours = 0;
        int most = 0;
        for (TrafficProfile.Part part : s.traffic().day(requests)) {
            int n = instances(server, capacity, part.perSecond(), o);
            most = Math.max(most, n);
            instanceHours += n * part.hoursPerMonth();
            if (n > 0 && part.perSecond() > 0) {
                activeHours += n * activeShare(capacity, part.perSecond() / n, o) * part.hoursPerMonth();
            }
        }
        notes.add(String.format(Locale.ROOT, "App Runner: up to %d instance(s) of %s vCPU / %s GB, %s requests/s each at full use.",
                most, num(server.vcpu()), num(server.memoryGb()), sig3(capacity)));
        return AppRunnerPricing.bill(prices, new AppRunnerPricing.Usage(server.vcpu(), server.memoryGb(), instanceHours,
                activeHours, false));
    }

    /**
     * Fargate tasks (fixed for the peak or following the day), with a load balancer and the network around them:
     * Express Mode always has its load balancer, and pays its share of it; ECS on Fargate has one when the options say so.
     */
    Bill containers(PriceBook.Prices prices, Scenario s, Options o, double requests, Way way, List<String> notes) {
        boolean express = way == Way.ECS_EXPRESS_MODE;
        Sizing.Server server = express ? s.expressMode() : s.fargate();
        boolean alb = express || o.alb();
        if (server.scaling() == Sizing.Scaling.TASK_PER_RUN) {
            return taskPerRun(prices, s, o, requests, server, notes);
        }
        double capacity = server.perSecond(s.meanDurationMs());
        double taskHours = 0;
        double lcuHours = 0;
        List<TrafficProfile.Part> day = s.traffic().day(requests);
        int forPeak = instances(server, capacity, s.traffic().peakPerSecond(requests), o);
        notes.add(String.format(Locale.ROOT, "%s: %s %d task(s) of %s vCPU / %s GB %s, %s requests/s each at full use.",
                way.label(),
                server.scaling() == Sizing.Scaling.FIXED_FOR_PEAK ? "a fixed" : "up to", forPeak, num(server.vcpu()),
                num(server.memoryGb()), server.arch() == Arch.ARM64 ? "ARM" : "x86", sig3(capacity)));
        for (TrafficProfile.Part part : day) {
            int n = server.scaling() == Sizing.Scaling.FIXED_FOR_PEAK ? forPeak : instances(server, capacity, part.perSecond(), o);
            taskHours += n * part.hoursPerMonth();
            var traffic = new FrontDoors.AlbTraffic(part.perSecond() * o.newConnectionsPerRequest(), 0,
                    part.perSecond() * 3600 * s.bytesPerRequest() / 1e9, 0);
            lcuHours += traffic.lcus() * part.hoursPerMonth();
        }
        var lines = new ArrayList<Line>(FargatePricing.bill(prices, new FargatePricing.Usage(server.vcpu(), server.memoryGb(),
                server.arch(), taskHours * 3600, FargatePricing.FREE_EPHEMERAL_GB, o.spotShare(), o.spotDiscount())).lines());
        double albShare = express ? 1.0 / o.servicesPerExpressAlb() : 1;
        if (alb) {
            for (Line l : FrontDoors.alb(prices, HOURS_PER_MONTH * albShare, lcuHours).lines()) {
                lines.add(l);
            }
        }
        if (o.natGateways() > 0) {
            lines.addAll(FrontDoors.nat(prices, o.natGateways(), HOURS_PER_MONTH, o.natGbPerMonth()).lines());
        }
        if (o.publicIpv4()) {
            double addressHours = (alb ? Options.ALB_ZONES * HOURS_PER_MONTH * albShare : 0)
                    + (o.natGateways() > 0 ? o.natGateways() * HOURS_PER_MONTH : taskHours);
            lines.add(FrontDoors.publicIpv4(prices, addressHours));
        }
        return new Bill("Fargate", lines);
    }

    /** One task a request, each billed for its run (at least a minute); nothing runs between them. */
    private Bill taskPerRun(PriceBook.Prices prices, Scenario s, Options o, double requests, Sizing.Server server,
                            List<String> notes) {
        double taskSeconds = FargatePricing.taskSeconds(requests, s.meanDurationMs() / 1000);
        notes.add(String.format(Locale.ROOT, "%s: one %s vCPU / %s GB %s task a run (RunTask), %s task-hours a month.",
                Way.FARGATE.label(), num(server.vcpu()), num(server.memoryGb()), server.arch() == Arch.ARM64 ? "ARM" : "x86",
                num(Math.round(taskSeconds / 36) / 100.0)));
        var lines = new ArrayList<Line>(FargatePricing.bill(prices, new FargatePricing.Usage(server.vcpu(), server.memoryGb(),
                server.arch(), taskSeconds, FargatePricing.FREE_EPHEMERAL_GB, o.spotShare(), o.spotDiscount())).lines());
        if (o.natGateways() > 0) {
            lines.addAll(FrontDoors.nat(prices, o.natGateways(), HOURS_PER_MONTH, o.natGbPerMonth()).lines());
        } else if (o.publicIpv4()) {
            lines.add(FrontDoors.publicIpv4(prices, taskSeconds / 3600));
        }
        return new Bill("Fargate", lines);
    }

    /** Instances for a rate at the target utilization: ceil(rate / (capacity × utilization)), at least the minimum. */
    public static int instances(Sizing.Server server, double capacityPerSecond, double perSecond, Options o) {
        require(finite(perSecond) && perSecond >= 0, "rate must not be negative: " + perSecond);
        double needed = perSecond / (capacityPerSecond * o.targetUtilization());
        // a rate that needs exactly n instances must not become n + 1 through rounding in the division
        int n = (int) Math.ceil(needed - 1e-9);
        return Math.max(server.minInstances(), Math.max(n, perSecond > 0 ? 1 : 0));
    }

    /**
     * The share of time an instance receiving {@code perSecond} is active: each request keeps it active for the
     * activation window, so with Poisson arrivals it is idle only when no request came within the window; never
     * less than the share it is busy serving.
     */
    static double activeShare(double capacityPerSecond, double perSecond, Options o) {
        double windowed = 1 - Math.exp(-perSecond * o.appRunnerActiveSeconds());
        double busy = perSecond / capacityPerSecond;
        return Math.min(1, Math.max(windowed, busy));
    }

    static String sig3(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    static String num(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }

    /** The model's choices in words, for a report. */
    public static List<String> assumptions(Options o) {
        var out = new ArrayList<String>();
        out.add(String.format(Locale.ROOT, "Servers run at %.0f %% of an instance's capacity: instances = ceil(rate / "
                + "(requests a second one instance serves × %.2f)), at least the minimum; an instance serves its "
                + "concurrency over the request's duration, or its measured throughput if lower.",
                o.targetUtilization() * 100, o.targetUtilization()));
        out.add(String.format(Locale.ROOT, "App Runner pays memory for every instance-hour and vCPU while an instance is "
                + "active, counted as %.0f s after each request (the page bills active time without saying its "
                + "granularity: this is the model's reading).", o.appRunnerActiveSeconds()));
        out.add(String.format(Locale.ROOT, "Fargate's load balancer: %s; LCUs from %.0f new connection(s) per request "
                + "and the bytes through it. Express Mode always has one, shared by %d service(s).",
                o.alb() ? "every hour of the month" : "none", o.newConnectionsPerRequest(), o.servicesPerExpressAlb()));
        out.add("Lambda: " + (o.httpApi() ? "with its HTTP API in front (each 512 KB a request)" : "no front door priced")
                + (o.freeTier() ? "; the monthly free tier subtracted" : "; free tier off")
                + (o.provisionedConcurrency() > 0 ? "; " + o.provisionedConcurrency()
                + " environments of Provisioned Concurrency all month" : "") + ".");
        out.add(o.natGateways() > 0 ? o.natGateways() + " NAT gateway(s) for the container ways, all month"
                : "No NAT gateway priced: the container ways' tasks reach the internet on public IPs");
        out.add(o.publicIpv4() ? "Public IPv4 addresses counted: the load balancer's (one per zone), and each task's or, behind NAT, each gateway's."
                : "Public IPv4 addresses not counted.");
        if (o.spotShare() > 0) {
            out.add(String.format(Locale.ROOT, "%.0f %% of Fargate task time on Spot at %.0f %% off.",
                    o.spotShare() * 100, o.spotDiscount() * 100));
        }
        out.add("A month is 730 hours; savings plans and reserved capacity are off; data transfer out, logs and "
                + "the database are left out: near enough the same for every way.");
        return List.copyOf(out);
    }
}
