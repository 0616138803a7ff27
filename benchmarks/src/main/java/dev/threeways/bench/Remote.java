package dev.threeways.bench;

import dev.threeways.advisor.cli.Cli;
import dev.threeways.bench.load.HttpTarget;
import dev.threeways.bench.load.LoadGenerator;
import dev.threeways.bench.load.LoadResult;
import dev.threeways.bench.load.Requests;
import dev.threeways.bench.report.Report;
import dev.threeways.core.http.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * {@code remote}: first-request time and open-model latency against the endpoints a deploy wrote to
 * its outputs file ({@code cdk deploy --outputs-file}). Only those URLs are ever sent a request.
 */
public final class Remote {
    /** First requests wait this long: a Lambda cold start or a scaled-to-zero service can take seconds. */
    static final Duration FIRST_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    static final int CONNECTIONS = 64;

    /** The output naming the HTTP function whose alias the Lambda way's API calls (infra-cdk's LambdaStack). */
    public static final String FUNCTION_OUTPUT = "LambdaHttpFunctionName";
    /** The alias the API calls (infra-cdk's LambdaStack puts every function behind it). */
    public static final String ALIAS = "live";

    /**
     * @param coldStarts       first requests timed per endpoint, each on a new connection
     * @param lambdaColdStarts forced Lambda cold starts (a new version behind the alias before each); 0: none
     * @param lambda           how the versions are made (AWS, or a stand-in in tests); used only when forcing
     */
    public record Plan(Path outputs, double[] rates, Duration step, int coldStarts, int lambdaColdStarts,
                       java.util.function.Supplier<LambdaColdStarts> lambda, Budget budget) {}

    /**
     * A deployed endpoint: which way it is, its base URL, and for Lambda the function behind it (from
     * the same stack's outputs; empty if the stack names none).
     */
    public record Endpoint(String way, String output, URI base, String function) {}

    private final Progress progress;

    public Remote(Progress progress) {
        this.progress = progress;
    }

    /** Every http(s) URL among the outputs, named by the way its output key says it is. */
    public static List<Endpoint> endpoints(Path outputsFile) throws IOException {
        JsonNode root;
        try {
            root = Json.readBody(Files.readAllBytes(outputsFile));
        } catch (RuntimeException e) {
            throw new Cli.UsageException("not a cdk outputs file (JSON): " + outputsFile + ": " + e.getMessage());
        }
        var endpoints = new ArrayList<Endpoint>();
        for (var stack : root.properties()) {
            String function = stack.getValue().path(FUNCTION_OUTPUT).asString("");
            for (var output : stack.getValue().properties()) {
                String value = output.getValue().asString("");
                if (value.startsWith("https://") || value.startsWith("http://")) {
                    String way = way(stack.getKey() + " " + output.getKey());
                    endpoints.add(new Endpoint(way, stack.getKey() + "." + output.getKey(),
                            URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value),
                            way.equals("Lambda") ? function : ""));
                }
            }
        }
        if (endpoints.isEmpty()) {
            throw new Cli.UsageException("no http(s) URL among the outputs in " + outputsFile);
        }
        return endpoints;
    }

    /** One request on a new connection, timed from sending to the whole answer; anything but 200 fails the run. */
    private static double firstRequestMs(Endpoint endpoint, String path, String context) throws Exception {
        try (HttpTarget target = HttpTarget.of(endpoint.base(), 1)) {
            long start = System.nanoTime();
            var exchange = target.send(Requests.get(target.host(), path));
            double ms = (System.nanoTime() - start) / 1e6;
            if (exchange.response().status() != 200) {
                throw new IllegalStateException(endpoint.output() + " answered " + exchange.response().status()
                        + " to GET " + path + context);
            }
            return ms;
        }
    }

    /** Each sample: a new version behind the alias, then the first request to it, timed. */
    private Report.StartSeries forcedColdStarts(Plan plan, Endpoint endpoint, String path) throws Exception {
        var samples = new ArrayList<Double>();
        try (LambdaColdStarts versions = plan.lambda().get()) {
            for (int i = 0; i < plan.lambdaColdStarts() && plan.budget().tryTake(); i++) {
                String version = versions.newVersionBehind(endpoint.function(), ALIAS);
                double ms = firstRequestMs(endpoint, path, " after version " + version);
                samples.add(ms);
                progress.say("%s: cold start after version %s: %.0f ms", endpoint.function(), version, ms);
            }
        }
        return new Report.StartSeries("Lambda", endpoint.function() + ": first request after a new version behind '"
                + ALIAS + "'", false, samples, List.of(), List.of());
    }

    static String way(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (n.contains("lambda")) {
            return "Lambda";
        }
        if (n.contains("apprunner") || n.contains("app-runner") || n.contains("app_runner")) {
            return "App Runner";
        }
        if (n.contains("express")) {
            return "ECS Express Mode";
        }
        if (n.contains("fargate") || n.contains("ecs")) {
            return "Fargate";
        }
        return name;
    }

    public Report run(Plan plan, String command) throws Exception {
        Instant started = Instant.now();
        var starts = new ArrayList<Report.StartSeries>();
        var loads = new ArrayList<Report.LoadRun>();
        var notes = new ArrayList<String>();
        List<Endpoint> endpoints = endpoints(plan.outputs());
        if (plan.lambdaColdStarts() > 0 && endpoints.stream().noneMatch(e -> !e.function().isEmpty())) {
            throw new Cli.UsageException("--lambda-cold-starts needs the Lambda stack's " + FUNCTION_OUTPUT
                    + " output in the outputs file (deploy the current infra-cdk)");
        }
        for (Endpoint endpoint : endpoints) {
            String path = endpoint.base().getRawPath() + "/hello?name=remote";
            var first = new ArrayList<Double>();
            for (int i = 0; i < plan.coldStarts() && plan.budget().tryTake(); i++) {
                first.add(firstRequestMs(endpoint, path, ""));
            }
            if (!first.isEmpty()) {
                starts.add(new Report.StartSeries(endpoint.way(), endpoint.output() + ": first request on a new connection",
                        false, first, List.of(), List.of()));
            }
            if (!endpoint.function().isEmpty() && plan.lambdaColdStarts() > 0) {
                starts.add(forcedColdStarts(plan, endpoint, path));
            }
            progress.say("%s: first request %.0f ms", endpoint.output(), first.isEmpty() ? 0 : first.getFirst());
            for (double rate : plan.rates()) {
                if (!plan.budget().hasTime()) {
                    break;
                }
                try (HttpTarget target = HttpTarget.of(endpoint.base(), CONNECTIONS)) {
                    byte[] request = Requests.get(target.host(), path);
                    LoadResult r = LoadGenerator.open(target, () -> request, rate, plan.budget().cap(plan.step()), plan.budget());
                    loads.add(r.toRun(endpoint.way(), "GET /hello"));
                    progress.say("%s at %.0f/s: p50 %.1f ms, p99 %.1f ms, %s", endpoint.output(), rate, r.correctedMs(50),
                            r.correctedMs(99), r.statuses());
                }
            }
        }
        notes.add("Measured from this machine over the network: latency includes the route to the region.");
        notes.add(plan.lambdaColdStarts() > 0
                ? "Lambda cold starts were forced: before each, a configuration change and a new version behind the '"
                        + ALIAS + "' alias (the function drifts from its stack until the next cdk deploy)."
                : "A first request is a cold start only if nothing served the endpoint just before; "
                        + "--lambda-cold-starts N forces N on the Lambda way (a configuration change and a new version each).");
        if (plan.budget().wasCut()) {
            notes.add("The run's budget was spent before every step finished.");
        }
        double took = java.time.Duration.between(started, Instant.now()).toMillis() / 1000.0;
        var machine = new Report.Machine(started.toString(), took, Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name") + " " + Runtime.version(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), Compare.totalMemoryMib(),
                "(deployed)", "(deployed)");
        return new Report(machine, command, starts, loads, List.of(), List.of(), null, List.of(), notes);
    }

}
