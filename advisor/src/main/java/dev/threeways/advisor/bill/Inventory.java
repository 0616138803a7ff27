package dev.threeways.advisor.bill;

import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.Way;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every resource of a synthesized cloud assembly ({@code cdk synth}'s output directory), each with the way it
 * serves and the literal properties its price needs. The way comes from the stack ({@code ThreeWays-Lambda} serves
 * Lambda, {@code -Network} and {@code -Data} every way), except RDS Proxy: it lives in the data stack but only the
 * Lambda functions connect through it ({@code AppWiring.lambdaEnvironment}), so it is Lambda's.
 *
 * <p>{@link #toTsv()} and {@link #parse(String)} keep an inventory as text: {@link #deployedHere()} is the
 * assembly of every runtime as this project synthesizes it, kept beside this class so the benchmark harness can
 * price what is deployed without the CDK; infra-cdk's tests synthesize the app and fail when it differs.
 */
public record Inventory(String region, List<Resource> resources) {
    /** The resource name of {@link #deployedHere()}. */
    public static final String DEPLOYED_HERE = "deployed-all-runtimes.tsv";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Map<String, Way> STACK_WAYS = Map.of(
            "Lambda", Way.LAMBDA, "AppRunner", Way.APP_RUNNER, "ExpressMode", Way.ECS_EXPRESS_MODE, "Fargate", Way.FARGATE);
    private static final List<String> SHARED_STACKS = List.of("Network", "Data");

    public Inventory {
        require(region != null && !region.isBlank(), "an inventory needs the region it deploys to");
        resources = List.copyOf(resources);
    }

    /** The resources of the stacks of one way, or of the shared stacks ({@code null}). */
    public List<Resource> of(Way way) {
        return resources.stream().filter(r -> r.way() == way).toList();
    }

    /** The ways this assembly deploys, in {@link Way} order. */
    public List<Way> ways() {
        return resources.stream().map(Resource::way).filter(w -> w != null).distinct().sorted().toList();
    }

    public Optional<Resource> find(String stack, String id) {
        return resources.stream().filter(r -> r.stack().equals(stack) && r.id().equals(id)).findFirst();
    }

    /** The task definition a service or a scheduled rule runs: a resource of its own stack, named by its {@code task} fact. */
    public Resource taskOf(Resource from) {
        String id = from.required("task");
        return find(from.stack(), id).orElseThrow(() ->
                new IllegalArgumentException(from.where() + " names task definition " + id + ", which its stack lacks"));
    }

    public List<Resource> ofType(String type) {
        return resources.stream().filter(r -> r.type().equals(type)).toList();
    }

    /** Reads every {@code *.template.json} of a cloud assembly directory. */
    public static Inventory read(Path assembly) {
        require(Files.isDirectory(assembly), "no cloud assembly at " + assembly + " (run `cdk synth` in infra-cdk, which writes cdk.out)");
        var resources = new ArrayList<Resource>();
        String region = null;
        try (var files = Files.list(assembly)) {
            List<Path> templates = files.filter(f -> f.getFileName().toString().endsWith(".template.json")).sorted().toList();
            require(!templates.isEmpty(), "no *.template.json in " + assembly + ": not a synthesized cloud assembly");
            for (Path file : templates) {
                String name = file.getFileName().toString();
                String stack = name.substring(0, name.length() - ".template.json".length());
                JsonNode template = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
                for (var entry : template.path("Resources").properties()) {
                    resources.add(resource(stack, entry.getKey(), entry.getValue()));
                }
            }
            region = region(assembly.resolve("manifest.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Inventory(region, resources);
    }

    /** The region the manifest's stacks deploy to ({@code aws://account/region}); one for all of them. */
    private static String region(Path manifest) throws IOException {
        require(Files.exists(manifest), "no manifest.json in the cloud assembly " + manifest.getParent());
        JsonNode artifacts = JSON.readTree(Files.readString(manifest, StandardCharsets.UTF_8)).path("artifacts");
        String region = null;
        for (var artifact : artifacts.properties()) {
            String env = artifact.getValue().path("environment").asString("");
            if (env.startsWith("aws://")) {
                String r = env.substring(env.lastIndexOf('/') + 1);
                require(region == null || region.equals(r), "the assembly deploys to two regions, " + region + " and " + r + ": bill one at a time");
                region = r;
            }
        }
        require(region != null && !region.equals("unknown-region"), "the assembly names no region (synthesize with -c region=...)");
        return region;
    }

    static Way way(String stack, String type) {
        if (type.startsWith("AWS::RDS::DBProxy")) {
            return Way.LAMBDA;
        }
        String suffix = stack.substring(stack.lastIndexOf('-') + 1);
        if (SHARED_STACKS.contains(suffix)) {
            return null;
        }
        Way way = STACK_WAYS.get(suffix);
        require(way != null, "stack " + stack + " is neither a way's (" + String.join(", ", STACK_WAYS.keySet())
                + ") nor shared (" + String.join(", ", SHARED_STACKS) + "): the bill cannot say whom it serves");
        return way;
    }

    static Resource resource(String stack, String id, JsonNode node) {
        String type = node.path("Type").asString("");
        require(!type.isEmpty(), stack + "/" + id + " has no Type");
        return new Resource(stack, id, type, way(stack, type), Facts.of(type, node.path("Properties")));
    }

    /** The inventory as text, one resource a line: stack, id, type, way (or shared), facts as key=value;... */
    public String toTsv() {
        var out = new StringBuilder("# region\t" + region + "\n# stack\tid\ttype\tway\tfacts\n");
        resources.stream().sorted(Comparator.comparing(Resource::stack).thenComparing(Resource::id)).forEach(r -> {
            var facts = new StringBuilder();
            r.facts().forEach((k, v) -> facts.append(facts.isEmpty() ? "" : ";").append(k).append('=').append(v));
            out.append(r.stack()).append('\t').append(stableId(r.id())).append('\t').append(r.type()).append('\t')
                    .append(r.way() == null ? "shared" : r.way().name()).append('\t').append(facts).append('\n');
        });
        return out.toString();
    }

    /**
     * A logical id without the digest CDK appends to a function's current version (of its code and configuration):
     * it changes with every build of the jar, the resource does not.
     */
    static String stableId(String id) {
        return id.replaceFirst("(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}$", "$1");
    }

    public static Inventory parse(String tsv) {
        String region = null;
        var resources = new ArrayList<Resource>();
        for (String line : tsv.split("\n")) {
            if (line.startsWith("# region\t")) {
                region = line.substring("# region\t".length()).trim();
                continue;
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            require(f.length == 5, "an inventory line has 5 tab-separated fields: " + line);
            var facts = new TreeMap<String, String>();
            if (!f[4].isEmpty()) {
                for (String kv : f[4].split(";")) {
                    int eq = kv.indexOf('=');
                    require(eq > 0, "a fact is key=value: " + kv);
                    facts.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
            resources.add(new Resource(f[0], f[1], f[2], f[3].equals("shared") ? null : Way.valueOf(f[3]), facts));
        }
        return new Inventory(region, resources);
    }

    /** Every runtime's stacks as synthesized here ({@code -c runtimes=lambda,expressmode,fargate,apprunner}). */
    public static Inventory deployedHere() {
        try (InputStream in = Inventory.class.getResourceAsStream(DEPLOYED_HERE)) {
            require(in != null, "no " + DEPLOYED_HERE + " beside " + Inventory.class.getName());
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
