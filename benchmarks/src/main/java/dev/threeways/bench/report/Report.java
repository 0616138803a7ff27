package dev.threeways.bench.report;

import java.util.List;
import java.util.Map;

/**
 * Everything one harness run measured, with the raw samples: what {@code report.json} holds and what
 * the Markdown and HTML renderings are made from. Times in milliseconds unless a name says otherwise.
 *
 * @param machine     where and when it ran
 * @param command     the command line that produced it
 * @param starts      cold starts: one series per way and variant, floors included
 * @param loads       latency under load: one run per way, path and offered rate
 * @param throughputs saturation throughput per way (HTTP requests/s, queue events/s), ceilings included
 * @param memory      resident memory per process after its load
 * @param cost        the measured figures priced for traffic profiles; null when the part was not run
 * @param ratios      every figure beside its floor or ceiling
 * @param notes       what a reader must know to read the figures (what was used, what was cut by a budget)
 */
public record Report(
        Machine machine,
        String command,
        List<StartSeries> starts,
        List<LoadRun> loads,
        List<Throughput> throughputs,
        List<Memory> memory,
        CostPart cost,
        List<Ratio> ratios,
        List<String> notes) {

    public Report {
        starts = List.copyOf(starts);
        loads = List.copyOf(loads);
        throughputs = List.copyOf(throughputs);
        memory = List.copyOf(memory);
        ratios = List.copyOf(ratios);
        notes = List.copyOf(notes);
    }

    /** @param started ISO-8601 instant; took in seconds */
    public record Machine(String started, double tookSeconds, int cores, String jdk, String os,
                          long memoryMib, String database, String queue) {}

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

    public record Memory(String way, String process, double residentMib) {}

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
     * @param cores                the cores the servers were measured on
     */
    public record PricedFigures(double lambdaWarmBilledMs, double lambdaInitMs, double lambdaFirstInvokeMs,
                                double appRunnerPerSecond, double appRunnerResidentMib,
                                double fargatePerSecond, double fargateResidentMib, int cores) {}

    /** This report with {@code cost} as its cost part. */
    public Report withCost(CostPart cost) {
        return new Report(machine, command, starts, loads, throughputs, memory, cost, ratios, notes);
    }

    /** This report with {@code notes} as its notes. */
    public Report withNotes(List<String> notes) {
        return new Report(machine, command, starts, loads, throughputs, memory, cost, ratios, notes);
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
     * One figure beside its reference measured in the same run.
     *
     * @param kind "floor" (nothing of this kind can be faster: ratio ≥ 1 is the overhead) or "ceiling"
     *             (nothing can do more: ratio ≤ 1 is the share reached)
     */
    public record Ratio(String figure, double value, String unit, String reference, double referenceValue,
                        String kind) {
        public double ratio() {
            return referenceValue == 0 ? Double.NaN : value / referenceValue;
        }
    }

    /** An unmodifiable copy in the given order: Map.copyOf's order changes between runs, and with it report.json. */
    static <V> Map<String, V> ordered(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(map));
    }
}
