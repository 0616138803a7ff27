package dev.threeways.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Reports shaped like a real run, for the renderer tests: a full one with every part (floors and
 * ceilings, three rates for two ways and two paths with the lowest /hello rate repeated, a ratio with its
 * spread, a process over its deployed memory, the processes as measured, three cost curves that cross,
 * and the verdicts drawn from it all) and an almost empty one in the shape of an older report. A few figures are fixed exactly so tests can assert their formatted text; the rest come from a
 * seeded generator so the charts have realistic spread and every run is the same. Public for the command
 * line's tests ({@code render}).
 */
public final class SampleReports {
    static final String HTTP_UNIT = "requests/s";
    static final String QUEUE_UNIT = "events/s";
    /** Text that must be escaped everywhere it appears. */
    static final String TRICKY_NOTE = "Fargate's task size \"0.5 vCPU & 1 GiB\" <as configured>";
    /** A floor series with fixed samples: n 10, p50 170, p90 210, min 150, max 400. */
    static final List<Double> JDK_FLOOR = List.of(161.0, 150.0, 400.0, 155.0, 170.0, 160.0, 180.0, 190.0, 200.0, 210.0);

    /**
     * The figures the full report's cost part keeps as priced. Its prices come from simple made-up models,
     * not from these figures: what re-pricing them with the advisor's prices changes.
     */
    public static final Report.PricedFigures FIGURES =
            new Report.PricedFigures(4.6, 612.3, 187.9, 18_400, 318.9, 19_120, 305.1, 16);

    private SampleReports() {}

    /** How the sample machine's CPU was split, as {@code compare} records it. */
    static final String PLACEMENT = "cgroup v1 quotas; load generator, PostgreSQL and ElasticMQ on CPU 0, "
            + "measured processes on CPU 1";

    public static Report.Machine machine() {
        return new Report.Machine("2026-05-04T09:12:33Z", 1834.2, 16, "Temurin 25.0.1+8", "Linux 6.8.0 amd64",
                31_862, "PostgreSQL 17.5 (container)", "ElasticMQ 1.7.1", "6c99f52",
                "AMD EPYC 7763 64-Core Processor", "6.8.0-1017-azure", "PostgreSQL 15.20, TLS (sslmode=require)",
                "1.6.11", PLACEMENT);
    }

    /** The same machine as a report written before the commit, CPU model, kernel, versions and placement were kept. */
    public static Report.Machine oldMachine() {
        return new Report.Machine("2026-05-04T09:12:33Z", 1834.2, 16, "Temurin 25.0.1+8", "Linux 6.8.0 amd64",
                31_862, "PostgreSQL 17.5 (container)", "ElasticMQ 1.7.1");
    }

    public static Report full() {
        Random random = new Random(20260504);
        List<Report.StartSeries> starts = List.of(
                new Report.StartSeries("Lambda", Verdicts.LAMBDA_DEPLOYED, false,
                        samples(random, 20, 840, 90), samples(random, 20, 620, 60), samples(random, 20, 190, 30)),
                new Report.StartSeries("Lambda", "HttpApiStreamHandler GET /hello, 512 MB", false,
                        samples(random, 20, 1180, 140), samples(random, 20, 880, 90), samples(random, 20, 260, 40)),
                new Report.StartSeries("App Runner", "App Runner image as shipped (AOT cache)", false,
                        samples(random, 15, 1410, 120), List.of(), List.of()),
                new Report.StartSeries("Fargate", "Fargate image as shipped, serve + worker", false,
                        samples(random, 15, 1350, 110), List.of(), List.of()),
                new Report.StartSeries("Lambda", "constant handler in the local Lambda runtime", true,
                        samples(random, 20, 364, 30), samples(random, 20, 300, 20), samples(random, 20, 12, 3)),
                new Report.StartSeries("servers", "JDK HttpServer hello world", true, JDK_FLOOR, List.of(), List.of()));

        List<Report.LoadRun> loads = new ArrayList<>();
        for (String way : List.of("App Runner", "Fargate")) {
            for (String path : List.of("/hello", "/payments")) {
                for (double rate : List.of(100.0, 400.0, 1600.0)) {
                    loads.add(run(way, path, rate, random));
                }
            }
        }
        // one run with figures fixed for the tests, replacing its generated twin
        loads.set(1, new Report.LoadRun("App Runner", "/hello", 400, 398.7, 23_922, 60,
                List.of(point(50, 1.84), point(90, 3.2), point(99, 12.6), point(99.9, 48.3), point(99.99, 91.0)),
                List.of(point(50, 1.71), point(90, 2.9), point(99, 9.7), point(99.9, 30.2), point(99.99, 52.0)),
                Map.of("200", 23_912L, "503", 8L, "error", 2L), "HISTFAAAAB"));
        // the lowest rate on /hello three times each: the verdict's latency call rests on these p99s, whose
        // ranges overlap (App Runner 8.1–9.4, Fargate 7.9–9.0): no measurable difference
        loads.set(0, fixedRun("App Runner", 8.8));
        loads.set(6, fixedRun("Fargate", 7.9));
        loads.addAll(List.of(fixedRun("App Runner", 9.4), fixedRun("App Runner", 8.1),
                fixedRun("Fargate", 8.3), fixedRun("Fargate", 9.0)));

        List<Report.Throughput> throughputs = List.of(
                new Report.Throughput("App Runner", "GET /hello", 18_400, HTTP_UNIT, false),
                new Report.Throughput("Fargate", "GET /hello", 19_120, HTTP_UNIT, false),
                new Report.Throughput("floor", "JDK HttpServer constant answer", 41_000, HTTP_UNIT, true),
                new Report.Throughput("Lambda", "queue worker, Stripe-shaped events", 2_150, QUEUE_UNIT, false),
                new Report.Throughput("Fargate", "queue worker, Stripe-shaped events", 3_480, QUEUE_UNIT, false),
                new Report.Throughput("floor", "ElasticMQ receive and delete only", 6_300, QUEUE_UNIT, true));

        // App Runner needed more than it is deployed with: flagged in the table, red in the chart
        List<Report.Memory> memory = List.of(
                new Report.Memory("Lambda", "local runtime with the handler", 212.4, 512),
                new Report.Memory("App Runner", "server jar", 2_437.5, 2_048),
                new Report.Memory("Fargate", "server jar", 305.1, 1_024),
                new Report.Memory("floor", "JDK HttpServer hello world", 48.2));

        Report report = new Report(machine(), "java -jar three-ways-bench.jar --all --budget 30m", List.of(), starts,
                loads, throughputs, memory, processes(), cost(), ratios(), List.of(
                        "Lambda ran in the local runtime, not in AWS: its figures are this machine's.",
                        "The budget cut the 1600/s Fargate /payments run to 20 s.",
                        TRICKY_NOTE));
        return report.withVerdicts(Verdicts.from(report));
    }

    /** The measured processes as {@code compare} reads them from the running JVMs. */
    static List<Report.Process> processes() {
        return List.of(
                new Report.Process("App Runner", "App Runner image as shipped (AOT cache)",
                        "0.58 CPU quota on CPU 1 (cgroup v1 cfs_quota_us)", 1, "SerialGC",
                        List.of("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-XX:AOTCache=app.aot"), 2_048),
                new Report.Process("Fargate", "Fargate image as shipped, serve + worker",
                        "0.58 CPU quota on CPU 1 (cgroup v1 cfs_quota_us)", 1, "SerialGC",
                        List.of("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75"), 1_024));
    }

    /** Only a floor's cold starts: every other part was not run. */
    public static Report almostEmpty() {
        return new Report(oldMachine(), "java -jar three-ways-bench.jar --starts-only", List.of(
                new Report.StartSeries("floor", "JDK HttpServer hello world", true, JDK_FLOOR, List.of(), List.of())),
                List.of(), List.of(), List.of(), null, List.of(), List.of("Only the floors were measured."));
    }

    /** Two measured once (n=1), one three times: medians 18,400 and 41,000, per-run ratios 0.40 to 0.48. */
    static List<Report.Ratio> ratios() {
        return List.of(
                new Report.Ratio("Lambda cold start p50", 842, "ms", "constant handler in the local Lambda runtime p50",
                        364, "floor"),
                new Report.Ratio("App Runner cold start p50", 1412, "ms", "JDK HttpServer hello world p50", 170, "floor"),
                Report.Ratio.of("App Runner GET /hello throughput", HTTP_UNIT, "JDK HttpServer constant answer",
                        "ceiling", List.of(18_400.0, 16_800.0, 19_100.0), List.of(41_000.0, 41_500.0, 40_100.0)),
                new Report.Ratio("Lambda queue worker throughput", 2_150, QUEUE_UNIT, "ElasticMQ receive and delete only",
                        6_300, "ceiling"));
    }

    /**
     * Three simple cost models: Lambda pays per request only, App Runner and Fargate pay a base and less
     * per request. Lambda = App Runner at 10M requests/month, App Runner = Fargate at about 18.3M.
     */
    public static Report.CostPart cost() {
        double[][] models = {{0, 3.5e-6}, {25, 1.0e-6}, {36, 0.4e-6}};
        List<String> ways = List.of("Lambda", "App Runner", "Fargate");
        List<Report.Curve> curves = new ArrayList<>();
        for (int w = 0; w < ways.size(); w++) {
            List<Report.CostPoint> points = new ArrayList<>();
            for (double e = 4; e <= 10.001; e += 0.25) {
                double requests = Math.pow(10, e);
                points.add(new Report.CostPoint(requests, models[w][0] + models[w][1] * requests));
            }
            curves.add(new Report.Curve(ways.get(w), points));
        }
        List<Report.ProfileCost> profiles = new ArrayList<>();
        String[][] named = {{"hobby", "a side project: a few visitors a day"}, {"startup", "steady traffic, 12 h peaks"},
                {"scale", "a busy API around the clock"}};
        long[] requests = {100_000, 30_000_000, 3_000_000_000L};
        for (int p = 0; p < requests.length; p++) {
            Map<String, Double> monthly = new java.util.HashMap<>();
            Map<String, Double> perMillion = new java.util.HashMap<>();
            for (int w = 0; w < ways.size(); w++) {
                double usd = models[w][0] + models[w][1] * requests[p];
                monthly.put(ways.get(w), usd);
                perMillion.put(ways.get(w), usd / (requests[p] / 1e6));
            }
            profiles.add(new Report.ProfileCost(named[p][0], named[p][1], requests[p], monthly, perMillion));
        }
        return new Report.CostPart("AWS price list API, us-east-1, read 2026-05-01", profiles, curves, List.of(
                new Report.Crossover("Lambda", "App Runner", 10_000_000),
                new Report.Crossover("App Runner", "Fargate", 11 / 0.6e-6)),
                List.of("Lambda at 512 MB with the measured 4.1 ms mean duration per request.",
                        "App Runner and Fargate sized to 1 vCPU, scaled out at the measured throughput."), FIGURES);
    }

    private static Report.LoadRun run(String way, String path, double rate, Random random) {
        // slower for the database path, and the tail grows as the rate nears saturation
        double base = path.equals("/hello") ? 1.6 : 4.8;
        double load = rate / 1600;
        double[] percentiles = {50, 90, 99, 99.9, 99.99};
        double[] spread = {1, 1.8, 5 + 40 * load * load, 14 + 200 * load * load, 30 + 600 * load * load};
        List<Report.Point> corrected = new ArrayList<>();
        List<Report.Point> service = new ArrayList<>();
        for (int i = 0; i < percentiles.length; i++) {
            double ms = base * spread[i] * (1 + 0.1 * random.nextDouble()) * (way.equals("Fargate") ? 0.93 : 1);
            corrected.add(point(percentiles[i], ms));
            service.add(point(percentiles[i], ms * (i < 2 ? 0.95 : 0.6)));
        }
        long requests = Math.round(rate * 60);
        long failed = rate >= 1600 ? 37 : 0;
        return new Report.LoadRun(way, path, rate, rate * (0.995 + 0.004 * random.nextDouble()), requests, 60,
                corrected, service, failed == 0 ? Map.of("200", requests) : Map.of("200", requests - failed, "503", failed),
                "HISTFAAAAB");
    }

    /** A /hello run at 100/s whose corrected p99 is {@code p99}. */
    private static Report.LoadRun fixedRun(String way, double p99) {
        return new Report.LoadRun(way, "/hello", 100, 99.8, 6_000, 60,
                List.of(point(50, 1.6), point(90, 2.9), point(99, p99), point(99.9, 23.0), point(99.99, 48.0)),
                List.of(point(50, 1.5), point(90, 2.7), point(99, p99 * 0.6), point(99.9, 14.0), point(99.99, 29.0)),
                Map.of("200", 6_000L), "HISTFAAAAB");
    }

    private static Report.Point point(double percentile, double ms) {
        return new Report.Point(percentile, ms);
    }

    private static List<Double> samples(Random random, int n, double median, double spread) {
        List<Double> values = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // a long right tail, as cold starts have
            double v = median + spread * random.nextGaussian() + (random.nextDouble() < 0.1 ? 3 * spread : 0);
            values.add(Math.round(Math.max(v, median / 3) * 10) / 10.0);
        }
        return values;
    }
}
