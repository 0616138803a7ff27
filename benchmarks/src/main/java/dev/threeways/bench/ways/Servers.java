package dev.threeways.bench.ways;

import dev.threeways.bench.Budget;
import dev.threeways.bench.Progress;
import dev.threeways.bench.cost.Measured;
import dev.threeways.bench.floor.BareUndertow;
import dev.threeways.bench.load.HttpTarget;
import dev.threeways.bench.load.LoadGenerator;
import dev.threeways.bench.load.LoadResult;
import dev.threeways.bench.load.Requests;
import dev.threeways.bench.report.Report;
import dev.threeways.lambdalocal.ProcessMemory;
import dev.threeways.server.testing.JarProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The container ways as processes on this machine — the App Runner and the Fargate images, each built
 * as {@code docker build} would (its start-up archive trained) and started as deployed (its ENTRYPOINT,
 * its instance's or task's memory, PostgreSQL already migrated, secrets as settings, Fargate with its
 * queue worker), and for the start, each also without its archive — beside
 * two floors started the same way: the JDK's {@code jwebserver} serving a file, and a bare Undertow
 * handler returning the same bytes as {@code /hello}. The bare handler is also the ceiling for
 * throughput; a single-row INSERT loop over a pool of the same size is the ceiling for webhook apply.
 */
public final class Servers {
    public static final String HELLO = "/hello?name=bench";
    /** How long a process may take to answer its first 200 before the run fails. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** Connections a closed-model saturation run keeps busy: enough to fill the servers' worker pools. */
    static final int SATURATION_CLIENTS = 32;
    /** Open-model connection pool: far more than a server below saturation needs, so the pool never is the queue. */
    static final int OPEN_MODEL_CONNECTIONS = 128;
    /** The open-model rates, as fractions of the slowest way's saturation throughput. */
    static final double[] RATE_FRACTIONS = {0.25, 0.5, 0.75, 0.9};

    /** What Undertow needs at run time, by jar name: the bare floor gets these and nothing else. */
    static final List<String> UNDERTOW_JARS = List.of("undertow-core", "xnio-", "jboss-logging", "jboss-threads",
            "wildfly-common", "wildfly-client-config", "smallrye-common");

    /** The knobs of one run. */
    public record Settings(int startRounds, Duration warmUp, Duration step) {}

    /** Everything the server part found. */
    public record Results(List<Report.StartSeries> starts, List<Report.LoadRun> loads,
                          List<Report.Throughput> throughputs, List<Report.Memory> memory,
                          List<Report.Ratio> ratios) {}

    private record Launch(String way, String variant, boolean floor, String firstPath, Starter starter) {}

    private interface Starter {
        JarProcess start() throws IOException;
    }

    private final Lab lab;
    private final Progress progress;
    private final Path www;
    private final Container appRunnerImage;
    private final Container fargateImage;

    public Servers(Lab lab, Progress progress) throws IOException {
        this.lab = lab;
        this.progress = progress;
        this.www = Files.createTempDirectory("three-ways-jwebserver");
        this.appRunnerImage = Container.of(lab.repo().resolve("adapter-apprunner"), Measured.APP_RUNNER_MEMORY_GB);
        this.fargateImage = Container.of(lab.repo().resolve("adapter-fargate"), Measured.FARGATE_MEMORY_GB);
        Files.write(www.resolve("hello"), BareUndertow.body());
        www.toFile().deleteOnExit();
        www.resolve("hello").toFile().deleteOnExit();
    }

    private List<Launch> launches(String queueUrl) {
        Map<String, String> appRunner = lab.wiring(null);
        Map<String, String> fargate = lab.wiring(queueUrl);
        return List.of(
                new Launch("servers", "floor: JDK jwebserver (a static file)", true, "/hello", () -> {
                    int port = JarProcess.freePort();
                    return JarProcess.launch(List.of(JarProcess.javaTool("jwebserver"), "-b", "127.0.0.1", "-p",
                            String.valueOf(port), "-d", www.toString()), Map.of("PORT", String.valueOf(port)), "jwebserver");
                }),
                new Launch("servers", "floor: bare Undertow handler", true, HELLO, () -> JarProcess.launch(
                        List.of(JarProcess.javaTool("java"), "-XX:MaxRAM=" + Math.round(Measured.APP_RUNNER_MEMORY_GB * 1024) + "m",
                                "-XX:MaxRAMPercentage=75", "-cp", ClassPath.only(BareUndertow.class, UNDERTOW_JARS),
                                BareUndertow.class.getName()),
                        Map.of("PORT", String.valueOf(JarProcess.freePort())), "bare-undertow")),
                new Launch("App Runner", "App Runner image as shipped (AOT cache; PostgreSQL, migrated)", false, HELLO,
                        () -> appRunnerImage.start(appRunner, "apprunner")),
                new Launch("Fargate", "Fargate image as shipped, serve + worker (AOT cache; PostgreSQL, migrated, SQS)", false, HELLO,
                        () -> fargateImage.start(fargate, "fargate")));
    }

    /** Started, not loaded: the same images without their start-up archive, to show what it saves. */
    private List<Launch> withoutArchives(String queueUrl) {
        return List.of(
                new Launch("App Runner", "App Runner image without its AOT cache", false, HELLO,
                        () -> appRunnerImage.startWithoutArchive(lab.wiring(null), "apprunner-no-archive")),
                new Launch("Fargate", "Fargate image without its AOT cache", false, HELLO,
                        () -> fargateImage.startWithoutArchive(lab.wiring(queueUrl), "fargate-no-archive")));
    }

    public Results measure(Settings settings, Budget budget) throws Exception {
        String queueUrl = lab.newQueue("bench-servers-" + Long.toHexString(System.nanoTime()));
        List<Launch> launches = launches(queueUrl);
        progress.say("images built as docker build would: App Runner's AOT cache %d MiB, Fargate's %d MiB",
                appRunnerImage.archiveBytes() >> 20, fargateImage.archiveBytes() >> 20);
        var started = new ArrayList<>(launches);
        started.addAll(withoutArchives(queueUrl));
        var starts = startToFirst200(started, settings.startRounds(), budget);
        var loads = new ArrayList<Report.LoadRun>();
        var throughputs = new ArrayList<Report.Throughput>();
        var memory = new ArrayList<Report.Memory>();
        var ratios = new ArrayList<Report.Ratio>();
        ratios.addAll(startRatios(starts));

        List<Launch> loaded = launches.subList(1, launches.size());
        var running = new LinkedHashMap<Launch, JarProcess>();
        try {
            for (Launch launch : loaded) {
                JarProcess p = launch.starter().start();
                running.put(launch, p);
                p.awaitFirst200(launch.firstPath(), START_TIMEOUT);
            }
            // saturation first: the open-model rates are fractions of the slowest way's
            var helloSaturation = new LinkedHashMap<Launch, Double>();
            for (var e : running.entrySet()) {
                try (HttpTarget target = HttpTarget.loopback(e.getValue().port(), SATURATION_CLIENTS)) {
                    Supplier<byte[]> hello = fixed(Requests.get(target.host(), HELLO));
                    LoadGenerator.closed(target, hello, SATURATION_CLIENTS, budget.cap(settings.warmUp()), budget);
                    LoadResult r = LoadGenerator.closed(target, hello, SATURATION_CLIENTS, budget.cap(settings.step()), budget);
                    helloSaturation.put(e.getKey(), r.goodPerSecond());
                    loads.add(r.toRun(wayName(e.getKey()), "GET /hello"));
                    throughputs.add(new Report.Throughput(wayName(e.getKey()), "GET /hello", r.goodPerSecond(),
                            "requests/s", e.getKey().floor()));
                    progress.say("%s: GET /hello saturates at %.0f requests/s (%d clients)", e.getKey().variant(),
                            r.goodPerSecond(), SATURATION_CLIENTS);
                }
            }
            var webhookSaturation = new LinkedHashMap<Launch, Double>();
            for (var e : running.entrySet()) {
                if (e.getKey().floor()) {
                    continue;
                }
                try (HttpTarget target = HttpTarget.loopback(e.getValue().port(), SATURATION_CLIENTS)) {
                    var webhooks = new Webhooks("sat" + e.getKey().way().replace(' ', '_'));
                    LoadResult r = LoadGenerator.closed(target, () -> webhooks.nextRequest(target.host()),
                            SATURATION_CLIENTS, budget.cap(settings.step()), budget);
                    webhookSaturation.put(e.getKey(), r.goodPerSecond());
                    loads.add(r.toRun(e.getKey().way(), "POST /webhooks/stripe"));
                    throughputs.add(new Report.Throughput(e.getKey().way(), webhookWork(e.getKey()), r.goodPerSecond(),
                            "webhooks/s", false));
                    progress.say("%s: webhooks saturate at %.0f applied/s", e.getKey().variant(), r.goodPerSecond());
                }
            }
            double insertCeiling = InsertLoop.perSecond(lab.database(), budget.cap(settings.step()), budget);
            throughputs.add(new Report.Throughput("ceiling", "single-row INSERT, same pool size", insertCeiling,
                    "rows/s", true));
            progress.say("ceiling: single-row INSERT loop at %.0f rows/s", insertCeiling);

            Launch bare = loaded.getFirst();
            for (var e : helloSaturation.entrySet()) {
                if (e.getKey() != bare) {
                    ratios.add(new Report.Ratio(e.getKey().way() + " GET /hello throughput at saturation", e.getValue(),
                            "requests/s", bare.variant(), helloSaturation.get(bare), "ceiling"));
                }
            }
            for (var e : webhookSaturation.entrySet()) {
                if (e.getKey().way().equals("App Runner")) {
                    ratios.add(new Report.Ratio("App Runner webhooks applied in the request, at saturation", e.getValue(),
                            "webhooks/s", "single-row INSERT loop, same pool size", insertCeiling, "ceiling"));
                }
            }

            double slowestHello = helloSaturation.entrySet().stream().filter(e -> !e.getKey().floor())
                    .mapToDouble(Map.Entry::getValue).min().orElse(0);
            double slowestWebhook = webhookSaturation.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
            for (double fraction : RATE_FRACTIONS) {
                for (var e : running.entrySet()) {
                    if (!budget.hasTime()) {
                        break;
                    }
                    double rate = Math.max(1, Math.round(slowestHello * fraction));
                    try (HttpTarget target = HttpTarget.loopback(e.getValue().port(), OPEN_MODEL_CONNECTIONS)) {
                        LoadResult r = LoadGenerator.open(target, fixed(Requests.get(target.host(), HELLO)), rate,
                                budget.cap(settings.step()), budget);
                        loads.add(r.toRun(wayName(e.getKey()), "GET /hello"));
                        progress.say("%s: GET /hello at %.0f/s: p50 %.2f ms, p99 %.2f ms", e.getKey().variant(), rate,
                                r.correctedMs(50), r.correctedMs(99));
                    }
                    if (e.getKey().floor() || slowestWebhook <= 0) {
                        continue;
                    }
                    double webhookRate = Math.max(1, Math.round(slowestWebhook * fraction));
                    try (HttpTarget target = HttpTarget.loopback(e.getValue().port(), OPEN_MODEL_CONNECTIONS)) {
                        var webhooks = new Webhooks("open" + e.getKey().way().replace(' ', '_'));
                        LoadResult r = LoadGenerator.open(target, () -> webhooks.nextRequest(target.host()), webhookRate,
                                budget.cap(settings.step()), budget);
                        loads.add(r.toRun(e.getKey().way(), "POST /webhooks/stripe"));
                        progress.say("%s: webhooks at %.0f/s: p50 %.2f ms, p99 %.2f ms", e.getKey().variant(), webhookRate,
                                r.correctedMs(50), r.correctedMs(99));
                    }
                }
            }
            for (var e : running.entrySet()) {
                long kib = ProcessMemory.residentKib(e.getValue().pid()).orElse(-1);
                if (kib > 0) {
                    memory.add(new Report.Memory(wayName(e.getKey()), e.getKey().variant(), kib / 1024.0));
                }
            }
        } finally {
            for (JarProcess p : running.values()) {
                p.sigterm();
                try {
                    p.awaitExit(STOP_TIMEOUT);
                } catch (IllegalStateException e) {
                    p.sigkill();
                }
            }
        }
        return new Results(starts, loads, throughputs, memory, ratios);
    }

    /** What answering a webhook means on each way: App Runner applies it in the request, Fargate enqueues it for its worker. */
    private static String webhookWork(Launch launch) {
        return launch.way().equals("Fargate") ? FARGATE_WEBHOOKS : "webhooks applied in the request";
    }

    public static final String FARGATE_WEBHOOKS = "webhooks verified and enqueued (the worker applies them)";

    private static String wayName(Launch launch) {
        return launch.floor() ? "ceiling" : launch.way();
    }

    private static Supplier<byte[]> fixed(byte[] request) {
        return () -> request;
    }

    private List<Report.StartSeries> startToFirst200(List<Launch> launches, int rounds, Budget budget) throws Exception {
        var samples = new LinkedHashMap<Launch, List<Double>>();
        for (int round = 1; round <= rounds && budget.hasTime(); round++) {
            for (Launch launch : launches) {
                if (!budget.tryTake()) {
                    break;
                }
                try (JarProcess p = launch.starter().start()) {
                    double ms = p.awaitFirst200(launch.firstPath(), START_TIMEOUT).toNanos() / 1e6;
                    samples.computeIfAbsent(launch, l -> new ArrayList<>()).add(ms);
                    p.sigterm();
                    p.awaitExit(STOP_TIMEOUT);
                }
            }
            progress.say("server starts: round %d of %d", round, rounds);
        }
        var series = new ArrayList<Report.StartSeries>();
        samples.forEach((launch, ms) -> series.add(new Report.StartSeries(launch.way(), launch.variant(), launch.floor(),
                ms, List.of(), List.of())));
        return series;
    }

    private static List<Report.Ratio> startRatios(List<Report.StartSeries> starts) {
        return StartRatios.beside(starts, s -> s.variant().contains("jwebserver"),
                s -> s.variant() + ": spawn to first 200 (median)");
    }
}
