package dev.threeways.bench.ways;

import dev.threeways.server.testing.Placement;
import dev.threeways.bench.Budget;
import dev.threeways.bench.Progress;
import dev.threeways.bench.cost.Measured;
import dev.threeways.bench.report.Report;
import dev.threeways.core.testing.LocalSecretsManager;
import dev.threeways.lambda.HttpApiEvents;
import dev.threeways.lambda.LambdaFunctions;
import dev.threeways.lambdalocal.InvokeResult;
import dev.threeways.lambdalocal.LambdaLocal;
import dev.threeways.server.testing.ImageRoot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Lambda cold starts under lambda-local: the real runtime interface client in a fresh JVM per start,
 * from the invoke that starts it to the first response, split into the runtime's init phase and the
 * first invoke. Every runtime JVM runs in the CPU quota of the function's memory (1,024 MB is about 0.58
 * vCPU) on the measured CPU. Variants alternate within each round, so a slow moment of the machine falls
 * on all of them. Floors in the same run, on the same start-up technology as what they floor: a constant
 * stream handler (no event classes at all: the runtime client and the JVM alone) on the managed runtime
 * for the .zip, and the same handler in the container image with an AOT cache of its own, trained as the
 * image's is, for the image; and a constant {@code RequestHandler} of the HTTP API event classes.
 */
public final class ColdStarts {
    /** One way of starting a function: its handler, its environment, the event it gets first, how it is packaged. */
    record Plan(String variant, boolean floor, String handler, Wiring wiring, Supplier<String> event,
                String expect, Packaging packaging) {
        Plan(String variant, boolean floor, String handler, Wiring wiring, Supplier<String> event, String expect) {
            this(variant, floor, handler, wiring, event, expect, Packaging.ZIP);
        }
    }

    /** How the function reaches Lambda. */
    enum Packaging {
        /** The .zip on the managed java25 runtime (its JVM options), what the stack deploys. */
        ZIP,
        /** The container image as its Dockerfile builds it: its own JDK, options and start-up archive. */
        IMAGE,
        /** The same image started without its archive. */
        IMAGE_WITHOUT_CACHE
    }

    /** What the function's environment holds. */
    enum Wiring {
        /** Nothing but the log level: the floors, which read no configuration. */
        BARE,
        /** As deployed, with the secrets given as settings (the default here). */
        DEPLOYED,
        /**
         * As deployed, the environment told its init runs ahead of requests (provisioned concurrency), so
         * it builds the SQS client in init as SnapStart's would: what an on-demand init leaves to the first send.
         */
        DEPLOYED_INIT_AHEAD,
        /** As deployed, with the database and Stripe secrets read from Secrets Manager at init (a local stand-in). */
        SECRETS_MANAGER
    }

    private final Lab lab;
    private final Progress progress;
    private final List<String> jvmOptions;
    /** An invoke's share, and a full vCPU during an on-demand init; and the share alone, for a provisioned init. */
    private final Placement.Slot onDemand;
    private final Placement.Slot provisioned;
    private final Path onDemandJava;
    private final Path provisionedJava;
    private final Map<Packaging, Report.Process> processes = new EnumMap<>(Packaging.class);

    public ColdStarts(Lab lab, Progress progress, List<String> jvmOptions) {
        this.lab = lab;
        this.progress = progress;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.provisioned = lab.placement().slot("lambda", Measured.LAMBDA_VCPU);
        this.onDemand = provisioned.withInitBurst(Measured.LAMBDA_ON_DEMAND_INIT_VCPU);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        this.onDemandJava = onDemand.launcher(java);
        this.provisionedJava = provisioned.launcher(java);
    }

    static List<Plan> plans() {
        var webhooks = new Webhooks("cold");
        Supplier<String> hello = () -> HttpApiEvents.get("/hello", "name=cold");
        Supplier<String> webhook = () -> {
            String body = webhooks.next().body();
            return HttpApiEvents.post(Webhooks.PATH, Webhooks.headers(body), body);
        };
        return List.of(
                new Plan(ZIP_FLOOR, true, CONSTANT_STREAM_HANDLER, Wiring.BARE, hello, "hello"),
                new Plan(IMAGE_FLOOR, true, CONSTANT_STREAM_HANDLER, Wiring.BARE, hello, "hello", Packaging.IMAGE),
                new Plan("floor: constant RequestHandler (event classes)", true,
                        "dev.threeways.lambda.ConstantHttpHandler::handleRequest", Wiring.BARE, hello, "hello"),
                new Plan(PRICED_VARIANT, false, DEPLOYED_HANDLER, Wiring.DEPLOYED, hello, "hello"),
                new Plan(PRICED_WEBHOOK_VARIANT, false, DEPLOYED_HANDLER, Wiring.DEPLOYED,
                        webhook, "queued"),
                new Plan("deployed handler (.zip), SQS client built in a provisioned-concurrency init (no init CPU burst), GET /hello",
                        false, DEPLOYED_HANDLER, Wiring.DEPLOYED_INIT_AHEAD, hello, "hello"),
                new Plan("deployed handler (.zip, full init), secrets read from Secrets Manager at init, GET /hello", false,
                        DEPLOYED_HANDLER, Wiring.SECRETS_MANAGER, hello, "hello"),
                new Plan("HttpApiHandler (event classes), GET /hello", false,
                        "dev.threeways.lambda.HttpApiHandler::handleRequest", Wiring.DEPLOYED, hello, "hello"),
                new Plan("servlet container handler, GET /hello", false,
                        "dev.threeways.lambda.servlet.ServletStreamHandler::handleRequest", Wiring.DEPLOYED, hello, "hello"),
                new Plan(IMAGE_VARIANT + ", GET /hello", false, DEPLOYED_HANDLER, Wiring.DEPLOYED, hello, "hello",
                        Packaging.IMAGE),
                new Plan(IMAGE_VARIANT + ", signed webhook sent to the queue", false, DEPLOYED_HANDLER, Wiring.DEPLOYED,
                        webhook, "queued", Packaging.IMAGE),
                new Plan("the same image without its AOT cache, GET /hello", false, DEPLOYED_HANDLER, Wiring.DEPLOYED, hello,
                        "hello", Packaging.IMAGE_WITHOUT_CACHE),
                new Plan(IMAGE_VARIANT + ", SQS client built in init, GET /hello", false, DEPLOYED_HANDLER,
                        Wiring.DEPLOYED_INIT_AHEAD, hello, "hello", Packaging.IMAGE));
    }

    /**
     * @param starts the cold-start series, floors first
     * @param warmMs per variant measured warm: the durations of the invokes after the first, as the REPORT line gives them
     */
    public record Results(List<Report.StartSeries> starts, Map<String, List<Double>> warmMs, List<Report.Process> processes) {}

    /** The variant whose warm invokes the cost step prices: the deployed handler on its cheapest path. */
    public static final String PRICED_VARIANT = dev.threeways.bench.report.Verdicts.LAMBDA_DEPLOYED;
    /** The variant whose warm invokes price the webhook path's HTTP function (it verifies and enqueues). */
    public static final String PRICED_WEBHOOK_VARIANT = "deployed handler (.zip, full init), signed webhook sent to the queue";
    static final String IMAGE_VARIANT = "container image as shipped (its JDK's AOT cache)";
    static final String DEPLOYED_HANDLER = "dev.threeways.lambda.HttpApiStreamHandler::handleRequest";
    static final String CONSTANT_STREAM_HANDLER = "dev.threeways.lambda.ConstantStreamHandler::handleRequest";
    static final String ZIP_FLOOR = "floor: constant stream handler (.zip on the managed runtime)";
    static final String IMAGE_FLOOR = "floor: constant stream handler in the image (its own AOT cache)";
    /** Invokes a floor's training run serves before it is ended and writes its cache. */
    static final int FLOOR_TRAINING_INVOKES = 200;

    public Results measure(int rounds, int warmInvokes, Budget budget) throws IOException, InterruptedException {
        List<Plan> plans = plans();
        var total = new LinkedHashMap<Plan, List<Double>>();
        var init = new LinkedHashMap<Plan, List<Double>>();
        var first = new LinkedHashMap<Plan, List<Double>>();
        var warmMs = new LinkedHashMap<String, List<Double>>();
        String queueUrl = lab.newQueue("bench-cold-" + Long.toHexString(System.nanoTime()));
        Map<String, String> deployed = lab.lambdaWiring(queueUrl);
        Map<String, String> bare = Map.of("LOG_LEVEL", "WARN");
        try (LocalSecretsManager secrets = LocalSecretsManager.start()) {
            secrets.put("db", "{\"username\":\"" + lab.database().user() + "\",\"password\":\""
                    + lab.database().password() + "\"}").put("stripe", Lab.WEBHOOK_SECRET);
            var fromSecretsManager = new LinkedHashMap<>(deployed);
            fromSecretsManager.remove("DATABASE_USER");
            fromSecretsManager.remove("DATABASE_PASSWORD");
            fromSecretsManager.remove("STRIPE_WEBHOOK_SECRETS");
            fromSecretsManager.put("DATABASE_SECRET_ID", "db");
            fromSecretsManager.put("STRIPE_WEBHOOK_SECRETS_ID", "stripe");
            fromSecretsManager.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
            var environments = Map.of(Wiring.BARE, bare, Wiring.DEPLOYED, deployed, Wiring.DEPLOYED_INIT_AHEAD, deployed,
                    Wiring.SECRETS_MANAGER, Map.copyOf(fromSecretsManager));
            ImageRoot image = ImageRoot.build(lab.repo().resolve("adapter-lambda"));
            progress.say("Lambda: container image built as docker build would, its AOT cache %d MiB",
                    Files.size(image.aotCache().orElseThrow()) >> 20);
            Path floorCache = trainImageFloor(image, bare);
            progress.say("Lambda: the image's floor trained as the image is, its AOT cache %d MiB", Files.size(floorCache) >> 20);
            run(plans, rounds, warmInvokes, budget, environments, image, floorCache, total, init, first, warmMs);
        }
        var series = new ArrayList<Report.StartSeries>();
        for (Plan plan : plans) {
            if (total.containsKey(plan)) {
                series.add(new Report.StartSeries("Lambda", plan.variant(), plan.floor(),
                        total.get(plan), init.get(plan), first.get(plan)));
            }
        }
        return new Results(series, warmMs, List.copyOf(processes.values()));
    }

    /**
     * The image floor's cache: the constant handler run in the image as its function would be, with the
     * option that writes a cache, invoked, then ended by SIGTERM (the JVM writes the cache as it exits), as
     * the image's own training run ends by returning.
     */
    private Path trainImageFloor(ImageRoot image, Map<String, String> env) throws IOException, InterruptedException {
        Path cache = Files.createTempFile("three-ways-lambda-floor", ".aot");
        Files.delete(cache);
        // trained unplaced, as docker build trains the image's own cache
        var builder = imageFloor(image, env).javaExecutable(Path.of(System.getProperty("java.home"), "bin", "java"))
                .afterInit(pid -> { });
        builder.jvmOptions(builder.toConfig().jvmOptions().stream().map(o -> o.startsWith(ImageRoot.AOT_CACHE)
                ? "-XX:AOTCacheOutput=" + cache : o).toList());
        try (LambdaLocal function = builder.build()) {
            for (int i = 0; i < FLOOR_TRAINING_INVOKES; i++) {
                InvokeResult r = function.invoke(HttpApiEvents.get("/hello", "name=training"));
                if (!r.isSuccess()) {
                    throw new IllegalStateException("the image floor's training invoke failed: " + r.errorJson() + "\n" + r.logs());
                }
            }
            for (var environment : function.environments()) {
                var process = ProcessHandle.of(environment.pid());
                if (process.isPresent()) {
                    process.get().destroy();
                    process.get().onExit().get(120, TimeUnit.SECONDS);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the image floor's training run did not end", e);
        }
        if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
            throw new IllegalStateException("the image floor's training run wrote no AOT cache at " + cache);
        }
        cache.toFile().deleteOnExit();
        return cache;
    }

    /** The constant handler in the image: its JDK, options and class path, with the adapter's test classes for the handler. */
    private LambdaLocal.Builder imageFloor(ImageRoot image, Map<String, String> env) {
        var builder = LambdaFunctions.image(image, CONSTANT_STREAM_HANDLER, env);
        var classpath = new ArrayList<>(builder.toConfig().classpath());
        classpath.add(LambdaFunctions.withTestClasses().getLast());
        return builder.classpath(classpath).javaExecutable(onDemandJava).afterInit(onDemand::afterInit);
    }

    private void run(List<Plan> plans, int rounds, int warmInvokes, Budget budget, Map<Wiring, Map<String, String>> environments,
                     ImageRoot image, Path floorCache, Map<Plan, List<Double>> total, Map<Plan, List<Double>> init, Map<Plan, List<Double>> first,
                     Map<String, List<Double>> warmMs) {
        for (int round = 1; round <= rounds && budget.hasTime(); round++) {
            for (Plan plan : plans) {
                if (!budget.tryTake()) {
                    break;
                }
                Map<String, String> env = environments.get(plan.wiring());
                var builder = switch (plan.packaging()) {
                    case ZIP -> LambdaFunctions.function(plan.handler(), LambdaFunctions.withTestClasses(), env)
                            .jvmOptions(jvmOptions);
                    case IMAGE -> plan.floor() ? withCache(imageFloor(image, env), floorCache) : LambdaFunctions.image(image, env);
                    case IMAGE_WITHOUT_CACHE -> withoutCache(LambdaFunctions.image(image, env));
                };
                if (plan.wiring() == Wiring.DEPLOYED_INIT_AHEAD) {
                    builder.javaExecutable(provisionedJava).afterInit(pid -> { });
                } else {
                    builder.javaExecutable(onDemandJava).afterInit(onDemand::afterInit);
                }
                builder.memoryMb(Measured.LAMBDA_MEMORY_MB);
                builder.initializationType(plan.wiring() == Wiring.DEPLOYED_INIT_AHEAD ? "provisioned-concurrency" : "on-demand");
                try (LambdaLocal function = builder.build()) {
                    String event = plan.event().get();
                    long start = System.nanoTime();
                    InvokeResult result = function.invoke(event);
                    double ms = (System.nanoTime() - start) / 1e6;
                    if (!result.isSuccess() || !result.payloadUtf8().contains(plan.expect())) {
                        throw new IllegalStateException(plan.variant() + " did not answer as expected: " + result.status()
                                + " " + result.errorJson() + " " + result.payloadUtf8() + "\n" + result.logs());
                    }
                    total.computeIfAbsent(plan, p -> new ArrayList<>()).add(ms);
                    init.computeIfAbsent(plan, p -> new ArrayList<>())
                            .add(result.report().initDuration().orElseThrow().toNanos() / 1e6);
                    first.computeIfAbsent(plan, p -> new ArrayList<>()).add(result.report().duration().toNanos() / 1e6);
                    if (!plan.floor() && plan.wiring() == Wiring.DEPLOYED && !processes.containsKey(plan.packaging())) {
                        processes.put(plan.packaging(), process(plan, function));
                    }
                    for (int i = 0; i < warmInvokes && !plan.floor() && budget.tryTake(); i++) {
                        InvokeResult warm = function.invoke(plan.event().get());
                        if (!warm.isSuccess() || !warm.payloadUtf8().contains(plan.expect())) {
                            throw new IllegalStateException(plan.variant() + " warm invoke failed: " + warm.status()
                                    + " " + warm.errorJson() + " " + warm.payloadUtf8());
                        }
                        warmMs.computeIfAbsent(plan.variant(), v -> new ArrayList<>())
                                .add(warm.report().duration().toNanos() / 1e6);
                    }
                }
            }
            progress.say("Lambda cold starts: round %d of %d", round, rounds);
        }
    }

    /** What the runtime JVM of a deployed variant chose, read from it once per packaging. */
    private Report.Process process(Plan plan, LambdaLocal function) {
        long pid = function.environments().getFirst().pid();
        JvmFacts facts = JvmFacts.read(pid);
        String what = switch (plan.packaging()) {
            case ZIP -> "runtime JVM of the .zip on the managed runtime's options";
            case IMAGE -> "runtime JVM of the container image (its ENTRYPOINT's options)";
            case IMAGE_WITHOUT_CACHE -> "runtime JVM of the image without its cache";
        };
        return new Report.Process("Lambda", what, onDemand.describe(), facts.activeProcessors(), facts.gc(), facts.options(),
                Measured.LAMBDA_MEMORY_MB);
    }

    private static LambdaLocal.Builder withCache(LambdaLocal.Builder image, Path cache) {
        return image.jvmOptions(AotTraining.using(image.toConfig().jvmOptions(), cache));
    }

    private static LambdaLocal.Builder withoutCache(LambdaLocal.Builder image) {
        return image.jvmOptions(image.toConfig().jvmOptions().stream().filter(o -> !o.startsWith(ImageRoot.AOT_CACHE)).toList());
    }

    /**
     * Each Lambda variant beside the stream-handler floor on its own start-up technology (the true floor:
     * no event classes): the .zip's beside the floor on the managed runtime, the image's beside the floor
     * in the image with its own cache.
     */
    public static List<Report.Ratio> ratios(List<Report.StartSeries> series) {
        var zip = series.stream().filter(s -> !s.variant().contains("image")).toList();
        var image = series.stream().filter(s -> s.variant().contains("image")).toList();
        var out = new ArrayList<>(StartRatios.beside(zip, s -> s.variant().equals(ZIP_FLOOR),
                s -> "Lambda cold start, " + s.variant() + " (median)"));
        out.addAll(StartRatios.beside(image, s -> s.variant().equals(IMAGE_FLOOR),
                s -> "Lambda cold start, " + s.variant() + " (median)"));
        return out;
    }
}
