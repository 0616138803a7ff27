package dev.threeways.bench;

import dev.threeways.bench.report.Report;
import dev.threeways.bench.stats.Distribution;
import dev.threeways.bench.ways.ColdStarts;
import dev.threeways.bench.ways.Lab;
import dev.threeways.bench.ways.QueuePath;
import dev.threeways.bench.ways.Servers;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** {@code compare}: the three ways measured on this machine, each beside its floor or ceiling, in one run. */
public final class Compare {
    public enum Part { LAMBDA, SERVERS, QUEUE, COST }

    /**
     * One run's parameters.
     *
     * @param rounds     fresh starts per variant (Lambda and servers)
     * @param warmInvokes invokes after each cold one, per deployed Lambda variant
     * @param warmUp     closed-model warm-up before a server's saturation run
     * @param step       length of each load step (saturation and each open-model rate)
     * @param events     webhooks through each queue consumer
     * @param jvmOptions extra JVM options for the Lambda runtime's JVM (e.g. -XX:TieredStopAtLevel=1)
     */
    public record Plan(Set<Part> parts, int rounds, int warmInvokes, Duration warmUp, Duration step, int events,
                       List<String> jvmOptions, Duration timeBudget, long requestBudget) {

        /** What the README's first command runs: about ten minutes on two cores. */
        public static Plan full() {
            return new Plan(EnumSet.allOf(Part.class), 10, 50, Duration.ofSeconds(5), Duration.ofSeconds(10), 3000,
                    List.of(), Duration.ofMinutes(30), 20_000_000);
        }

        /** A smoke run: every part, tiny parameters; the figures mean nothing. */
        public static Plan quick() {
            return new Plan(EnumSet.allOf(Part.class), 1, 3, Duration.ofMillis(300), Duration.ofMillis(700), 40,
                    List.of(), Duration.ofMinutes(10), 200_000);
        }
    }

    private final Progress progress;

    public Compare(Progress progress) {
        this.progress = progress;
    }

    public Report run(Plan plan, String command) throws Exception {
        Instant started = Instant.now();
        Budget budget = Budget.of(plan.timeBudget(), plan.requestBudget());
        var starts = new ArrayList<Report.StartSeries>();
        var loads = new ArrayList<Report.LoadRun>();
        var throughputs = new ArrayList<Report.Throughput>();
        var memory = new ArrayList<Report.Memory>();
        var ratios = new ArrayList<Report.Ratio>();
        var notes = new ArrayList<String>();
        Report.CostPart cost = null;
        String database;
        String queue;
        try (Lab lab = Lab.open(Lab.findRepo())) {
            database = lab.describe();
            queue = lab.describeQueue();
            progress.say("using %s and %s", database, queue);
            ColdStarts.Results lambda = null;
            if (plan.parts().contains(Part.LAMBDA)) {
                var measured = new ColdStarts(lab, progress, plan.jvmOptions()).measure(plan.rounds(), plan.warmInvokes(), budget);
                starts.addAll(measured.starts());
                ratios.addAll(ColdStarts.ratios(measured.starts()));
                measured.warmMs().forEach((variant, ms) -> notes.add(String.format(
                        "Lambda warm invokes, %s: median %.2f ms (the REPORT line's duration, over %d invokes).",
                        variant, Distribution.of(ms).median(), ms.size())));
                lambda = measured;
            }
            Servers.Results servers = null;
            if (plan.parts().contains(Part.SERVERS)) {
                servers = new Servers(lab, progress).measure(new Servers.Settings(plan.rounds(), plan.warmUp(), plan.step()), budget);
                starts.addAll(servers.starts());
                loads.addAll(servers.loads());
                throughputs.addAll(servers.throughputs());
                memory.addAll(servers.memory());
                ratios.addAll(servers.ratios());
            }
            if (plan.parts().contains(Part.QUEUE)) {
                var queuePath = new QueuePath(lab, progress).measure(plan.events(), budget);
                throughputs.addAll(queuePath.throughputs());
                ratios.addAll(queuePath.ratios());
                // Fargate answers a webhook once it is on the queue: the queue server's send rate is its ceiling
                throughputs.stream().filter(t -> t.way().equals("Fargate") && t.what().equals(Servers.FARGATE_WEBHOOKS))
                        .findFirst().ifPresent(t -> ratios.add(new Report.Ratio(
                                "Fargate webhooks verified and enqueued, at saturation", t.perSecond(), "webhooks/s",
                                "ElasticMQ SendMessage, same run", queuePath.sendsPerSecond(), "ceiling")));
            }
            if (plan.parts().contains(Part.COST)) {
                cost = CostStep.price(lambda, throughputs, memory, notes).orElse(null);
            }
        }
        notes.add("The load generator runs on the same " + Runtime.getRuntime().availableProcessors()
                + " cores as the server it measures: the figures compare the ways with each other and with their floors"
                + " on this machine, not with AWS's hardware.");
        if (budget.wasCut()) {
            notes.add("The run's budget (" + plan.timeBudget() + ", " + plan.requestBudget()
                    + " requests) was spent before every step finished: some series are shorter than asked.");
        }
        double took = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        var machine = new Report.Machine(started.toString(), took, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                totalMemoryMib(), database, queue);
        return new Report(machine, command, starts, loads, throughputs, memory, cost, ratios, notes);
    }

    static long totalMemoryMib() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
