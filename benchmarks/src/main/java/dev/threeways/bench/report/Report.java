package dev.threeways.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything one harness run measured, with the raw samples: what {@code report.json} holds and what
 * the Markdown and HTML renderings are made from. Times in milliseconds unless a name says otherwise.
 *
 * @param machine     where and when it ran
 * @param command     the command line that produced it
 * @param verdicts    the calls a reader came for, one per traffic profile, each drawn from this report's own
 *                    figures by {@link Verdicts#from}; empty in a report written before they were kept (the
 *                    renderings then draw them when they render)
 * @param starts      cold starts: one series per way and variant, floors included
 * @param loads       latency under load: one run per way, path and offered rate
 * @param throughputs saturation throughput per way (HTTP requests/s, queue events/s), ceilings included
 * @param memory      resident memory per process after its load
 * @param processes   how each measured process kind really ran (CPU, GC, JVM options), read from the process;
 *                    empty in a report written before they were kept
 * @param cost        the measured figures priced for traffic profiles; null when the part was not run
 * @param ratios      every figure beside its floor or ceiling
 * @param notes       what a reader must know to read the figures (what was used, what was cut by a budget)
 */
public record Report(
        Machine machine,
        String command,
        List<Verdict> verdicts,
        List<StartSeries> starts,
        List<LoadRun> loads,
        List<Throughput> throughputs,
        List<Memory> memory,
        List<Process> processes,
        CostPart cost,
        List<Ratio> ratios,
        List<String> notes) {

    /** A list missing from the JSON (a report written before it was kept) reads as empty. */
    public Report {
        verdicts = copy(verdicts);
        starts = copy(starts);
        loads = copy(loads);
        throughputs = copy(throughputs);
        memory = copy(memory);
        processes = copy(processes);
        ratios = copy(ratios);
        notes = copy(notes);
    }

    /**
     * A report in the shape it had before verdicts and processes were kept: no processes, and the verdicts
     * drawn from these figures, so a caller that does not know about them still writes them.
     */
    public Report(Machine machine, String command, List<StartSeries> starts, List<LoadRun> loads,
                  List<Throughput> throughputs, List<Memory> memory, CostPart cost, List<Ratio> ratios,
                  List<String> notes) {
        this(machine, command, Verdicts.from(new Report(machine, command, List.of(), starts, loads, throughputs,
                memory, List.of(), cost, ratios, notes)), starts, loads, throughputs, memory, List.of(), cost, ratios,
                notes);
    }

    /**
     * Where and how it ran. The fields after {@code queue} are null in a report written before they were kept.
     *
     * @param started   ISO-8601 instant; took in seconds
     * @param commit    the repository's commit the measured code was built from
     * @param cpuModel  the CPU's model name, e.g. "AMD EPYC 7763 64-Core Processor"
     * @param kernel    the kernel release, e.g. "6.8.0-1017-azure"
     * @param postgres  the server as it answered, e.g. "PostgreSQL 15.20, TLS (sslmode=require)"
     * @param elasticMq ElasticMQ's version
     * @param placement how the CPU was split between the load generator, the services and the measured
     *                  processes, e.g. "cgroup v1 quotas; load generator, PostgreSQL and ElasticMQ on CPU 0,
     *                  measured processes on CPU 1": the figures mean little without it
     */
    public record Machine(String started, double tookSeconds, int cores, String jdk, String os,
                          long memoryMib, String database, String queue, String commit, String cpuModel,
                          String kernel, String postgres, String elasticMq, String placement) {

        /** A machine described as before the commit, CPU model, kernel, versions and placement were kept. */
        public Machine(String started, double tookSeconds, int cores, String jdk, String os, long memoryMib,
                       String database, String queue) {
            this(started, tookSeconds, cores, jdk, os, memoryMib, database, queue, null, null, null, null, null, null);
        }
    }

    /**
     * What a reader came for, for one traffic profile: which way wins on latency, on cold starts and on
     * cost, each call with the measured figures it rests on, so the call can be checked against the tables.
     *
     * @param profile the traffic profile: name, description and requests per month; "any" when the report
     *                priced none (latency and cold start do not depend on it)
     */
    public record Verdict(String profile, Call latency, Call coldStart, Call cost) {}

    /**
     * One call. A call whose figures overlap names no winner: the reader is told "no measurable difference"
     * rather than a winner that another repetition could reverse.
     *
     * @param winner      the way that wins; null when {@code withinNoise} or when nothing was measured
     * @param basis       the measured figures the call rests on, quoted with their spread; or why there is no call
     * @param withinNoise true when the winner's figures overlap another way's (no measurable difference)
     */
    public record Call(String winner, String basis, boolean withinNoise) {
        /** No call: the figures it would rest on were not measured; {@code why} says which. */
        public static Call notMeasured(String why) {
            return new Call(null, why, false);
        }
    }

    /**
     * Cold starts of one way and variant, one sample per fresh process.
     *
     * @param way     "Lambda", "App Runner", "Fargate" or "floor"
     * @param variant what was started, e.g. "HttpApiStreamHandler GET /hello as deployed"
     * @param floor   true when this series is a floor the others are compared with
     * @param totalMs process spawn (or invoke that spawned it) to the first good response
     * @param initMs  Lambda only: the runtime's init phase; empty for servers
     * @param firstMs Lambda only: the first invoke's duration; empty for servers
     */
    public record StartSeries(String way, String variant, boolean floor, List<Double> totalMs,
                              List<Double> initMs, List<Double> firstMs) {
        public StartSeries {
            totalMs = List.copyOf(totalMs);
            initMs = List.copyOf(initMs);
            firstMs = List.copyOf(firstMs);
        }
    }

    /**
     * Latency of one path of one way at one offered rate (open model, corrected for coordinated
     * omission: each request's latency counts from when it was due, not when it was sent).
     *
     * @param offeredPerSecond the constant arrival rate asked for; 0 for a closed-model saturation run
     * @param corrected        latency percentiles from the due time (ms)
     * @param serviceTime      latency percentiles from the send time (ms): what a naive tool reports
     * @param statuses         HTTP status (or "error") to count
     * @param histogram        the corrected HdrHistogram, compressed and base64-encoded (microseconds)
     */
    public record LoadRun(String way, String path, double offeredPerSecond, double achievedPerSecond,
                          long requests, double seconds, List<Point> corrected, List<Point> serviceTime,
                          Map<String, Long> statuses, String histogram) {
        public LoadRun {
            corrected = List.copyOf(corrected);
            serviceTime = List.copyOf(serviceTime);
            statuses = ordered(statuses);
        }
    }

    /** A percentile (0–100) and its latency in milliseconds. */
    public record Point(double percentile, double ms) {}

    /** @param ceiling true when this is the ceiling the others are compared with */
    public record Throughput(String way, String what, double perSecond, String unit, boolean ceiling) {}

    /**
     * @param residentMib resident memory after its load
     * @param deployedMib the memory the way is deployed with (the task's, service's or function's size); 0
     *                    when there is none to compare with (a floor) or it is unknown
     */
    public record Memory(String way, String process, double residentMib, double deployedMib) {
        /** Memory with no deployed size to compare with. */
        public Memory(String way, String process, double residentMib) {
            this(way, process, residentMib, 0);
        }

        /** True when the process needed more than it would be deployed with: on AWS it would be killed or swap. */
        public boolean breaches() {
            return deployedMib > 0 && residentMib > deployedMib;
        }
    }

    /**
     * One measured process kind as it really ran, read from the running process rather than from what was
     * asked for: a CPU quota or a GC the JVM chose changes every figure measured on it.
     *
     * @param variant           what was started, as the start series names it
     * @param cpu               the CPU it had, in words, e.g. "0.58 CPU quota on CPU 1 (cgroup v1 cfs_quota_us)"
     * @param activeProcessors  what {@code Runtime.availableProcessors()} answered inside it
     * @param gc                the collector in use, e.g. "SerialGC"
     * @param jvmOptions        the JVM's options as read from {@code jcmd VM.flags} and its command line
     * @param deployedMemoryMib the memory the way is deployed with; 0 when unknown
     */
    public record Process(String way, String variant, String cpu, int activeProcessors, String gc,
                          List<String> jvmOptions, long deployedMemoryMib) {
        public Process {
            jvmOptions = copy(jvmOptions);
        }
    }

    /**
     * @param source    where the prices came from (and their date)
     * @param profiles  each traffic profile priced for each way
     * @param curves    monthly cost against requests per month, per way (log-spaced)
     * @param crossovers requests per month where the cheapest way changes
     * @param assumptions the measured inputs and choices behind the figures, in words
     * @param figures   the measured figures that were priced, so the part can be priced again when the prices
     *                  change ({@code render --reprice}); null in a report written before they were kept, or
     *                  when the part was priced from figures that are not the deployed sizes'
     */
    public record CostPart(String source, List<ProfileCost> profiles, List<Curve> curves,
                           List<Crossover> crossovers, List<String> assumptions, PricedFigures figures) {
        public CostPart {
            profiles = List.copyOf(profiles);
            curves = List.copyOf(curves);
            crossovers = List.copyOf(crossovers);
            assumptions = List.copyOf(assumptions);
        }

        /** This part with {@code figures} as the figures it was priced from. */
        public CostPart withFigures(PricedFigures figures) {
            return new CostPart(source, profiles, curves, crossovers, assumptions, figures);
        }
    }

    /**
     * The measured figures a cost part was priced from: exactly what {@code cost.Measured.asDeployed} takes,
     * in its order, so the part can be priced again from the report alone.
     *
     * @param lambdaWarmBilledMs   mean billed duration of a warm invoke (ms, each rounded up to 1 ms as billed)
     * @param lambdaInitMs         mean init phase of a cold start (ms)
     * @param lambdaFirstInvokeMs  mean duration of the first invoke after an init (ms)
     * @param appRunnerPerSecond   saturation throughput of the App Runner jar (requests/s) on {@code cores}
     * @param appRunnerResidentMib resident memory of the App Runner process after its load
     * @param fargatePerSecond     saturation throughput of the Fargate jar (requests/s) on {@code cores}
     * @param fargateResidentMib   resident memory of the Fargate process after its load
     * @param cores                the cores of the machine
     * @param appRunnerCpu         the CPU the App Runner process was measured with (its quota); 0 in a report
     *                             from before the servers were placed, which measured them on all {@code cores}
     * @param fargateCpu           the same for the Fargate process
     */
    public record PricedFigures(double lambdaWarmBilledMs, double lambdaInitMs, double lambdaFirstInvokeMs,
                                double appRunnerPerSecond, double appRunnerResidentMib,
                                double fargatePerSecond, double fargateResidentMib, int cores,
                                double appRunnerCpu, double fargateCpu, WebhookFigures webhooks) {
        public PricedFigures(double lambdaWarmBilledMs, double lambdaInitMs, double lambdaFirstInvokeMs,
                             double appRunnerPerSecond, double appRunnerResidentMib,
                             double fargatePerSecond, double fargateResidentMib, int cores,
                             double appRunnerCpu, double fargateCpu) {
            this(lambdaWarmBilledMs, lambdaInitMs, lambdaFirstInvokeMs, appRunnerPerSecond, appRunnerResidentMib,
                    fargatePerSecond, fargateResidentMib, cores, appRunnerCpu, fargateCpu, null);
        }

        /** These figures with the webhook path's. */
        public PricedFigures withWebhooks(WebhookFigures w) {
            return new PricedFigures(lambdaWarmBilledMs, lambdaInitMs, lambdaFirstInvokeMs, appRunnerPerSecond,
                    appRunnerResidentMib, fargatePerSecond, fargateResidentMib, cores, appRunnerCpu, fargateCpu, w);
        }

        /** Figures of servers measured on all {@code cores}, as before they were placed. */
        public PricedFigures(double lambdaWarmBilledMs, double lambdaInitMs, double lambdaFirstInvokeMs,
                             double appRunnerPerSecond, double appRunnerResidentMib,
                             double fargatePerSecond, double fargateResidentMib, int cores) {
            this(lambdaWarmBilledMs, lambdaInitMs, lambdaFirstInvokeMs, appRunnerPerSecond, appRunnerResidentMib,
                    fargatePerSecond, fargateResidentMib, cores, 0, 0);
        }

        /** The CPU App Runner's throughput was measured with. */
        public double appRunnerMeasuredCpu() {
            return appRunnerCpu > 0 ? appRunnerCpu : cores;
        }

        /** The CPU Fargate's throughput was measured with. */
        public double fargateMeasuredCpu() {
            return fargateCpu > 0 ? fargateCpu : cores;
        }
    }

    /**
     * What a webhook costs each way, as measured in the run (null in a report written before they were kept):
     *
     * @param lambdaEnqueueBilledMs   the HTTP function's warm billed duration for a signed webhook it sends to the queue
     * @param lambdaQueuePerSecond    webhooks/s the queue function applied in its deployed environments
     * @param lambdaQueueEnvironments those environments (the event source's maximum concurrency)
     * @param appRunnerPerSecond      webhooks/s the App Runner jar applies in the request, at its deployed CPU
     * @param fargateEnqueuePerSecond webhooks/s the Fargate task verifies and enqueues
     * @param fargateWorkerPerSecond  webhooks/s its worker applies from the queue, in the same task
     */
    public record WebhookFigures(double lambdaEnqueueBilledMs, double lambdaQueuePerSecond, int lambdaQueueEnvironments,
                                 double appRunnerPerSecond, double fargateEnqueuePerSecond, double fargateWorkerPerSecond) {
        /** The queue function's billed time per webhook: its environments were busy all the run. */
        public double queueMsPerWebhook() {
            return 1000.0 * lambdaQueueEnvironments / lambdaQueuePerSecond;
        }

        /** Webhooks/s one Fargate task takes end to end: it enqueues and applies each, on one CPU quota. */
        public double fargatePerSecond() {
            return 1 / (1 / fargateEnqueuePerSecond + 1 / fargateWorkerPerSecond);
        }
    }

    /**
     * This report with {@code cost} as its cost part. Verdicts it carries are drawn again, since the cost
     * call rests on the part; a report without any keeps none (its renderings draw them).
     */
    public Report withCost(CostPart cost) {
        Report priced = new Report(machine, command, verdicts, starts, loads, throughputs, memory, processes, cost,
                ratios, notes);
        return verdicts.isEmpty() ? priced : priced.withVerdicts(Verdicts.from(priced));
    }

    /** This report with {@code notes} as its notes. */
    public Report withNotes(List<String> notes) {
        return new Report(machine, command, verdicts, starts, loads, throughputs, memory, processes, cost, ratios,
                notes);
    }

    /** This report with {@code verdicts} as its verdicts (usually {@code Verdicts.from(report)}). */
    public Report withVerdicts(List<Verdict> verdicts) {
        return new Report(machine, command, verdicts, starts, loads, throughputs, memory, processes, cost, ratios,
                notes);
    }

    /** This report with {@code processes} as the processes it measured. */
    public Report withProcesses(List<Process> processes) {
        return new Report(machine, command, verdicts, starts, loads, throughputs, memory, processes, cost, ratios,
                notes);
    }

    /** @param monthlyUsd way to US dollars per month; perMillionUsd way to US dollars per million requests */
    public record ProfileCost(String profile, String description, long requestsPerMonth,
                              Map<String, Double> monthlyUsd, Map<String, Double> perMillionUsd) {
        public ProfileCost {
            monthlyUsd = ordered(monthlyUsd);
            perMillionUsd = ordered(perMillionUsd);
        }
    }

    public record Curve(String way, List<CostPoint> points) {
        public Curve {
            points = List.copyOf(points);
        }
    }

    public record CostPoint(double requestsPerMonth, double usdPerMonth) {}

    /** Below {@code requestsPerMonth} {@code cheaperBelow} costs less; above it {@code cheaperAbove}. */
    public record Crossover(String cheaperBelow, String cheaperAbove, double requestsPerMonth) {}

    /**
     * One figure beside its reference measured in the same run, with the spread of the ratio across the
     * repetitions: one run's ratio could be luck, and two ratios are only different if their ranges are.
     *
     * @param value          the figure: the median across repetitions (nearest rank, so an observed value)
     * @param referenceValue the reference: the median across repetitions
     * @param kind           "floor" (nothing of this kind can be faster: ratio ≥ 1 is the overhead) or "ceiling"
     *                       (nothing can do more: ratio ≤ 1 is the share reached)
     * @param low            the lowest per-repetition ratio (value_i / reference_i)
     * @param high           the highest per-repetition ratio
     * @param repetitions    how many times both were measured; a report written before the spread was kept
     *                       reads as 1, its range the ratio itself
     */
    public record Ratio(String figure, double value, String unit, String reference, double referenceValue,
                        String kind, double low, double high, int repetitions) {
        public Ratio {
            if (repetitions <= 0) {
                repetitions = 1;
                low = quotient(value, referenceValue);
                high = low;
            }
        }

        /** A figure measured once beside its reference: its range is the ratio itself. */
        public Ratio(String figure, double value, String unit, String reference, double referenceValue, String kind) {
            this(figure, value, unit, reference, referenceValue, kind, quotient(value, referenceValue),
                    quotient(value, referenceValue), 1);
        }

        /**
         * The ratio from per-repetition pairs: {@code values.get(i)} was measured beside {@code references.get(i)}
         * in the same repetition. Value and reference are the medians (nearest rank); the range is the lowest
         * and highest per-repetition ratio.
         *
         * @throws IllegalArgumentException when the lists differ in length or are empty
         */
        public static Ratio of(String figure, String unit, String reference, String kind, List<Double> values,
                               List<Double> references) {
            if (values.isEmpty() || values.size() != references.size()) {
                throw new IllegalArgumentException("a ratio needs one reference per value and at least one pair: "
                        + values.size() + " values, " + references.size() + " references");
            }
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < values.size(); i++) {
                double r = quotient(values.get(i), references.get(i));
                low = Math.min(low, r);
                high = Math.max(high, r);
            }
            if (!Double.isFinite(low) || !Double.isFinite(high)) {
                low = Double.NaN;
                high = Double.NaN;
            }
            return new Ratio(figure, median(values), unit, reference, median(references), kind, low, high,
                    values.size());
        }

        /** The ratio of the medians; NaN when the reference is 0. */
        public double ratio() {
            return quotient(value, referenceValue);
        }

        /**
         * True when this ratio's range and {@code other}'s intersect: the two figures show no measurable
         * difference, whichever median is higher.
         */
        public boolean overlaps(Ratio other) {
            return low <= other.high && other.low <= high;
        }

        private static double quotient(double value, double reference) {
            return reference == 0 ? Double.NaN : value / reference;
        }

        /** Nearest rank, as every median of the report: the lower middle of an even count. */
        private static double median(List<Double> values) {
            List<Double> sorted = values.stream().sorted().toList();
            return sorted.get((sorted.size() + 1) / 2 - 1);
        }
    }

    /** An unmodifiable copy; null (absent from an older report.json) is empty. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** An unmodifiable copy in the given order: Map.copyOf's order changes between runs, and with it report.json. */
    static <V> Map<String, V> ordered(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }
}
