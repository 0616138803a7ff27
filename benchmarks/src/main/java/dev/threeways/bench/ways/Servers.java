package dev.threeways.bench.ways;

import dev.threeways.server.testing.Container;
import dev.threeways.server.testing.Placement;
import dev.threeways.bench.Budget;
import dev.threeways.bench.Progress;
import dev.threeways.bench.cost.Measured;
import dev.threeways.bench.floor.BareUndertow;
import dev.threeways.bench.load.HttpTarget;
import dev.threeways.bench.load.LoadGenerator;
import dev.threeways.bench.load.LoadResult;
import dev.threeways.bench.load.Requests;
import dev.threeways.bench.load.Wrk;
import dev.threeways.bench.report.Report;
import dev.threeways.bench.stats.Distribution;
import dev.threeways.lambdalocal.ProcessMemory;
import dev.threeways.server.ServerConfig;
import dev.threeways.server.testing.JarProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The container ways as processes on this machine — the App Runner and the Fargate images, each built
 * as {@code docker build} would (its start-up archive trained) and started as deployed (its ENTRYPOINT,
 * its instance's or task's vCPU and memory, the default log level, TLS to PostgreSQL already migrated,
 * secrets as settings, Fargate with its queue worker), and for the start, each also without its archive —
 * beside references started the same way and at the same vCPU: the JDK's {@code jwebserver} serving a
 * file and a bare Undertow handler returning the same bytes as {@code /hello}, each with its own AOT
 * cache trained as the images train theirs. The bare handler is also the ceiling for throughput and, at
 * each way's vCPU and the same offered rate, the floor of its latency; the steps between it and the app
 * are the App Runner image at WARN (the app's own work, no access line) and, beside them, the same bytes
 * from a virtual thread through blocking I/O (the dispatch the app's CPU-only routes no longer take);
 * the app's ledger SQL replayed over a pool like the server's is the ceiling for
 * webhooks applied in the request, and a single-row INSERT loop the physical ceiling of a commit. Every
 * figure is taken {@link Settings#repetitions} times, interleaved, so a reader sees its spread.
 */
public final class Servers {
    public static final String HELLO = "/hello?name=bench";
    /** How long a process may take to answer its first 200 before the run fails. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    /** How long Fargate's worker may take to apply what a webhook run left on its queue before the run fails. */
    static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(5);
    /** How often the queue's counts are read while it drains: about 1 Hz would add a second to every wait. */
    static final Duration DRAIN_POLL = Duration.ofMillis(200);
    /** Connections a closed-model saturation run keeps busy: enough to fill the servers' worker pools. */
    static final int SATURATION_CLIENTS = 32;
    /** Open-model connection pool: far more than a server below saturation needs, so the pool never is the queue. */
    static final int OPEN_MODEL_CONNECTIONS = 128;
    /** The share of its own saturation at which each way's latency is taken beside the bare handler's at the same rate. */
    static final double OWN_SATURATION_SHARE = 0.75;
    /**
     * The bare handler's median p50 above which an open-model run measured the generator, not the server: it
     * answers in a fraction of a millisecond at any rate it keeps up with, so a p50 past this is requests
     * that waited to be sent.
     */
    static final double GENERATOR_BEHIND_P50_MS = 1.0;
    /** The open-model rates, as fractions of the slowest way's saturation throughput. */
    public static final List<Double> RATE_FRACTIONS = List.of(0.25, 0.5, 0.75, 0.9);

    /** What Undertow needs at run time, by jar name: the bare floor gets these and nothing else. */
    static final List<String> UNDERTOW_JARS = List.of("undertow-core", "xnio-", "jboss-logging", "jboss-threads",
            "wildfly-common", "wildfly-client-config", "smallrye-common");

    /**
     * The knobs of one run.
     *
     * @param warmUp        a warm-up's length at least
     * @param warmUpLimit   and at most: in between it goes on while the server's throughput still rises
     * @param repetitions   how often each load figure is taken, interleaved across the processes
     * @param rateFractions the open model's rates, as fractions of the slowest way's saturation throughput
     */
    public record Settings(int startRounds, Duration warmUp, Duration warmUpLimit, Duration step, int repetitions,
                           List<Double> rateFractions) {
        public Settings {
            rateFractions = List.copyOf(rateFractions);
        }
    }

    /**
     * Everything the server part found.
     *
     * @param appRunnerCpu the CPU the App Runner process got here (its quota), which its throughput is of
     * @param fargateCpu   the same for the Fargate process
     * @param fargateEnqueued Fargate's webhooks enqueued per second, one figure a repetition
     * @param notes           what the reader needs to weigh the figures: the generator, the CPU each server used
     */
    public record Results(List<Report.StartSeries> starts, List<Report.LoadRun> loads,
                          List<Report.Throughput> throughputs, List<Report.Memory> memory,
                          List<Report.Process> processes, List<Report.Ratio> ratios, double appRunnerCpu, double fargateCpu,
                          List<Double> fargateEnqueued, List<String> notes) {}

    /** A warm-up window: whole seconds, as wrk counts them, and long enough to hold a JIT's step. */
    static final Duration WARM_WINDOW = Duration.ofSeconds(2);
    /** A window that rose less than this over the one before is taken as settled (noise goes both ways). */
    static final double WARM_RISE = 0.03;

    /** The share of its CPU a saturated server uses at least, for its figure to be its own and not the generator's. */
    static final double SATURATED_SHARE = 0.9;

    /** What a process is to the comparison. */
    enum Role {
        /** What nothing of its kind can beat: a floor for a start, a ceiling for throughput. */
        REFERENCE,
        /** A measured step between a reference and a way: it explains a gap, it is no way of deploying. */
        STEP,
        /** A way as it ships. */
        WAY
    }

    private record Launch(String way, String variant, Role role, Placement.Slot slot, long memoryMib, String firstPath,
                          Starter starter) {
        boolean reference() {
            return role != Role.WAY;
        }

        /** The way's name in a table: a reference is named as such, whatever way it stands beside. */
        String shownAs() {
            return role == Role.WAY ? way : role == Role.STEP ? "step" : "ceiling";
        }
    }

    private interface Starter {
        JarProcess start() throws IOException;
    }

    private final Lab lab;
    private final Progress progress;
    private final Path www;
    private final Path caches;
    private final Container appRunnerImage;
    private final Container fargateImage;
    private final Placement.Slot appRunnerSlot;
    private final Placement.Slot fargateSlot;
    private final Optional<Wrk> wrk = Wrk.find();
    /** One class path for the bare handler's training and every start: its cache is valid with that one only. */
    private final String bareClassPath = ClassPath.only(BareUndertow.class, UNDERTOW_JARS);

    public Servers(Lab lab, Progress progress) throws IOException {
        this.lab = lab;
        this.progress = progress;
        this.www = Files.createTempDirectory("three-ways-jwebserver");
        this.caches = Files.createTempDirectory("three-ways-floor-caches");
        this.appRunnerImage = lab.image("adapter-apprunner", Measured.APP_RUNNER_MEMORY_GB);
        this.fargateImage = lab.image("adapter-fargate", Measured.FARGATE_MEMORY_GB);
        this.appRunnerSlot = lab.placement().slot("apprunner", Measured.APP_RUNNER_VCPU);
        this.fargateSlot = lab.placement().slot("fargate", Measured.FARGATE_VCPU);
        Files.write(www.resolve("hello"), BareUndertow.body());
        www.toFile().deleteOnExit();
        www.resolve("hello").toFile().deleteOnExit();
    }

    /** The reference servers' commands, from the option that names their cache (to train it or to use it). */
    private List<String> jwebserver(String cacheOption, int port) {
        return List.of(JarProcess.javaTool("jwebserver"), "-J" + cacheOption, "-b", "127.0.0.1", "-p", String.valueOf(port),
                "-d", www.toString());
    }

    private List<String> bareUndertow(String cacheOption, long memoryMib) {
        return List.of(JarProcess.javaTool("java"), cacheOption, "-XX:MaxRAM=" + memoryMib + "m", "-XX:MaxRAMPercentage=75",
                "-cp", bareClassPath, BareUndertow.class.getName());
    }

    private static String vcpu(Placement.Slot slot) {
        return String.format(Locale.ROOT, "%s vCPU", trim(slot.vcpu()));
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    /** The references, each at the vCPU of the way it stands beside, and the ways as shipped. */
    private List<Launch> launches(String queueUrl, Path jwebserverCache, Path bareCache) {
        Map<String, String> appRunner = lab.wiring(null);
        Map<String, String> fargate = lab.wiring(queueUrl);
        var all = new ArrayList<Launch>();
        for (var beside : List.of(Map.entry(appRunnerSlot, appRunnerImage.memoryMib()), Map.entry(fargateSlot, fargateImage.memoryMib()))) {
            Placement.Slot slot = beside.getKey();
            all.add(new Launch("servers", "floor: JDK jwebserver (a static file; its AOT cache), " + vcpu(slot), Role.REFERENCE, slot,
                    0, "/hello", () -> {
                        int port = JarProcess.freePort();
                        return JarProcess.launch(slot.wrap(jwebserver("-XX:AOTCache=" + jwebserverCache, port)),
                                Map.of("PORT", String.valueOf(port)), "jwebserver");
                    }));
            all.add(new Launch("servers", "bare Undertow handler (its AOT cache), " + vcpu(slot), Role.REFERENCE, slot,
                    beside.getValue(), HELLO, () -> JarProcess.launch(slot.wrap(bareUndertow("-XX:AOTCache=" + bareCache,
                            beside.getValue())), Map.of("PORT", String.valueOf(JarProcess.freePort())), "bare-undertow")));
        }
        all.add(new Launch("servers", "bare Undertow, a virtual thread a request and blocking I/O (the dispatch the app's"
                + " CPU-only routes no longer take), "
                + vcpu(appRunnerSlot), Role.STEP, appRunnerSlot, appRunnerImage.memoryMib(), HELLO,
                () -> JarProcess.launch(appRunnerSlot.wrap(bareUndertow("-XX:AOTCache=" + bareCache, appRunnerImage.memoryMib())),
                        Map.of("PORT", String.valueOf(JarProcess.freePort()), "DISPATCH", BareUndertow.VIRTUAL), "bare-undertow-virtual")));
        var quiet = new java.util.LinkedHashMap<>(appRunner);
        quiet.put("LOG_LEVEL", "WARN");
        all.add(new Launch("servers", "App Runner image at LOG_LEVEL=WARN (no access line a request; not as deployed), "
                + vcpu(appRunnerSlot), Role.STEP, appRunnerSlot, appRunnerImage.memoryMib(), HELLO,
                () -> appRunnerImage.start(appRunnerSlot, quiet, "apprunner-warn")));
        all.add(new Launch("App Runner", "App Runner image as shipped (AOT cache; " + vcpu(appRunnerSlot) + ", "
                + appRunnerImage.memoryMib() + " MiB)", Role.WAY, appRunnerSlot, appRunnerImage.memoryMib(), HELLO,
                () -> appRunnerImage.start(appRunnerSlot, appRunner, "apprunner")));
        all.add(new Launch("Fargate", "Fargate image as shipped, serve + worker (AOT cache; " + vcpu(fargateSlot) + ", "
                + fargateImage.memoryMib() + " MiB)", Role.WAY, fargateSlot, fargateImage.memoryMib(), HELLO,
                () -> fargateImage.start(fargateSlot, fargate, "fargate")));
        return all;
    }

    /** Started, not loaded: the same images without their start-up archive, to show what it saves. */
    private List<Launch> withoutArchives(String queueUrl) {
        return List.of(
                new Launch("App Runner", "App Runner image without its AOT cache", Role.WAY, appRunnerSlot,
                        appRunnerImage.memoryMib(), HELLO,
                        () -> appRunnerImage.startWithoutArchive(appRunnerSlot, lab.wiring(null), "apprunner-no-archive")),
                new Launch("Fargate", "Fargate image without its AOT cache", Role.WAY, fargateSlot, fargateImage.memoryMib(), HELLO,
                        () -> fargateImage.startWithoutArchive(fargateSlot, lab.wiring(queueUrl), "fargate-no-archive")));
    }

    public Results measure(Settings settings, Budget budget) throws Exception {
        String queueUrl = lab.newQueue("bench-servers-" + Long.toHexString(System.nanoTime()));
        progress.say("images built as docker build would: App Runner's AOT cache %d MiB, Fargate's %d MiB",
                appRunnerImage.archiveBytes() >> 20, fargateImage.archiveBytes() >> 20);
        Path jwebserverCache = AotTraining.trainServer(this::jwebserver, Map.of(), "/hello", caches.resolve("jwebserver.aot"),
                "jwebserver");
        Path bareCache = AotTraining.trainServer((option, port) -> bareUndertow(option, appRunnerImage.memoryMib()), Map.of(),
                HELLO, caches.resolve("bare-undertow.aot"), "bare-undertow");
        progress.say("references trained as the images are: jwebserver's AOT cache %d MiB, bare Undertow's %d MiB",
                Files.size(jwebserverCache) >> 20, Files.size(bareCache) >> 20);
        List<Launch> launches = launches(queueUrl, jwebserverCache, bareCache);
        var started = new ArrayList<>(launches.stream().filter(l -> l.role() != Role.STEP).toList());
        started.addAll(withoutArchives(queueUrl));
        var starts = startToFirst200(started, settings.startRounds(), budget);
        var loads = new ArrayList<Report.LoadRun>();
        var throughputs = new ArrayList<Report.Throughput>();
        var memory = new ArrayList<Report.Memory>();
        var processes = new ArrayList<Report.Process>();
        var ratios = new ArrayList<Report.Ratio>(startRatios(starts));
        List<Double> fargateEnqueued = List.of();
        var notes = new ArrayList<String>();
        var cpuAtSaturation = new LinkedHashMap<Launch, List<Double>>();
        var ownShareP99 = new LinkedHashMap<String, List<Double>>();
        var bareP50 = new LinkedHashMap<String, List<Double>>();

        // loaded: the bare handlers (ceilings at each way's vCPU), the dispatch step and the two ways
        List<Launch> loaded = launches.stream().filter(l -> !l.variant().startsWith("floor: JDK jwebserver")).toList();
        Launch bareAppRunner = loaded.get(0);
        Launch bareFargate = loaded.get(1);
        Launch step = loaded.get(2);
        Launch quietAppRunner = loaded.get(3);
        Launch appRunnerWay = loaded.get(4);
        Launch fargateWay = loaded.get(5);
        var running = new LinkedHashMap<Launch, JarProcess>();
        try {
            for (Launch launch : loaded) {
                JarProcess p = launch.starter().start();
                running.put(launch, p);
                p.awaitFirst200(launch.firstPath(), START_TIMEOUT);
            }
            // saturation first, interleaved: the open-model rates are fractions of the slowest way's median
            var hello = new LinkedHashMap<Launch, List<Double>>();
            for (int rep = 1; rep <= settings.repetitions() && budget.hasTime(); rep++) {
                for (var e : running.entrySet()) {
                    int port = e.getValue().port();
                    if (rep == 1) {
                        warmUntilSteady(e.getKey().variant() + ", GET /hello", settings, budget,
                                window -> saturateHello(port, window, budget));
                    }
                    Optional<Duration> cpuBefore = cpuUsed(e.getValue());
                    long wallBefore = System.nanoTime();
                    LoadResult r = saturateHello(port, budget.cap(settings.step()), budget);
                    Optional<Duration> cpuAfter = cpuUsed(e.getValue());
                    // the bracket holds wrk's start and its report too: CPU over the bracket's wall time, a slight understatement
                    double cpu = cpuBefore.isPresent() && cpuAfter.isPresent()
                            ? cpuAfter.get().minus(cpuBefore.get()).toNanos() / (double) (System.nanoTime() - wallBefore)
                            : Double.NaN;
                    hello.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(r.goodPerSecond());
                    cpuAtSaturation.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(cpu);
                    loads.add(r.toRun(e.getKey().shownAs(), "GET /hello"));
                    progress.say("%s: GET /hello saturates at %.0f requests/s (%d connections; %.2f CPU of its %s; repetition %d)",
                            e.getKey().variant(), r.goodPerSecond(), SATURATION_CLIENTS, cpu, vcpu(e.getKey().slot()), rep);
                }
            }
            notes.add("GET /hello at saturation was sent by " + saturationGenerator() + ", " + SATURATION_CLIENTS
                    + " connections; webhooks and the open model by the harness's own generator (a virtual thread a request).");
            cpuAtSaturation.forEach((launch, cpu) -> notes.add(cpuNote(launch.variant(), launch.slot().cpuGiven(), cpu)));
            hello.forEach((launch, values) -> throughputs.add(new Report.Throughput(launch.shownAs(),
                    "GET /hello: " + launch.variant(), median(values), "requests/s", launch.reference())));
            ratios.add(ratio(appRunnerWay.way() + " GET /hello throughput at saturation", "requests/s", hello, appRunnerWay,
                    bareAppRunner));
            ratios.add(ratio(fargateWay.way() + " GET /hello throughput at saturation", "requests/s", hello, fargateWay,
                    bareFargate));
            ratios.add(ratio("step: a virtual thread a request and blocking I/O, bare otherwise", "requests/s", hello, step,
                    bareAppRunner));
            ratios.add(ratio("step: the App Runner image at LOG_LEVEL=WARN (the app's own work on the I/O thread), beside"
                    + " the bare handler", "requests/s", hello, quietAppRunner, bareAppRunner));
            ratios.add(ratio(appRunnerWay.way() + " GET /hello as shipped (INFO: an access line a request), beside it at WARN",
                    "requests/s", hello, appRunnerWay, quietAppRunner));

            var webhooks = new LinkedHashMap<String, List<Double>>();
            int poolSize = ServerConfig.fromEnv(Map.of()).poolSize(); // the servers' pool, as shipped
            for (int rep = 1; rep <= settings.repetitions() && budget.hasTime(); rep++) {
                for (Launch way : List.of(appRunnerWay, fargateWay)) {
                    try (HttpTarget target = HttpTarget.loopback(running.get(way).port(), SATURATION_CLIENTS)) {
                        if (rep == 1) {
                            // as for /hello: the webhook path's classes and JIT warm before it is measured
                            var warming = new Webhooks("warm" + way.way().replace(' ', '_'));
                            warmUntilSteady(way.variant() + ", webhooks", settings, budget,
                                    window -> LoadGenerator.closed(target, () -> warming.nextRequest(target.host()),
                                            SATURATION_CLIENTS, window, budget));
                        }
                        if (way == fargateWay) {
                            awaitDrained(queueUrl, running.get(way));
                        }
                        var sender = new Webhooks("sat" + rep + way.way().replace(' ', '_'));
                        LoadResult r = LoadGenerator.closed(target, () -> sender.nextRequest(target.host()),
                                SATURATION_CLIENTS, budget.cap(settings.step()), budget);
                        if (way == fargateWay) {
                            awaitDrained(queueUrl, running.get(way));
                        }
                        webhooks.computeIfAbsent(way.way(), k -> new ArrayList<>()).add(r.goodPerSecond());
                        loads.add(r.toRun(way.way(), "POST /webhooks/stripe"));
                        progress.say("%s: webhooks saturate at %.0f/s (repetition %d)", way.variant(), r.goodPerSecond(), rep);
                    }
                }
                // the ceilings' clients run in App Runner's slot: the CPU the app gets, with the app taken out
                if (rep == 1) {
                    LedgerReplay.perSecond(lab.wiring(null), poolSize, budget.cap(settings.warmUp()), budget,
                            appRunnerSlot.threads("ledger-replay"));
                    InsertLoop.perSecond(lab.wiring(null), budget.cap(settings.warmUp()), budget, appRunnerSlot.threads("insert-loop"));
                }
                double replayed = LedgerReplay.perSecond(lab.wiring(null), poolSize, budget.cap(settings.step()), budget,
                        appRunnerSlot.threads("ledger-replay"));
                webhooks.computeIfAbsent(LEDGER_SQL, k -> new ArrayList<>()).add(replayed);
                double inserts = InsertLoop.perSecond(lab.wiring(null), budget.cap(settings.step()), budget,
                        appRunnerSlot.threads("insert-loop"));
                webhooks.computeIfAbsent(INSERT, k -> new ArrayList<>()).add(inserts);
                progress.say("ceilings: the ledger's SQL replayed at %.0f webhooks/s, single-row INSERT at %.0f rows/s (repetition %d)",
                        replayed, inserts, rep);
            }
            if (webhooks.containsKey(LEDGER_SQL)) {
                throughputs.add(new Report.Throughput(appRunnerWay.way(), APP_RUNNER_WEBHOOKS,
                        median(webhooks.get(appRunnerWay.way())), "webhooks/s", false));
                throughputs.add(new Report.Throughput(fargateWay.way(), FARGATE_WEBHOOKS, median(webhooks.get(fargateWay.way())),
                        "webhooks/s", false));
                throughputs.add(new Report.Throughput("ceiling", LEDGER_SQL + " (" + poolSize + " clients)",
                        median(webhooks.get(LEDGER_SQL)), "webhooks/s", true));
                throughputs.add(new Report.Throughput("ceiling", INSERT + " (" + poolSize + " clients)",
                        median(webhooks.get(INSERT)), "rows/s", true));
                ratios.add(Report.Ratio.of("App Runner webhooks applied in the request, at saturation", "webhooks/s",
                        LEDGER_SQL + ", same run", "ceiling", webhooks.get(appRunnerWay.way()), webhooks.get(LEDGER_SQL)));
                ratios.add(Report.Ratio.of("the ledger's SQL replayed (no app), at saturation", "webhooks/s",
                        INSERT + ", same run", "ceiling", webhooks.get(LEDGER_SQL), webhooks.get(INSERT)));
            }
            fargateEnqueued = webhooks.getOrDefault(fargateWay.way(), List.of());

            double slowestHello = hello.entrySet().stream().filter(e -> e.getKey().role() == Role.WAY)
                    .mapToDouble(e -> median(e.getValue())).min().orElse(0);
            double slowestWebhook = List.of(appRunnerWay.way(), fargateWay.way()).stream()
                    .filter(webhooks::containsKey).mapToDouble(w -> median(webhooks.get(w))).min().orElse(0);
            List<Launch> openModel = List.of(bareAppRunner, appRunnerWay, fargateWay);
            for (double fraction : settings.rateFractions()) {
                for (int rep = 1; rep <= settings.repetitions(); rep++) {
                    for (Launch launch : openModel) {
                        if (!budget.hasTime()) {
                            break;
                        }
                        JarProcess p = running.get(launch);
                        double rate = Math.max(1, Math.round(slowestHello * fraction));
                        try (HttpTarget target = HttpTarget.loopback(p.port(), OPEN_MODEL_CONNECTIONS)) {
                            LoadResult r = LoadGenerator.open(target, fixed(Requests.get(target.host(), HELLO)), rate,
                                    budget.cap(settings.step()), budget);
                            loads.add(r.toRun(launch.shownAs(), "GET /hello"));
                            progress.say("%s: GET /hello at %.0f/s: p50 %.2f ms, p99 %.2f ms", launch.variant(), rate,
                                    r.correctedMs(50), r.correctedMs(99));
                        }
                        if (launch.reference() || slowestWebhook <= 0) {
                            continue;
                        }
                        double webhookRate = Math.max(1, Math.round(slowestWebhook * fraction));
                        try (HttpTarget target = HttpTarget.loopback(p.port(), OPEN_MODEL_CONNECTIONS)) {
                            var sender = new Webhooks("open" + rep + launch.way().replace(' ', '_') + Math.round(fraction * 100));
                            LoadResult r = LoadGenerator.open(target, () -> sender.nextRequest(target.host()), webhookRate,
                                    budget.cap(settings.step()), budget);
                            loads.add(r.toRun(launch.way(), "POST /webhooks/stripe"));
                            progress.say("%s: webhooks at %.0f/s: p50 %.2f ms, p99 %.2f ms", launch.variant(), webhookRate,
                                    r.correctedMs(50), r.correctedMs(99));
                        }
                        if (launch == fargateWay) {
                            awaitDrained(queueUrl, p);
                        }
                    }
                }
            }
            // each way at a share of its own saturation, beside the bare handler at its vCPU and the same rate:
            // the latency the server adds where the way itself is busy, not where the slowest way is
            for (int rep = 1; rep <= settings.repetitions() && budget.hasTime(); rep++) {
                for (var pair : List.of(Map.entry(appRunnerWay, bareAppRunner), Map.entry(fargateWay, bareFargate))) {
                    if (!hello.containsKey(pair.getKey())) {
                        continue;
                    }
                    double rate = Math.max(1, Math.round(median(hello.get(pair.getKey())) * OWN_SATURATION_SHARE));
                    for (Launch launch : List.of(pair.getKey(), pair.getValue())) {
                        LoadResult r = helloAtRate(running.get(launch).port(), rate, budget.cap(settings.step()), budget);
                        loads.add(r.toRun(launch.shownAs(), "GET /hello"));
                        ownShareP99.computeIfAbsent(pair.getKey().way() + "|" + launch.variant(), k -> new ArrayList<>())
                                .add(r.correctedMs(99));
                        if (launch == pair.getValue()) {
                            bareP50.computeIfAbsent(pair.getKey().way(), k -> new ArrayList<>()).add(r.correctedMs(50));
                        }
                        progress.say("%s: GET /hello at %.0f/s (%.0f %% of %s's saturation; sent %.0f/s): p50 %.2f ms,"
                                + " p99 %.2f ms", launch.variant(), rate, OWN_SATURATION_SHARE * 100, pair.getKey().way(),
                                r.achievedPerSecond(), r.correctedMs(50), r.correctedMs(99));
                    }
                }
            }
            for (var pair : List.of(Map.entry(appRunnerWay, bareAppRunner), Map.entry(fargateWay, bareFargate))) {
                List<Double> way = ownShareP99.get(pair.getKey().way() + "|" + pair.getKey().variant());
                List<Double> bare = ownShareP99.get(pair.getKey().way() + "|" + pair.getValue().variant());
                double bareMedianP50 = median(bareP50.getOrDefault(pair.getKey().way(), List.of()));
                if (bareMedianP50 > GENERATOR_BEHIND_P50_MS) {
                    notes.add(String.format(Locale.ROOT, "%s GET /hello at %.0f %% of its saturation: not measured — the"
                            + " generator could not send that rate on time (the bare handler's own p50"
                            + " at it was %.0f ms, where a handler that keeps up answers in well under a millisecond), so"
                            + " the latencies are the generator's queue, not the server's.", pair.getKey().way(),
                            OWN_SATURATION_SHARE * 100, bareMedianP50));
                } else if (way != null && bare != null && way.size() == bare.size()) {
                    ratios.add(Report.Ratio.of(pair.getKey().way() + " GET /hello p99 at " + Math.round(OWN_SATURATION_SHARE * 100)
                            + " % of its saturation", "ms", pair.getValue().variant() + " at the same rate, same run", "floor",
                            way, bare));
                }
            }
            for (var e : running.entrySet()) {
                Launch launch = e.getKey();
                long kib = ProcessMemory.residentKib(e.getValue().pid()).orElse(-1);
                if (kib > 0) {
                    memory.add(new Report.Memory(launch.shownAs(), launch.variant(), kib / 1024.0,
                            launch.role() == Role.WAY ? launch.memoryMib() : 0));
                }
                JvmFacts facts = JvmFacts.read(e.getValue().pid());
                processes.add(new Report.Process(launch.shownAs(), launch.variant(), launch.slot().describe(),
                        facts.activeProcessors(), facts.gc(), facts.options(), launch.memoryMib()));
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
        ratios.removeIf(java.util.Objects::isNull);
        return new Results(starts, loads, throughputs, memory, processes, ratios, appRunnerSlot.cpuGiven(), fargateSlot.cpuGiven(),
                fargateEnqueued, notes);
    }

    /** One closed-model run of the given length. */
    private interface Window {
        LoadResult run(Duration length) throws Exception;
    }

    /**
     * Saturates a server for the settings' warm-up, then window by window until a window's throughput rises no
     * more than {@link #WARM_RISE} over the one before, or the warm-up's limit. At a fraction of a CPU the JIT takes
     * tens of seconds to settle, so a fixed 5-s warm-up left the first repetition of a run still climbing (App
     * Runner 5.8k, 10.1k, 11.8k requests/s in its three), and the spread measured the warm-up.
     */
    private void warmUntilSteady(String what, Settings settings, Budget budget, Window window) throws Exception {
        Duration least = settings.warmUp();
        long most = settings.warmUpLimit().minus(least).toMillis() / WARM_WINDOW.toMillis();
        window.run(budget.cap(least));
        double last = -1;
        int windows = 0;
        var seen = new ArrayList<String>();
        boolean settled = false;
        while (windows < most && budget.hasRequests()) {
            double now = window.run(budget.cap(WARM_WINDOW)).goodPerSecond();
            windows++;
            seen.add(String.format(Locale.ROOT, "%.0f", now));
            if (last > 0 && now <= last * (1 + WARM_RISE)) {
                settled = true;
                break;
            }
            last = now;
        }
        if (most > 0) {
            progress.say("%s: warm after %.1f s + %d windows of %d s (%s/s)%s", what, least.toMillis() / 1000.0, windows,
                WARM_WINDOW.toSeconds(), String.join(", ", seen), settled ? "" : "; not settled (still rising, or the budget ended)");
        }
    }

    /**
     * GET /hello at {@code rate} a second: paced by wrk where it is installed (a 1-vCPU server's 75 % is more than
     * the harness's own generator sends on time from one CPU), else the harness's open model.
     */
    private LoadResult helloAtRate(int port, double rate, Duration duration, Budget budget) throws Exception {
        if (wrk.isPresent()) {
            return wrk.get().paced(lab.placement().onGenerator(), port, HELLO, rate, duration, budget);
        }
        try (HttpTarget target = HttpTarget.loopback(port, OPEN_MODEL_CONNECTIONS)) {
            return LoadGenerator.open(target, fixed(Requests.get(target.host(), HELLO)), rate, duration, budget);
        }
    }

    /** One closed-model run of GET /hello: with wrk where it is installed, else with the harness's generator. */
    private LoadResult saturateHello(int port, Duration duration, Budget budget) throws Exception {
        if (wrk.isPresent()) {
            return wrk.get().closed(lab.placement().onGenerator(), port, HELLO, SATURATION_CLIENTS, duration, budget);
        }
        try (HttpTarget target = HttpTarget.loopback(port, SATURATION_CLIENTS)) {
            return LoadGenerator.closed(target, fixed(Requests.get(target.host(), HELLO)), SATURATION_CLIENTS, duration, budget);
        }
    }

    private String saturationGenerator() {
        return wrk.map(w -> w.version() + " (one thread, on the generator's CPUs; its latencies, in both the corrected and"
                        + " the service-time columns, are wrk's record with its own coordinated-omission samples)")
                .orElse("the harness's own generator (wrk is not installed: a ceiling near 30k requests/s may be the"
                        + " generator's, not the server's)");
    }

    /** The CPU time a process has used so far, as the kernel counts it; empty where it cannot be read. */
    private static Optional<Duration> cpuUsed(JarProcess process) {
        return ProcessHandle.of(process.pid()).flatMap(p -> p.info().totalCpuDuration());
    }

    /**
     * Whether a saturation figure is the process's: a server that did not use the CPU it was given was held back
     * by something else (the load generator, a lock), and its figure is a floor on what it can do, not its limit.
     */
    static String cpuNote(String variant, double given, List<Double> cpuPerSecond) {
        if (cpuPerSecond.isEmpty() || cpuPerSecond.stream().anyMatch(c -> c.isNaN())) {
            return String.format(Locale.ROOT, "CPU used while saturated with GET /hello, %s: not readable here (no CPU time"
                    + " for the process), so whether its figure is its own is not known.", variant);
        }
        double least = cpuPerSecond.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        String used = cpuPerSecond.stream().map(c -> String.format(Locale.ROOT, "%.2f", c)).toList().toString();
        String verdict = least >= SATURATED_SHARE * given
                ? "it used the CPU it was given, so its figure is its own"
                : "below " + Math.round(SATURATED_SHARE * 100) + " % of the " + trim(given)
                        + " CPU it was given: something other than its CPU (the load generator, a lock) held it back";
        return String.format(Locale.ROOT, "CPU used while saturated with GET /hello, %s: %s CPU-seconds a second — %s.",
                variant, used.substring(1, used.length() - 1), verdict);
    }

    /**
     * Waits until Fargate's worker has applied every webhook a run left on its queue. Until then the worker
     * works on the measured CPU and on PostgreSQL, so whatever is measured next (a ceiling, another way)
     * would share both with it: a run that did not wait measured the ledger's replay below the app it is
     * the ceiling of.
     */
    private void awaitDrained(String queueUrl, JarProcess fargate) throws InterruptedException {
        long started = System.nanoTime();
        long left = lab.messagesLeft(queueUrl);
        long backlog = left;
        while (left > 0) {
            if (!ProcessHandle.of(fargate.pid()).map(ProcessHandle::isAlive).orElse(false)) {
                throw new IllegalStateException("the Fargate process ended with " + left + " webhooks on its queue:\n"
                        + fargate.log());
            }
            if (System.nanoTime() - started > DRAIN_TIMEOUT.toNanos()) {
                throw new IllegalStateException("Fargate's worker left " + left + " of " + backlog + " webhooks on its queue after "
                        + DRAIN_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(DRAIN_POLL.toMillis());
            left = lab.messagesLeft(queueUrl);
        }
        if (backlog > 0) {
            progress.say("Fargate's worker applied the %d webhooks left on its queue in %.1f s before the next figure", backlog,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    static final String LEDGER_SQL = "the ledger's SQL for a new event replayed over JDBC, a pool like the server's, "
            + "in App Runner's CPU quota";
    static final String INSERT = "single-row INSERT, autocommit (the physical floor of a commit), in App Runner's CPU quota";

    /** What answering a webhook means on App Runner: the ledger applies it before the answer. */
    public static final String APP_RUNNER_WEBHOOKS = "webhooks applied in the request";
    /** What answering a webhook means on Fargate: verified and enqueued; its worker applies them. */
    public static final String FARGATE_WEBHOOKS = "webhooks verified and enqueued (the worker applies them)";

    private static Report.Ratio ratio(String figure, String unit, Map<Launch, List<Double>> values, Launch of, Launch beside) {
        if (!values.containsKey(of) || !values.containsKey(beside)) {
            return null;
        }
        return Report.Ratio.of(figure, unit, beside.variant() + ", same run", "ceiling", values.get(of), values.get(beside));
    }

    static double median(List<Double> values) {
        return values.isEmpty() ? 0 : Distribution.of(values).median();
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
        samples.forEach((launch, ms) -> series.add(new Report.StartSeries(launch.way(), launch.variant(), launch.reference(),
                ms, List.of(), List.of())));
        return series;
    }

    /** Each way's starts beside jwebserver's at the same vCPU, round by round (the rounds interleave them). */
    private List<Report.Ratio> startRatios(List<Report.StartSeries> starts) {
        var out = new ArrayList<Report.Ratio>();
        for (Placement.Slot slot : List.of(appRunnerSlot, fargateSlot)) {
            String at = vcpu(slot);
            String way = slot == appRunnerSlot ? "App Runner" : "Fargate";
            var mine = starts.stream().filter(s -> s.way().equals(way) || s.variant().endsWith(", " + at)).toList();
            out.addAll(StartRatios.beside(mine, s -> s.variant().startsWith("floor: JDK jwebserver"),
                    s -> s.variant() + ": spawn to first 200 (median)"));
        }
        return out;
    }
}
