package dev.threeways.infra.boot;

import dev.threeways.core.http.Json;
import dev.threeways.infra.ThreeWaysApp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import tools.jackson.databind.JsonNode;

/**
 * The cloud assembly {@code cdk synth} writes, read back as files: each stack's template and asset
 * manifest. What the boot tests know of the deployment they know from here, not from the CDK code.
 */
public final class SynthesizedApp {
    private final Path directory;
    private final Map<String, JsonNode> templates = new LinkedHashMap<>();
    private final Map<String, JsonNode> assetManifests = new LinkedHashMap<>();

    private SynthesizedApp(Path directory) {
        this.directory = directory;
        try (var files = Files.list(directory)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".template.json")) {
                    templates.put(name.substring(0, name.length() - ".template.json".length()), read(file));
                } else if (name.endsWith(".assets.json")) {
                    assetManifests.put(name.substring(0, name.length() - ".assets.json".length()), read(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Synthesizes the app with {@code context} into a fresh directory, as {@code cdk synth -c ...} does. */
    public static SynthesizedApp synthesize(Map<String, Object> context) {
        try {
            Path out = Files.createTempDirectory("cdk-out-boot");
            var all = new LinkedHashMap<String, Object>(Map.of("repoRoot", ".."));
            all.putAll(context);
            App app = new App(AppProps.builder().context(all).outdir(out.toString()).build());
            ThreeWaysApp.build(app);
            app.synth();
            return new SynthesizedApp(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(Path file) {
        try {
            return Json.MAPPER.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, JsonNode> templates() {
        return templates;
    }

    public JsonNode template(String stack) {
        JsonNode t = templates.get(stack);
        if (t == null) {
            throw new IllegalArgumentException("no stack " + stack + " in " + templates.keySet());
        }
        return t;
    }

    /** A stack's resources of one type, by logical id. */
    public Map<String, JsonNode> resources(String stack, String type) {
        var found = new LinkedHashMap<String, JsonNode>();
        for (var e : template(stack).path("Resources").properties()) {
            if (e.getValue().path("Type").asString("").equals(type)) {
                found.put(e.getKey(), e.getValue());
            }
        }
        return found;
    }

    /** Where the asset a template names by hash was staged: a docker build context, or a file. */
    public Asset asset(String stack, String hash) {
        JsonNode manifest = assetManifests.get(stack);
        JsonNode image = manifest.path("dockerImages").path(hash);
        if (!image.isMissingNode()) {
            return new Asset(directory.resolve(image.path("source").path("directory").asString()),
                    image.path("source").path("platform").asString(""));
        }
        JsonNode file = manifest.path("files").path(hash);
        if (!file.isMissingNode()) {
            return new Asset(directory.resolve(file.path("source").path("path").asString()), "");
        }
        throw new IllegalArgumentException("no asset " + hash + " in " + stack + ".assets.json");
    }

    /** Every docker image asset of a stack. */
    public List<Asset> images(String stack) {
        var images = new ArrayList<Asset>();
        JsonNode manifest = assetManifests.get(stack);
        if (manifest != null) {
            for (var e : manifest.path("dockerImages").properties()) {
                images.add(asset(stack, e.getKey()));
            }
        }
        return images;
    }

    /** A staged asset; {@code platform} is the docker build's, e.g. {@code linux/amd64}, empty for a file. */
    public record Asset(Path path, String platform) {}
}
