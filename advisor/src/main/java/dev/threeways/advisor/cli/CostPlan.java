package dev.threeways.advisor.cli;

import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.decide.ComputeSize;
import dev.threeways.advisor.decide.FargateSizes;
import dev.threeways.advisor.decide.Invocation;
import dev.threeways.advisor.decide.Limits;
import dev.threeways.advisor.decide.Units;
import dev.threeways.advisor.decide.Workload;
import dev.threeways.advisor.price.AppRunnerPricing;
import dev.threeways.advisor.price.Arch;
import dev.threeways.advisor.price.Estimator;
import dev.threeways.advisor.price.Region;
import dev.threeways.advisor.price.Sizing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * What {@code advisor cost} prices: the workload's traffic, duration and memory, each way sized to hold
 * that memory, and the switches of the estimate, all from option key/values with defaults.
 */
final class CostPlan {
    /** The cost options, each with its help line, in the order --help lists them. */
    static final SequencedMap<String, String> OPTIONS;

    static {
        var o = new LinkedHashMap<String, String>();
        o.put("region", "us-east-1 or ap-northeast-1 (default: us-east-1)");
        o.put("lambda-arch", "x86_64 or arm64 (default: arm64)");
        o.put("fargate-arch", "x86_64 or arm64, for ECS on Fargate and Express Mode (default: arm64)");
        o.put("task-size", "vCPU x GB of a Fargate / Express Mode task, e.g. 0.5x1, 1x2 (default: the smallest that holds"
                + " memory, at least 1x2, Express Mode's own default)");
        o.put("app-runner-size", "vCPU x GB of an App Runner instance (default: the smallest that holds the task size)");
        o.put("min-instances", "instances or tasks that always run (default: 1)");
        o.put("concurrency", "requests one instance serves at once (default: 100, App Runner's default max concurrency)");
        o.put("instance-throughput", "requests a second one instance or task sustains, as measured (e.g. by the benchmark"
                + " harness); bounds what concurrency alone would allow (default: not measured)");
        o.put("target-utilization", "share of an instance's capacity it runs at, above 0 and at most 1 (default: 0.6)");
        o.put("fargate-scaling", "auto (a service following the day), fixed (a service sized for the peak all month) or"
                + " task-per-run (no service: one task a request or event, RunTask from a schedule) (default: task-per-run"
                + " for async invocation, else auto)");
        o.put("provisioned-concurrency", "Lambda environments kept initialized all month (default: 0)");
        o.put("nat-gateways", "NAT gateways the container ways' tasks use (default: 0: tasks on public IPs)");
        o.put("nat-gb", "GB a month through the NAT gateways (default: 0)");
        o.put("spot-share", "share of Fargate task time on Fargate Spot, 0 to 1 (default: 0)");
        o.put("spot-discount", "Spot's discount off on-demand, 0 to 1; AWS says up to 0.7 (default: 0.7)");
        o.put("services-per-alb", "services sharing Express Mode's load balancer, 1 to 25 (default: 1)");
        o.put("app-runner-active-seconds", "seconds an App Runner instance counts as active after a request (default: 60)");
        OPTIONS = java.util.Collections.unmodifiableSequencedMap(o);
    }

    /** The switches that take no value. */
    static final SequencedMap<String, String> FLAGS;

    static {
        var f = new LinkedHashMap<String, String>();
        f.put("free-tier", "subtract Lambda's monthly free tier (1 M requests, 400 000 GB-seconds)");
        f.put("no-http-api", "price Lambda without API Gateway's HTTP API in front (a function URL is free); an async or"
                + " queue workload never has one");
        f.put("no-alb", "price ECS on Fargate without its Application Load Balancer (Express Mode always has one); an"
                + " async or queue workload never has one");
        f.put("public-ipv4", "count public IPv4 addresses: the load balancer's, and each task's or, behind NAT, each gateway's");
        FLAGS = java.util.Collections.unmodifiableSequencedMap(f);
    }

    private CostPlan() {}

    /**
     * @param assumptions what the plan chose beyond {@link Estimator#assumptions}'s lines, with the reason
     */
    record Plan(Estimator.Scenario scenario, Estimator.Options options, List<String> notes, List<String> assumptions) {}

    static Plan of(Workload w, Map<String, String> opts, java.util.Set<String> flags) {
        var notes = new ArrayList<String>();
        var assumptions = new ArrayList<String>();
        double memoryGb = w.memoryMb() / 1024.0;
        // said in the user's terms before a size is looked for: no way's size holds it, so none is priced
        require(memoryGb <= Limits.FARGATE_MAX_TASK_MEMORY.value(), "memory " + Units.memoryMb(w.memoryMb())
                + " is more than any of the ways offers: Fargate's largest task (ECS on Fargate and Express Mode) has "
                + Limits.FARGATE_MAX_TASK_MEMORY.display() + ", App Runner's largest instance "
                + Limits.APP_RUNNER_MAX_MEMORY.display() + ", Lambda " + Limits.LAMBDA_MAX_MEMORY.display()
                + " (advisor recommend --memory " + Units.memoryMb(w.memoryMb()).replace(" ", "")
                + " says where it can run)");
        ComputeSize task = opts.containsKey("task-size") ? size("task-size", opts.get("task-size"), true)
                : FargateSizes.smallestFitting(1, Math.max(2, memoryGb));
        require(task.memoryGb() >= memoryGb, "task-size " + task + " holds less than the workload's memory "
                + Units.memoryMb(w.memoryMb()));
        int min = (int) count(opts, "min-instances", 1);
        int concurrency = (int) count(opts, "concurrency", 100);
        require(concurrency > 0, "concurrency must be 1 or more: " + concurrency);
        double measured = number(opts, "instance-throughput", 0);
        require(measured >= 0, "instance-throughput must be 0 or more: " + measured);
        Arch fargateArch = Arch.of(opts.getOrDefault("fargate-arch", "arm64"));
        // an event-driven run (a schedule, an S3 upload) is a task started for it, as the article's batch answer says
        String defaultScaling = w.invocation() == Invocation.ASYNC ? "task-per-run" : "auto";
        Sizing.Scaling scaling = switch (opts.getOrDefault("fargate-scaling", defaultScaling)) {
            case "auto" -> Sizing.Scaling.PER_PART_OF_DAY;
            case "fixed" -> Sizing.Scaling.FIXED_FOR_PEAK;
            case "task-per-run" -> Sizing.Scaling.TASK_PER_RUN;
            default -> throw new IllegalArgumentException("fargate-scaling must be auto, fixed or task-per-run: "
                    + opts.get("fargate-scaling"));
        };
        var fargate = new Sizing.Server(task.vcpu(), task.memoryGb(), fargateArch, min, concurrency, measured, scaling);
        var express = new Sizing.Server(task.vcpu(), task.memoryGb(), fargateArch, min, concurrency, measured,
                Sizing.Scaling.PER_PART_OF_DAY);

        Sizing.Server appRunner = null;
        ComputeSize ar = opts.containsKey("app-runner-size") ? size("app-runner-size", opts.get("app-runner-size"), false)
                : AppRunnerPricing.smallestFitting(task.vcpu(), task.memoryGb());
        if (ar == null) {
            notes.add("App Runner is not priced: its largest instance, 4 vCPU / 12 GB, cannot hold " + task + ".");
        } else {
            appRunner = new Sizing.Server(ar.vcpu(), ar.memoryGb(), Arch.X86_64, Math.max(1, min), concurrency, measured,
                    Sizing.Scaling.PER_PART_OF_DAY);
        }
        Sizing.Function lambda = null;
        if (w.memoryMb() > 10_240) {
            notes.add("Lambda is not priced: " + Units.memoryMb(w.memoryMb()) + " is more than its 10,240 MB.");
        } else {
            lambda = new Sizing.Function((int) Math.max(128, w.memoryMb()), Arch.of(opts.getOrDefault("lambda-arch", "arm64")),
                    0, 0);
        }
        var scenario = new Estimator.Scenario(w.traffic(), w.meanDurationMs(), w.requestBytes() + w.responseBytes(),
                lambda, appRunner, express, fargate);
        // nothing answers HTTP for an event or a queue: Lambda is invoked by the event source, a Fargate worker polls
        boolean sync = w.invocation() == Invocation.SYNC;
        if (!sync) {
            assumptions.add("No HTTP API in front of Lambda and no load balancer in front of ECS on Fargate: the workload"
                    + (w.invocation() == Invocation.QUEUE ? " consumes a queue (Lambda's event source mapping polls it;"
                    + " a Fargate worker polls it itself)" : " is triggered by pushed events (the source invokes the"
                    + " function, or starts the task)") + ", so no front door is priced; Express Mode always has its"
                    + " load balancer.");
        }
        var options = new Estimator.Options(Region.of(opts.getOrDefault("region", "us-east-1")), flags.contains("free-tier"),
                sync && !flags.contains("no-http-api"), sync && !flags.contains("no-alb"), (int) count(opts, "services-per-alb", 1),
                (int) count(opts, "nat-gateways", 0), number(opts, "nat-gb", 0), flags.contains("public-ipv4"),
                (int) count(opts, "provisioned-concurrency", 0), number(opts, "target-utilization", 0.6),
                number(opts, "app-runner-active-seconds", 60), 1, number(opts, "spot-share", 0),
                number(opts, "spot-discount", 0.7));
        return new Plan(scenario, options, notes, assumptions);
    }

    private static long count(Map<String, String> opts, String key, long fallback) {
        return opts.containsKey(key) ? Units.parseCount(key, opts.get(key)) : fallback;
    }

    private static double number(Map<String, String> opts, String key, double fallback) {
        return opts.containsKey(key) ? Units.parseNumber(key, opts.get(key)) : fallback;
    }

    /** "1x2" → 1 vCPU, 2 GB, checked against what the service offers. */
    private static ComputeSize size(String key, String text, boolean fargate) {
        String[] parts = text.trim().toLowerCase(java.util.Locale.ROOT).split("x");
        require(parts.length == 2, key + " must be vCPU x GB, e.g. 1x2: " + text);
        double vcpu = Units.parseNumber(key, parts[0]);
        double gb = Units.parseNumber(key, parts[1]);
        if (fargate) {
            return FargateSizes.requireValid(vcpu, gb);
        }
        return AppRunnerPricing.requireValid(vcpu, gb);
    }
}
