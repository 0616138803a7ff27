package dev.threeways.bench;

import dev.threeways.server.testing.Placement;
import dev.threeways.bench.report.Report;
import dev.threeways.bench.report.Verdicts;
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
     * @param warmUp     closed-model warm-up before a server's saturation run, at least
     * @param warmUpLimit and at most: between the two it goes on while the server's throughput still rises
     * @param step       length of each load step (saturation and each open-model rate)
     * @param events     webhooks through each queue consumer
     * @param repetitions how often each load and queue figure is taken, interleaved, for its spread
     * @param rateFractions the open model's rates, as fractions of the slowest way's saturation throughput
     * @param jvmOptions extra JVM options for the Lambda runtime's JVM (e.g. -XX:TieredStopAtLevel=1)
     */
    public record Plan(Set<Part> parts, int rounds, int warmInvokes, Duration warmUp, Duration warmUpLimit, Duration step, int events,
                       int repetitions, List<Double> rateFractions, List<String> jvmOptions, Duration timeBudget,
                       long requestBudget) {

        /** Fewer than three figures show no spread worth the name: a ratio's range needs at least three. */
        public static final int MIN_REPETITIONS = 3;

        /** What the README's first command runs. */
        public static Plan full() {
            return new Plan(EnumSet.allOf(Part.class), 10, 50, Duration.ofSeconds(5), Duration.ofSeconds(35), Duration.ofSeconds(10), 3000,
                    MIN_REPETITIONS, Servers.RATE_FRACTIONS, List.of(), Duration.ofMinutes(60), 40_000_000);
        }

        /** A smoke run: every part, tiny parameters, each figure once, one open-model rate; the figures mean nothing. */
        public static Plan quick() {
            return new Plan(EnumSet.allOf(Part.class), 1, 3, Duration.ofMillis(300), Duration.ofMillis(300), Duration.ofMillis(700), 40,
                    1, List.of(0.5), List.of(), Duration.ofMinutes(10), 5_000_000);
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
        var processes = new ArrayList<Report.Process>();
        var ratios = new ArrayList<Report.Ratio>();
        var notes = new ArrayList<String>();
        Report.CostPart cost = null;
        List<Double> fargateEnqueued = List.of();
        String database;
        String queue;
        String postgres;
        String placement;
        String commit;
        try (Lab lab = Lab.open(Lab.findRepo())) {
            database = lab.describe();
            queue = lab.describeQueue();
            postgres = lab.describePostgres();
            placement = lab.placement().plan().describe();
            commit = RunFacts.commit(lab.repo());
            progress.say("using %s (%s) and %s", database, postgres, queue);
            progress.say("placement: %s", placement);
            ColdStarts.Results lambda = null;
            if (plan.parts().contains(Part.LAMBDA)) {
                var measured = new ColdStarts(lab, progress, plan.jvmOptions()).measure(plan.rounds(), plan.warmInvokes(), budget);
                starts.addAll(measured.starts());
                ratios.addAll(ColdStarts.ratios(measured.starts()));
                measured.warmMs().forEach((variant, ms) -> notes.add(String.format(
                        "Lambda warm invokes, %s: median %.2f ms (the REPORT line's duration, over %d invokes).",
                        variant, Distribution.of(ms).median(), ms.size())));
                processes.addAll(measured.processes());
                lambda = measured;
            }
            Servers.Results servers = null;
            if (plan.parts().contains(Part.SERVERS)) {
                servers = new Servers(lab, progress).measure(new Servers.Settings(plan.rounds(), plan.warmUp(), plan.warmUpLimit(), plan.step(), plan.repetitions(),
                        plan.rateFractions()),
                        budget);
                starts.addAll(servers.starts());
                loads.addAll(servers.loads());
                throughputs.addAll(servers.throughputs());
                memory.addAll(servers.memory());
                processes.addAll(servers.processes());
                ratios.addAll(servers.ratios());
                fargateEnqueued = servers.fargateEnqueued();
                notes.addAll(servers.notes());
            }
            if (plan.parts().contains(Part.QUEUE)) {
                var queuePath = new QueuePath(lab, progress).measure(plan.events(), plan.repetitions(), budget);
                throughputs.addAll(queuePath.throughputs());
                ratios.addAll(queuePath.ratios());
                processes.addAll(queuePath.processes());
                notes.addAll(queuePath.notes());
                // Fargate answers a webhook once it is on the queue: the queue server's send rate is its ceiling
                if (!fargateEnqueued.isEmpty()) {
                    ratios.add(Report.Ratio.of("Fargate webhooks verified and enqueued, at saturation", "webhooks/s",
                            "ElasticMQ SendMessage alone, same run (taken once)", "ceiling", fargateEnqueued,
                            java.util.Collections.nCopies(fargateEnqueued.size(), queuePath.sendsPerSecond())));
                }
            }
            if (plan.parts().contains(Part.COST)) {
                cost = CostStep.price(lambda, throughputs, memory, servers == null ? 0 : servers.appRunnerCpu(),
                        servers == null ? 0 : servers.fargateCpu(), notes).orElse(null);
                progress.say("cost priced");
            }
            progress.say("measured; stopping the queue server and giving PostgreSQL its settings and CPUs back");
        }
        progress.say("lab closed");
        notes.add("Placement: " + placement + ". The figures compare the ways with each other and with their floors"
                + " and ceilings on this machine's CPU, not with AWS's hardware.");
        if (budget.wasCut()) {
            notes.add("The run's budget (" + plan.timeBudget() + ", " + plan.requestBudget()
                    + " requests) was spent before every step finished: some series are shorter than asked.");
        }
        double took = Duration.between(started, Instant.now()).toMillis() / 1000.0;
        var machine = new Report.Machine(started.toString(), took, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), totalMemoryMib(), database, queue, commit,
                RunFacts.cpuModel(), RunFacts.kernel(), postgres, "ElasticMQ " + Lab.elasticMqVersion(), placement);
        var report = new Report(machine, command, List.of(), starts, loads, throughputs, memory, processes, cost, ratios, notes);
        return report.withVerdicts(Verdicts.from(report));
    }

    static long totalMemoryMib() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize() / (1024 * 1024);
        }
        return -1;
    }
}
