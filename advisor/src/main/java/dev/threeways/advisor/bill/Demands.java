package dev.threeways.advisor.bill;

import static dev.threeways.advisor.Checks.nonNegative;
import static dev.threeways.advisor.Checks.positive;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import dev.threeways.advisor.price.Arch;
import dev.threeways.advisor.price.Bill;
import dev.threeways.advisor.price.Estimator;
import dev.threeways.advisor.price.LambdaPricing;
import dev.threeways.advisor.price.Line;
import dev.threeways.advisor.price.PriceBook;
import dev.threeways.advisor.price.Region;
import dev.threeways.advisor.price.Sizing;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Optional;

/**
 * Each way's compute for a month, as the deployed stacks size it: the estimator's options for what the stacks put in
 * front (an HTTP API before Lambda, an ALB before Fargate, the one Express Mode creates), the sizes read from the
 * inventory, and on the webhook path Lambda's queue function.
 */
public final class Demands {
    /** App Runner's default maximum concurrency an instance (the stack sets it); the ECS tasks are given the same bound. */
    public static final int CONCURRENCY_PER_INSTANCE = 100;
    /** Request and response bytes through the front door: a small JSON request and answer, or a Stripe event and its reply. */
    public static final double BYTES_PER_REQUEST = 2048;

    private Demands() {}

    /**
     * What the deployed stacks put around each way, for the estimator: an HTTP API before Lambda, an ALB before Fargate
     * (Express Mode's own, not shared); no NAT gateway or public IPv4 here, because the bill prices the NAT instance
     * and the addresses as resources; free tier, Provisioned Concurrency and Spot off; servers at 60 % of capacity;
     * App Runner active for a minute after a request; clients opening a connection a request.
     */
    public static Estimator.Options asDeployed(Region region) {
        return new Estimator.Options(region, false, true, true, 1, 0, 0, false, 0, 0.6, 60, 1, 0, 0);
    }

    /**
     * The per-request figures a demand is priced from.
     *
     * @param lambdaMs          a warm invocation's mean billed duration, HTTP function (ms)
     * @param lambdaInitMs      a cold start's init (ms)
     * @param lambdaFirstMs     the invocation after an init (ms)
     * @param queueMsPerWebhook the queue function's billed time per webhook applied (ms; webhook path only)
     * @param appRunnerPerSecond what an App Runner instance (and an Express Mode task of the same size) sustains; 0: its
     *                          concurrency over {@code serverMs} bounds it
     * @param fargatePerSecond  what a Fargate serve task sustains (on the webhook path: enqueue and apply together)
     * @param serverMs          a request's duration on a server (ms), for the concurrency bound
     */
    public record Figures(double lambdaMs, double lambdaInitMs, double lambdaFirstMs, double queueMsPerWebhook,
                          double appRunnerPerSecond, double fargatePerSecond, double serverMs) {
        public Figures {
            positive(lambdaMs, "Lambda's billed duration (ms)");
            nonNegative(lambdaInitMs, "Lambda's init (ms)");
            nonNegative(lambdaFirstMs, "Lambda's first invocation (ms)");
            nonNegative(queueMsPerWebhook, "the queue function's time per webhook (ms)");
            nonNegative(appRunnerPerSecond, "App Runner's throughput");
            nonNegative(fargatePerSecond, "Fargate's throughput");
            positive(serverMs, "a server's request duration (ms)");
        }

        /** One duration for everything, throughput bounded by concurrency: what the CLI takes without measurements. */
        public static Figures uniform(double ms) {
            return new Figures(ms, 0, 0, ms, 0, 0, ms);
        }
    }

    /** The sizes the inventory deploys each way at, the figures' throughputs, and each way's compute for the month. */
    public static Demand of(Inventory inventory, PriceBook book, Region region, TrafficProfile shape, double volume,
                            Demand.Path path, Figures f) {
        Estimator.Scenario scenario = scenario(inventory, shape, f);
        Estimator.Estimate estimate = new Estimator(book).estimate(scenario, asDeployed(region), volume);
        return of(estimate, scenario.lambda(), book.in(region), shape, path, f.queueMsPerWebhook());
    }

    /**
     * A demand from an estimate already made (the benchmark's, from its measured figures): on the webhook path Lambda's
     * queue function is added to Lambda's compute, an invocation a webhook (at these rates a poll mostly finds one
     * message; an upper bound on invocations), each billed {@code queueMsPerWebhook} rounded up to the millisecond.
     */
    public static Demand of(Estimator.Estimate estimate, Sizing.Function fn, PriceBook.Prices prices, TrafficProfile shape,
                            Demand.Path path, double queueMsPerWebhook) {
        var compute = new EnumMap<Way, Bill>(estimate.bills());
        double volume = estimate.requestsPerMonth();
        double queueInvocations = 0;
        if (path == Demand.Path.WEBHOOK && compute.containsKey(Way.LAMBDA)) {
            queueInvocations = volume;
            Bill queue = LambdaPricing.bill(prices, LambdaPricing.Usage.onDemand(queueInvocations,
                    Math.ceil(queueMsPerWebhook), fn.memoryMb(), fn.arch()));
            var lines = new ArrayList<>(compute.get(Way.LAMBDA).lines());
            for (Line l : queue.lines()) {
                lines.add(new Line("Queue function: " + l.item(), l.quantity(), l.unit(), l.usd(), l.key()));
            }
            compute.put(Way.LAMBDA, new Bill("Lambda", lines));
        }
        return new Demand(path, shape, volume, compute, queueInvocations);
    }

    /**
     * The estimator prices every way; a way the assembly does not deploy is given a stand-in size (its bill is never
     * read: {@link DeploymentBill} bills only the ways in the inventory).
     */
    static Estimator.Scenario scenario(Inventory inv, TrafficProfile shape, Figures f) {
        Resource http = inv.of(Way.LAMBDA).stream().filter(r -> "http".equals(r.facts().get("role"))).findFirst()
                .orElse(null);
        Sizing.Function lambda = http == null ? new Sizing.Function(1024, Arch.ARM64, 0, 0)
                : new Sizing.Function(Integer.parseInt(http.required("memoryMb")), Arch.of(http.required("arch")),
                        f.lambdaInitMs(), f.lambdaFirstMs());
        Sizing.Server appRunner = appRunner(inv, f).orElse(null);
        Sizing.Server express = inv.ofType("AWS::ECS::ExpressGatewayService").stream().findFirst()
                .map(r -> new Sizing.Server(Integer.parseInt(r.required("cpu")) / 1024.0,
                        Integer.parseInt(r.required("memory")) / 1024.0, Arch.X86_64, Integer.parseInt(r.required("minTasks")),
                        CONCURRENCY_PER_INSTANCE, f.appRunnerPerSecond(), Sizing.Scaling.PER_PART_OF_DAY))
                .orElse(new Sizing.Server(1, 2, Arch.X86_64, 1, CONCURRENCY_PER_INSTANCE, 0, Sizing.Scaling.PER_PART_OF_DAY));
        Sizing.Server fargate = fargate(inv, f)
                .orElse(new Sizing.Server(0.5, 1, Arch.ARM64, 1, CONCURRENCY_PER_INSTANCE, 0, Sizing.Scaling.FIXED_FOR_PEAK));
        return new Estimator.Scenario(shape, f.lambdaMs(), BYTES_PER_REQUEST, lambda, appRunner, express, fargate);
    }


    private static Optional<Sizing.Server> appRunner(Inventory inv, Figures f) {
        return inv.ofType("AWS::AppRunner::Service").stream().findFirst().map(r -> {
            int min = inv.ofType("AWS::AppRunner::AutoScalingConfiguration").stream().findFirst()
                    .map(s -> Integer.parseInt(s.fact("min").orElse("1"))).orElse(1);
            return new Sizing.Server(leadingNumber(r.required("cpu")), leadingNumber(r.required("memory")), Arch.X86_64,
                    min, CONCURRENCY_PER_INSTANCE, f.appRunnerPerSecond(), Sizing.Scaling.PER_PART_OF_DAY);
        });
    }

    /** The serve service's task: a fixed count (the stack gives it no auto scaling). */
    private static Optional<Sizing.Server> fargate(Inventory inv, Figures f) {
        for (Resource service : inv.of(Way.FARGATE)) {
            if (!service.type().equals("AWS::ECS::Service")) {
                continue;
            }
            Resource task = inv.taskOf(service);
            if ("serve".equals(task.facts().get("entry"))) {
                return Optional.of(new Sizing.Server(Rules.vcpu(task), Rules.memoryGb(task), Arch.of(task.required("arch")),
                        Integer.parseInt(service.required("desired")), CONCURRENCY_PER_INSTANCE, f.fargatePerSecond(),
                        Sizing.Scaling.FIXED_FOR_PEAK));
            }
        }
        return Optional.empty();
    }

    /** "1 vCPU" → 1, "2 GB" → 2, "0.25 vCPU" → 0.25: App Runner's sizes as the template gives them. */
    static double leadingNumber(String s) {
        return Double.parseDouble(s.trim().split("\\s+")[0]);
    }

}
