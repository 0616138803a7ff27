package dev.threeways.bench.cost;

import static dev.threeways.bench.cost.Measured.finite;
import static dev.threeways.bench.cost.Measured.require;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The interim cost model: us-east-1 on-demand list prices, free tier off, taken by hand from AWS's
 * pricing pages. It stands in until the advisor module's pricing model lands (issue 13), and its
 * {@link #source()} says so.
 *
 * <p>Each way is priced for what it needs in front of it to take HTTP requests: Lambda with its HTTP API,
 * App Runner on its own (it brings its endpoint), Fargate with its Application Load Balancer. What the
 * three share (VPC, NAT, database, logs) and data transfer are left out.
 */
public final class InterimListPrices implements CostModel {

    static final String TAKEN = "2026-11-27";
    private static final String LAMBDA_PAGE = "https://aws.amazon.com/lambda/pricing/";
    private static final String INIT_BILLING = "https://aws.amazon.com/blogs/compute/aws-lambda-standardizes-billing-for-init-phase/";
    private static final String API_GATEWAY_PAGE = "https://aws.amazon.com/api-gateway/pricing/";
    private static final String APP_RUNNER_PAGE = "https://aws.amazon.com/apprunner/pricing/";
    private static final String FARGATE_PAGE = "https://aws.amazon.com/fargate/pricing/";
    private static final String ELB_PAGE = "https://aws.amazon.com/elasticloadbalancing/pricing/";
    private static final double INFINITY = Double.POSITIVE_INFINITY;

    /** An upper bound on cumulative quantity and the price of each unit below it (and above the tier before). */
    public record Tier(double upTo, double usd) {
        public Tier {
            require(upTo > 0, "a tier must end above zero: " + upTo);
            require(finite(usd) && usd >= 0, "a price must not be negative: " + usd);
        }
    }

    /** One list price, flat or in volume tiers, with where and when it was read. */
    public record Rate(String what, String unit, List<Tier> tiers, String source, String taken) {
        public Rate {
            tiers = List.copyOf(tiers);
            require(!tiers.isEmpty(), "a rate needs a tier");
            require(tiers.getLast().upTo() == INFINITY, "the last tier of " + what + " must be open-ended");
            for (int i = 1; i < tiers.size(); i++) {
                require(tiers.get(i).upTo() > tiers.get(i - 1).upTo(), "tiers of " + what + " must ascend");
            }
        }

        static Rate flat(String what, double usd, String unit, String source) {
            return new Rate(what, unit, List.of(new Tier(INFINITY, usd)), source, TAKEN);
        }

        /** The charge for a month's quantity, each part at its tier's price. */
        public double charge(double quantity) {
            require(finite(quantity) && quantity >= 0, "quantity of " + what + " must not be negative: " + quantity);
            double usd = 0;
            double below = 0;
            for (Tier tier : tiers) {
                if (quantity <= below) {
                    break;
                }
                usd += (Math.min(quantity, tier.upTo()) - below) * tier.usd();
                below = tier.upTo();
            }
            return usd;
        }
    }

    /**
     * The list prices, as data. Figures read on {@value #TAKEN} from the pages named. Where they differ
     * from the figures in the issue: Lambda and Fargate are deployed on ARM64 (infra-cdk), so their ARM
     * prices are the ones used; the x86 prices are kept for comparison and for sizes deployed on x86.
     */
    public record Prices(Rate lambdaRequests, Rate lambdaGbSecondX86, Rate lambdaGbSecondArm, Rate httpApiRequests,
                         Rate appRunnerVcpuHour, Rate appRunnerGbHour,
                         Rate fargateVcpuHourX86, Rate fargateGbHourX86, Rate fargateVcpuHourArm, Rate fargateGbHourArm,
                         Rate albHour, Rate albLcuHour) {

        public static final Prices US_EAST_1 = new Prices(
                Rate.flat("Lambda requests", 0.20, "per million requests", LAMBDA_PAGE),
                new Rate("Lambda duration, x86", "per GB-second", List.of(
                        new Tier(6e9, 0.0000166667), new Tier(15e9, 0.000015), new Tier(INFINITY, 0.0000133334)),
                        LAMBDA_PAGE + " (INIT billed for on-demand functions since 2025-08-01: " + INIT_BILLING + ")", TAKEN),
                new Rate("Lambda duration, Arm", "per GB-second", List.of(
                        new Tier(7.5e9, 0.0000133334), new Tier(18.75e9, 0.0000120001), new Tier(INFINITY, 0.0000106667)),
                        LAMBDA_PAGE + " (INIT billed for on-demand functions since 2025-08-01: " + INIT_BILLING + ")", TAKEN),
                new Rate("API Gateway HTTP API requests", "per million requests", List.of(
                        new Tier(300, 1.00), new Tier(INFINITY, 0.90)), API_GATEWAY_PAGE, TAKEN),
                Rate.flat("App Runner active vCPU", 0.064, "per vCPU-hour", APP_RUNNER_PAGE),
                Rate.flat("App Runner memory, provisioned or active", 0.007, "per GB-hour", APP_RUNNER_PAGE),
                Rate.flat("Fargate Linux x86 vCPU", 0.04048, "per vCPU-hour", FARGATE_PAGE),
                Rate.flat("Fargate Linux x86 memory", 0.004445, "per GB-hour", FARGATE_PAGE),
                Rate.flat("Fargate Linux ARM vCPU", 0.03238, "per vCPU-hour", FARGATE_PAGE),
                Rate.flat("Fargate Linux ARM memory", 0.00356, "per GB-hour", FARGATE_PAGE),
                Rate.flat("Application Load Balancer", 0.0225, "per hour", ELB_PAGE),
                Rate.flat("Application Load Balancer capacity", 0.008, "per LCU-hour", ELB_PAGE));

        public List<Rate> all() {
            return List.of(lambdaRequests, lambdaGbSecondX86, lambdaGbSecondArm, httpApiRequests, appRunnerVcpuHour,
                    appRunnerGbHour, fargateVcpuHourX86, fargateGbHourX86, fargateVcpuHourArm, fargateGbHourArm,
                    albHour, albLcuHour);
        }
    }

    /**
     * The model's choices, none of them a price.
     *
     * @param targetUtilization        the share of an instance's saturation throughput it is run at (0..1]: headroom for
     *                                 bursts, GC and latency
     * @param appRunnerActiveSeconds   how long an App Runner instance counts as active after a request: App Runner
     *                                 bills vCPU only while an instance serves requests, but not to the millisecond;
     *                                 a minute per activation is this model's guess, not a page figure
     * @param newConnectionsPerRequest ALB new connections per request (1: clients such as webhook senders do not keep
     *                                 connections alive, the costly end)
     * @param bytesPerRequest          request and response bytes through the ALB per request
     */
    public record Choices(double targetUtilization, double appRunnerActiveSeconds, double newConnectionsPerRequest,
                          double bytesPerRequest) {
        public static final Choices DEFAULT = new Choices(0.6, 60, 1, 2048);

        public Choices {
            require(finite(targetUtilization) && targetUtilization > 0 && targetUtilization <= 1,
                    "target utilization must be in (0, 1]: " + targetUtilization);
            require(finite(appRunnerActiveSeconds) && appRunnerActiveSeconds >= 0,
                    "App Runner active seconds must not be negative: " + appRunnerActiveSeconds);
            require(finite(newConnectionsPerRequest) && newConnectionsPerRequest >= 0,
                    "new connections per request must not be negative: " + newConnectionsPerRequest);
            require(finite(bytesPerRequest) && bytesPerRequest >= 0, "bytes per request must not be negative: " + bytesPerRequest);
        }
    }

    /** One line of a way's monthly bill. */
    public record Line(String item, double quantity, String unit, double usd) {}

    /** A way's monthly bill, line by line. */
    public record Bill(String way, List<Line> lines) {
        public Bill {
            lines = List.copyOf(lines);
        }

        public double total() {
            return lines.stream().mapToDouble(Line::usd).sum();
        }

        /** The charge of the lines whose item starts with {@code prefix}. */
        public double usd(String prefix) {
            return lines.stream().filter(l -> l.item().startsWith(prefix)).mapToDouble(Line::usd).sum();
        }
    }

    // ALB capacity unit dimensions (the ELB page): 25 new connections a second, 1 GB an hour to IP targets
    private static final double LCU_NEW_CONNECTIONS_PER_SECOND = 25;
    private static final double LCU_GB_PER_HOUR = 1;

    private final Prices prices;
    private final Choices choices;

    public InterimListPrices(Prices prices, Choices choices) {
        require(prices != null && choices != null, "prices and choices are required");
        this.prices = prices;
        this.choices = choices;
    }

    /** us-east-1 list prices with the default choices. */
    public InterimListPrices() {
        this(Prices.US_EAST_1, Choices.DEFAULT);
    }

    public Prices prices() {
        return prices;
    }

    public Choices choices() {
        return choices;
    }

    @Override
    public String source() {
        return "interim list prices until the advisor's pricing model lands (issue 13): AWS us-east-1 on-demand, "
                + "free tier off, read " + TAKEN + " from " + String.join(", ",
                LAMBDA_PAGE, API_GATEWAY_PAGE, APP_RUNNER_PAGE, FARGATE_PAGE, ELB_PAGE);
    }

    @Override
    public Map<String, Double> monthlyUsd(Measured measured, TrafficProfile shape, double requestsPerMonth) {
        var usd = new LinkedHashMap<String, Double>();
        for (Bill bill : bills(measured, shape, requestsPerMonth)) {
            usd.put(bill.way(), bill.total());
        }
        return Collections.unmodifiableMap(usd);
    }

    public List<Bill> bills(Measured measured, TrafficProfile shape, double requestsPerMonth) {
        return List.of(lambda(measured, shape, requestsPerMonth), appRunner(measured, shape, requestsPerMonth),
                fargate(measured, shape, requestsPerMonth));
    }

    /**
     * Requests, GB-seconds (warm invokes at the warm billed duration; the cold share at init plus first
     * invoke, INIT being billed since 2025-08-01) and the HTTP API in front.
     */
    public Bill lambda(Measured measured, TrafficProfile shape, double requestsPerMonth) {
        checkVolume(requestsPerMonth);
        Measured.Lambda fn = measured.lambda();
        double cold = shape.coldStartShare();
        double billedMs = (1 - cold) * fn.warmBilledMs() + cold * fn.coldBilledMs();
        double gbSeconds = requestsPerMonth * billedMs / 1000 * fn.memoryGb();
        double millions = requestsPerMonth / 1e6;
        Rate duration = fn.arch() == Measured.Arch.ARM64 ? prices.lambdaGbSecondArm() : prices.lambdaGbSecondX86();
        return new Bill(LAMBDA, List.of(
                line(prices.lambdaRequests(), millions),
                line(duration, gbSeconds),
                line(prices.httpApiRequests(), millions)));
    }

    /**
     * App Runner scales instances with the load: in each part of the day it runs enough instances for the
     * rate at the target utilization (at least the minimum), pays memory for all of them, and vCPU for the
     * time each is active.
     */
    public Bill appRunner(Measured measured, TrafficProfile shape, double requestsPerMonth) {
        checkVolume(requestsPerMonth);
        Measured.Server server = measured.appRunner();
        double instanceHours = 0;
        double activeInstanceHours = 0;
        for (TrafficProfile.Part part : shape.day(requestsPerMonth)) {
            int instances = instancesFor(server, part.perSecond());
            instanceHours += instances * part.hoursPerMonth();
            if (instances > 0 && part.perSecond() > 0) {
                activeInstanceHours += instances * activeShare(server, part.perSecond() / instances) * part.hoursPerMonth();
            }
        }
        return new Bill(APP_RUNNER, List.of(
                line(prices.appRunnerVcpuHour(), activeInstanceHours * server.vcpu()),
                line(prices.appRunnerGbHour(), instanceHours * server.memoryGb())));
    }

    /**
     * The serve service runs a fixed count all month (desired count, no auto scaling, as deployed): enough
     * tasks for the profile's peak at the target utilization, at least the desired count; plus its ALB.
     */
    public Bill fargate(Measured measured, TrafficProfile shape, double requestsPerMonth) {
        checkVolume(requestsPerMonth);
        Measured.Server server = measured.fargate();
        int tasks = instancesFor(server, shape.peakPerSecond(requestsPerMonth));
        double taskHours = tasks * TrafficProfile.HOURS_PER_MONTH;
        boolean arm = server.arch() == Measured.Arch.ARM64;
        double lcuHours = 0;
        for (TrafficProfile.Part part : shape.day(requestsPerMonth)) {
            double byConnections = part.perSecond() * choices.newConnectionsPerRequest() / LCU_NEW_CONNECTIONS_PER_SECOND;
            double byBytes = part.perSecond() * 3600 * choices.bytesPerRequest() / 1e9 / LCU_GB_PER_HOUR;
            lcuHours += Math.max(byConnections, byBytes) * part.hoursPerMonth();
        }
        return new Bill(FARGATE, List.of(
                line(arm ? prices.fargateVcpuHourArm() : prices.fargateVcpuHourX86(), taskHours * server.vcpu()),
                line(arm ? prices.fargateGbHourArm() : prices.fargateGbHourX86(), taskHours * server.memoryGb()),
                line(prices.albHour(), TrafficProfile.HOURS_PER_MONTH),
                line(prices.albLcuHour(), lcuHours)));
    }

    /** Instances for a rate: ceil(rate / (per-instance throughput × target utilization)), at least the minimum. */
    public int instancesFor(Measured.Server server, double perSecond) {
        require(finite(perSecond) && perSecond >= 0, "rate must not be negative: " + perSecond);
        double needed = perSecond / (server.perSecond() * choices.targetUtilization());
        // a rate that needs exactly n instances must not become n + 1 through rounding in the division
        return (int) Math.max(server.minInstances(), Math.ceil(needed - 1e-9));
    }

    /**
     * The share of time an instance receiving {@code perSecond} is active: each request keeps it active for
     * the activation window, so with Poisson arrivals it is idle only when no request came in the last window;
     * never less than the share it is busy serving.
     */
    private double activeShare(Measured.Server server, double perSecond) {
        double windowed = 1 - Math.exp(-perSecond * choices.appRunnerActiveSeconds());
        double busy = perSecond / server.perSecond();
        return Math.min(1, Math.max(windowed, busy));
    }

    @Override
    public List<String> assumptions(Measured measured) {
        var out = new ArrayList<String>();
        Measured.Server appRunner = measured.appRunner();
        Measured.Server fargate = measured.fargate();
        out.add(String.format(Locale.ROOT, "Servers are run at %.0f %% of their scaled saturation throughput: "
                        + "instances = ceil(rate / (throughput × %.2f)).", choices.targetUtilization() * 100,
                choices.targetUtilization()));
        out.add(String.format(Locale.ROOT, "App Runner scales per part of the day; it pays memory for every instance "
                        + "and vCPU while one is active, counted as %.0f s after each request (a guess: the page bills active "
                        + "time without saying its granularity). Its deployed maxSize %d caps it at %.0f requests/s at the "
                        + "target utilization; above that the figures price it as though the cap were raised.",
                choices.appRunnerActiveSeconds(), Measured.APP_RUNNER_MAX_INSTANCES,
                Measured.APP_RUNNER_MAX_INSTANCES * appRunner.perSecond() * choices.targetUtilization()));
        out.add(String.format(Locale.ROOT, "Fargate runs a fixed count all month (the serve service has no auto scaling): "
                        + "enough %.2g vCPU tasks for the peak, at least %d; all on-demand, though the deployed capacity "
                        + "providers put every other task beyond the first on FARGATE_SPOT, so this is an upper bound.",
                fargate.vcpu(), fargate.minInstances()));
        out.add(String.format(Locale.ROOT, "The Fargate ALB: every hour of the month, plus LCUs from %.0f new connection(s) "
                        + "and %.0f bytes per request (new connections dominate); one listener rule, so rule evaluations are free.",
                choices.newConnectionsPerRequest(), choices.bytesPerRequest()));
        out.add("Lambda is priced with its HTTP API in front, Fargate with its ALB, App Runner on its own; data transfer, "
                + "NAT, VPC endpoints, public IPv4, logs, ECR storage and the database are left out: they are the same or "
                + "near enough for all three.");
        return List.copyOf(out);
    }

    private static Line line(Rate rate, double quantity) {
        return new Line(rate.what(), quantity, rate.unit(), rate.charge(quantity));
    }

    private static void checkVolume(double requestsPerMonth) {
        require(finite(requestsPerMonth) && requestsPerMonth >= 0,
                "requests per month must be a non-negative number: " + requestsPerMonth);
    }
}
