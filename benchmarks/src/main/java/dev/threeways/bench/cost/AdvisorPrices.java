package dev.threeways.bench.cost;

import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import dev.threeways.advisor.bill.Demand;
import dev.threeways.advisor.bill.Demands;
import dev.threeways.advisor.bill.DeploymentBill;
import dev.threeways.advisor.bill.Inventory;
import dev.threeways.advisor.price.Arch;
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
import java.util.Optional;
import dev.threeways.bench.report.Report;

/**
 * The measured figures priced by the advisor module's pricing model ({@link Estimator} on a versioned
 * {@link PriceBook}) as each way's whole bill as deployed here ({@link DeploymentBill} over the synthesized stacks'
 * {@link Inventory#deployedHere() inventory}): its compute, its usage beyond compute (queue requests, log lines,
 * secret reads, its image), its own resources (Lambda's RDS Proxy, the load balancers' addresses) and the shared
 * ones in full (database, NAT instance, secrets, alarm). us-east-1 on demand, free tier, Provisioned Concurrency
 * and Spot off; servers at 60 % of their capacity.
 *
 * <p>ECS Express Mode, which infra-cdk deploys by default in App Runner's place (App Runner is closed to new
 * customers), runs the App Runner image: it is priced with the App Runner jar's measured throughput at
 * Express Mode's task size, auto scaled, behind the load balancer it creates.
 */
public final class AdvisorPrices implements CostModel {
    /** Request and response bytes through the front door, as the advisor's bill takes them. */
    public static final double BYTES_PER_REQUEST = Demands.BYTES_PER_REQUEST;
    /** App Runner's default maximum concurrency per instance; the Fargate task is given the same bound. */
    public static final int CONCURRENCY_PER_INSTANCE = Demands.CONCURRENCY_PER_INSTANCE;

    /** What the stacks put around each way (the advisor's reading of the deployed stacks), priced in us-east-1. */
    public static final Estimator.Options OPTIONS = Demands.asDeployed(Region.US_EAST_1);

    /** Every runtime's stacks as synthesized here: what the whole bills price beyond compute. */
    private static final Inventory DEPLOYED = Inventory.deployedHere();

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

    /**
     * The webhook path's figures as the advisor's scenario: Lambda's HTTP function bills its measured enqueue; App
     * Runner and Express Mode serve at the measured webhooks/s applied in the request; a Fargate task enqueues and
     * applies each webhook on its one CPU quota.
     */
    public Estimator.Scenario webhookScenario(Measured measured, TrafficProfile shape) {
        Report.WebhookFigures w = measured.webhooks();
        require(w != null, "the webhook path's figures were not measured");
        Measured.Lambda fn = measured.lambda();
        Measured.Server ar = measured.appRunner();
        Measured.Server fg = measured.fargate();
        Measured.Server appRunner = Measured.Server.scaled(w.appRunnerPerSecond(), ar.measuredCpu(), ar.vcpu(), ar.memoryGb(),
                ar.minInstances(), ar.arch(), ar.residentMib());
        Measured.Server express = Measured.Server.scaled(w.appRunnerPerSecond(), ar.measuredCpu(), Measured.EXPRESS_MODE_VCPU,
                Measured.EXPRESS_MODE_MEMORY_GB, Measured.EXPRESS_MODE_MIN_TASKS, Arch.X86_64, ar.residentMib());
        Measured.Server fargate = Measured.Server.scaled(w.fargatePerSecond(), fg.measuredCpu(), fg.vcpu(), fg.memoryGb(),
                fg.minInstances(), fg.arch(), fg.residentMib());
        return new Estimator.Scenario(shape, w.lambdaEnqueueBilledMs(), BYTES_PER_REQUEST,
                new Sizing.Function(fn.memoryMb(), fn.arch(), fn.initMs(), fn.firstInvokeMs()),
                server(appRunner, Sizing.Scaling.PER_PART_OF_DAY), server(express, Sizing.Scaling.PER_PART_OF_DAY),
                server(fargate, Sizing.Scaling.FIXED_FOR_PEAK));
    }

    /** Each way's whole month as deployed here: its compute, usage, own resources and the shared ones. */
    public DeploymentBill bill(Measured measured, TrafficProfile shape, double requestsPerMonth, Demand.Path path) {
        Estimator.Scenario scenario = path == Demand.Path.HELLO ? scenario(measured, shape) : webhookScenario(measured, shape);
        Estimator.Estimate estimate = estimator.estimate(scenario, options, requestsPerMonth);
        double queueMs = path == Demand.Path.WEBHOOK ? measured.webhooks().queueMsPerWebhook() : 0;
        PriceBook.Prices prices = book().in(options.region());
        Demand demand = Demands.of(estimate, scenario.lambda(), prices, shape, path, queueMs);
        return DeploymentBill.of(DEPLOYED, book(), prices, demand);
    }

    /** Each way's whole bill for {@code GET /hello}, in {@link CostModel#WAYS} order; the estimator refuses a negative volume. */
    @Override
    public Map<String, Double> monthlyUsd(Measured measured, TrafficProfile shape, double requestsPerMonth) {
        return reported(bill(measured, shape, requestsPerMonth, Demand.Path.HELLO));
    }

    @Override
    public Optional<Map<String, Double>> webhookUsd(Measured measured, TrafficProfile shape, double webhooksPerMonth) {
        return measured.webhooks() == null ? Optional.empty()
                : Optional.of(reported(bill(measured, shape, webhooksPerMonth, Demand.Path.WEBHOOK)));
    }

    private static Map<String, Double> reported(DeploymentBill bill) {
        Map<Way, Double> byWay = bill.totals();
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
        var out = new ArrayList<String>();
        for (String line : Estimator.assumptions(options)) {
            // the whole bill prices the network, addresses, logs and database as the stacks deploy them (below)
            if (!line.startsWith("No NAT gateway") && !line.startsWith("Public IPv4") && !line.startsWith("A month is")) {
                out.add(line);
            }
        }
        out.add("A month is 730 hours; savings plans and reserved capacity are off; data transfer out is left out "
                + "(near enough the same for every way).");
        out.addAll(wholeBills(measured));
        Report.WebhookFigures w = measured.webhooks();
        if (w != null) {
            out.add(String.format(Locale.ROOT, "Webhook profiles, from this run: Lambda's HTTP function bills %.1f ms a "
                            + "webhook (warm, mean billed; the send to a local ElasticMQ), its queue function %.1f ms (%d "
                            + "environments applying %.0f/s; here they shared one CPU, so an upper bound), an invocation a "
                            + "webhook and three SQS requests; App Runner and Express Mode apply %.0f/s an instance in the "
                            + "request; a Fargate task enqueues %.0f/s and its worker applies %.0f/s on the same half vCPU, "
                            + "%.0f/s end to end.", w.lambdaEnqueueBilledMs(), w.queueMsPerWebhook(),
                    w.lambdaQueueEnvironments(), w.lambdaQueuePerSecond(), w.appRunnerPerSecond(),
                    w.fargateEnqueuePerSecond(), w.fargateWorkerPerSecond(), w.fargatePerSecond()));
        }
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

    /**
     * Each way's whole bill in words at the steady profile: what the stacks deploy beyond compute, from the synthesized
     * templates, resource by resource ({@code three-ways-advisor bill --assembly infra-cdk/cdk.out} lists every one).
     */
    List<String> wholeBills(Measured measured) {
        DeploymentBill bill = bill(measured, TrafficProfile.STEADY, TrafficProfile.STEADY.requestsPerMonth(), Demand.Path.HELLO);
        var out = new ArrayList<String>();
        out.add(String.format(Locale.ROOT, "Each way is priced as deployed here, from infra-cdk's synthesized templates "
                        + "(%d resources of every runtime, each priced, free or unpriced with its reason: `three-ways-advisor "
                        + "bill --assembly infra-cdk/cdk.out`): its compute, its usage beyond compute (SQS requests, log "
                        + "lines, secret reads, its image), its own resources, and the shared ones in full, as a way "
                        + "deployed on its own pays them.", bill.items().size()));
        DeploymentBill.WayBill any = bill.ways().values().iterator().next();
        out.add(String.format(Locale.ROOT, "Shared by every way, $%.2f a month: %s.", any.sharedUsd(),
                String.join(", ", byType(any.shared()))));
        bill.ways().forEach((way, w) -> {
            var own = byType(w.own());
            out.add(String.format(Locale.ROOT, "%s as deployed here, steady profile: compute $%.2f, usage $%.2f, own "
                            + "resources $%.2f%s, shared $%.2f: $%.2f a month.", way.label(), w.computeUsd(), w.usageUsd(),
                    w.ownUsd(), own.isEmpty() ? "" : " (" + String.join(", ", own) + ")", w.sharedUsd(), w.total()));
        });
        bill.unpriced().forEach(i -> out.add("Not priced (billed by AWS, left out of every total): " + i.resource().where()
                + " (" + i.resource().type() + "): " + i.unpriced() + "."));
        return out;
    }

    /** The priced items by resource type: "RDS::DBInstance $13.98", "3 × SecretsManager::Secret $1.20". */
    private static List<String> byType(List<DeploymentBill.Item> items) {
        var usd = new LinkedHashMap<String, Double>();
        var count = new LinkedHashMap<String, Integer>();
        items.stream().filter(i -> i.usd() > 0).forEach(i -> {
            String type = i.resource().type().replace("AWS::", "");
            usd.merge(type, i.usd(), Double::sum);
            count.merge(type, 1, Integer::sum);
        });
        var out = new ArrayList<String>();
        usd.forEach((type, dollars) -> out.add(String.format(Locale.ROOT, "%s%s $%.2f",
                count.get(type) > 1 ? count.get(type) + " × " : "", type, dollars)));
        return out;
    }

    private static String num(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
