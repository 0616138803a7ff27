package dev.threeways.infra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

/**
 * AWS's CloudFormation resource specification as the CDK itself uses it: the database in the npm
 * package {@value #PACKAGE}, from which aws-cdk-lib generates its L1 constructs. Escape hatches
 * (property overrides, raw Cfn* props, custom resources) bypass those generated types, so the
 * synthesized templates are checked against the same source of truth afterwards.
 *
 * <p>The package ships {@code db.json.gz}, a @cdklabs/tskb database: {@code schema.<table>.entities}
 * for entity tables ({@code resource}, {@code typeDefinition}, {@code service}, ...), each entity
 * with a {@code $id}, and {@code schema.<relationship>.forward} (such as {@code usesType}) from an
 * entity id to {@code [{"$id": ...}]}. A property's type is {@code {"type": "string" | "number" |
 * "integer" | "boolean" | "json" | "date-time" | "null" | "tag"}} (strings and integers may carry
 * {@code allowedValues}), {@code {"type": "array" | "map", "element": T}}, {@code {"type": "union",
 * "types": [T...]}} or {@code {"type": "ref", "reference": {"$ref": typeDefinitionId}}}.
 */
final class CloudFormationSpec {
    static final String PACKAGE = "@aws-cdk/aws-service-spec";
    /**
     * aws-cdk-lib 2.263.0 was generated from 0.1.193; a newer database knows the properties and
     * resource types CloudFormation gained since, and templates are deployed to today's CloudFormation.
     * Bump it (and {@link #INTEGRITY}, from {@code npm view @aws-cdk/aws-service-spec@V dist.integrity})
     * when aws-cdk-lib is bumped.
     */
    static final String VERSION = "0.1.216";
    /** The registry's integrity of that version: a half-written or tampered tarball is not read as the spec. */
    static final String INTEGRITY =
            "sha512-O3Lu6v6J6RnI+Eenklbw8237kV64cTpM94QEXmlcmsIAzhcKrdd+qApZhlTL+H3IDt1JP6Vphbd+OOmq6r8pqw==";

    /** What a property, attribute or list/map element may hold. */
    sealed interface Type {
        /** string, number, integer, boolean, json, date-time or null; allowed values only where the spec records them. */
        record Primitive(String name, Set<String> allowedValues) implements Type {}

        /** The CloudFormation Tag, {@code {"Key": string, "Value": string}}. */
        record Tag() implements Type {}

        /** A named structure of the resource's own; by id because structures may contain themselves. */
        record Struct(String id) implements Type {}

        record ListOf(Type element) implements Type {}

        record MapOf(Type element) implements Type {}

        record OneOf(List<Type> alternatives) implements Type {}
    }

    /**
     * A property's current type first, then the types it had in earlier specs: the generated L1
     * props still take those, for backwards compatibility, and pass them into the template as given.
     */
    record Property(List<Type> types, boolean required) {}

    record Structure(String name, Map<String, Property> properties) {}

    record ResourceType(String cloudFormationType, Map<String, Property> properties, Set<String> attributes) {}

    private static CloudFormationSpec pinned;
    private static AssertionError pinnedFailure;

    private final String version;
    private final Map<String, ResourceType> resources;
    private final Map<String, Structure> structures;

    private CloudFormationSpec(String version, Map<String, ResourceType> resources, Map<String, Structure> structures) {
        this.version = version;
        this.resources = resources;
        this.structures = structures;
    }

    /** The pinned version, fetched from npm into {@code target/} once and parsed once per JVM. */
    static synchronized CloudFormationSpec pinned() {
        if (pinned == null && pinnedFailure == null) {
            try {
                pinned = parse(VERSION, dbJsonGz(fetchPinned(Path.of("target", "aws-service-spec"))));
            } catch (AssertionError e) {
                pinnedFailure = e;
            } catch (IOException e) {
                pinnedFailure = new AssertionError("could not read " + PACKAGE + "@" + VERSION + ": " + e, e);
            }
        }
        if (pinnedFailure != null) {
            // every later caller fails with the first failure's message, without running npm again
            throw new AssertionError(pinnedFailure.getMessage(), pinnedFailure);
        }
        return pinned;
    }

    String version() {
        return version;
    }

    Optional<ResourceType> resource(String cloudFormationType) {
        return Optional.ofNullable(resources.get(cloudFormationType));
    }

    Structure structure(Type.Struct ref) {
        Structure s = structures.get(ref.id());
        if (s == null) {
            throw new IllegalStateException("the spec refers to type definition " + ref.id() + ", which it does not hold");
        }
        return s;
    }

    int resourceTypeCount() {
        return resources.size();
    }

    /** How a type reads in a finding: {@code list of integer}, {@code VpcConfig}, {@code json or string}. */
    String describe(Type type) {
        return switch (type) {
            case Type.Primitive p -> p.name();
            case Type.Tag t -> "Tag";
            case Type.Struct s -> structure(s).name();
            case Type.ListOf l -> "list of " + describe(l.element());
            case Type.MapOf m -> "map of " + describe(m.element());
            case Type.OneOf o -> o.alternatives().stream().map(this::describe).collect(Collectors.joining(" or "));
        };
    }

    // ---- reading the database ----

    static CloudFormationSpec parse(String version, InputStream dbJsonGz) throws IOException {
        JsonNode schema;
        try (InputStream in = new GZIPInputStream(dbJsonGz, 1 << 16)) {
            schema = new ObjectMapper().readTree(in).path("schema");
        }
        JsonNode resourceTable = schema.path("resource").path("entities");
        JsonNode typeTable = schema.path("typeDefinition").path("entities");
        if (!resourceTable.isArray() || resourceTable.isEmpty() || !typeTable.isArray()) {
            throw new IOException("no schema.resource.entities / schema.typeDefinition.entities: not the tskb database this reads");
        }
        Map<String, Structure> structures = new HashMap<>();
        for (JsonNode def : typeTable) {
            structures.put(def.path("$id").asText(), new Structure(def.path("name").asText(), properties(def)));
        }
        Map<String, ResourceType> resources = new HashMap<>();
        for (JsonNode r : resourceTable) {
            String type = r.path("cloudFormationType").asText();
            Set<String> attributes = new HashSet<>();
            r.path("attributes").properties().forEach(a -> attributes.add(a.getKey()));
            resources.put(type, new ResourceType(type, properties(r), Set.copyOf(attributes)));
        }
        return new CloudFormationSpec(version, Map.copyOf(resources), Map.copyOf(structures));
    }

    private static Map<String, Property> properties(JsonNode entity) {
        Map<String, Property> properties = new LinkedHashMap<>();
        entity.path("properties").properties().forEach(e -> {
            List<Type> types = new ArrayList<>();
            types.add(type(e.getValue().path("type")));
            e.getValue().path("previousTypes").forEach(t -> types.add(type(t)));
            properties.put(e.getKey(), new Property(List.copyOf(types), e.getValue().path("required").asBoolean(false)));
        });
        return properties;
    }

    private static Type type(JsonNode t) {
        String kind = t.path("type").asText();
        return switch (kind) {
            case "string", "number", "integer", "boolean", "json", "date-time", "null" -> {
                // in the spec's order, which is how a finding lists them
                Set<String> allowed = new LinkedHashSet<>();
                t.path("allowedValues").forEach(v -> allowed.add(v.asText()));
                yield new Type.Primitive(kind, Collections.unmodifiableSet(allowed));
            }
            case "tag" -> new Type.Tag();
            case "ref" -> new Type.Struct(t.path("reference").path("$ref").asText());
            case "array" -> new Type.ListOf(type(t.path("element")));
            case "map" -> new Type.MapOf(type(t.path("element")));
            case "union" -> {
                List<Type> alternatives = new ArrayList<>();
                t.path("types").forEach(a -> alternatives.add(type(a)));
                yield new Type.OneOf(List.copyOf(alternatives));
            }
            default -> throw new IllegalStateException("a property type this check does not know: " + t);
        };
    }

    // ---- getting the package ----

    private static String tarballName() {
        return PACKAGE.substring(1).replace('/', '-') + "-" + VERSION + ".tgz";
    }

    private static String howToGetIt(Path dir) {
        return "The CloudFormation spec check needs the npm package " + PACKAGE + "@" + VERSION
                + ". It runs `npm pack " + PACKAGE + "@" + VERSION + " --pack-destination " + dir.toAbsolutePath()
                + "`, which needs Node.js/npm on the PATH and either the registry (https://registry.npmjs.org) or the"
                + " package in the npm cache (~/.npm). Without network, run that command once where the registry is"
                + " reachable and copy " + tarballName() + " into " + dir.toAbsolutePath() + ".";
    }

    /** The tarball in {@code dir}, packed by npm unless a good copy is there already. */
    static Path fetchPinned(Path dir) {
        Path tarball = dir.resolve(tarballName());
        if (Files.isRegularFile(tarball) && integrity(tarball).equals(INTEGRITY)) {
            return tarball;
        }
        String npm = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "npm.cmd" : "npm";
        String output;
        int exit;
        Path staging = null;
        try {
            Files.createDirectories(dir);
            // npm writes into a directory of its own, so a run cut short never leaves a tarball where it is looked for
            staging = Files.createTempDirectory(dir, "pack-");
            Path log = staging.resolve("npm.log");
            Process p = new ProcessBuilder(npm, "pack", PACKAGE + "@" + VERSION, "--pack-destination", staging.toString(),
                    "--prefer-offline", "--no-update-notifier", "--loglevel=error")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(3, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("npm pack did not finish within 3 minutes.\n" + howToGetIt(dir));
            }
            exit = p.exitValue();
            output = Files.readString(log);
            Path packed = staging.resolve(tarballName());
            if (exit == 0 && Files.isRegularFile(packed)) {
                Files.move(packed, tarball, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run npm (" + e.getMessage() + ").\n" + howToGetIt(dir), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while npm packed " + PACKAGE, e);
        } finally {
            deleteQuietly(staging);
        }
        if (exit != 0 || !Files.isRegularFile(tarball)) {
            // npm's stack trace and error object (its indented lines) say nothing about what to do
            String said = output.lines().filter(l -> !l.matches("npm error(\\s{2,}.*| ?}.*)")).collect(Collectors.joining("\n"));
            throw new AssertionError("npm pack " + PACKAGE + "@" + VERSION + " failed (exit " + exit + "):\n" + said.strip()
                    + "\n" + howToGetIt(dir));
        }
        String actual = integrity(tarball);
        if (!actual.equals(INTEGRITY)) {
            throw new AssertionError(tarball + " has integrity " + actual + ", the registry published " + INTEGRITY
                    + " for " + VERSION + "; delete it.\n" + howToGetIt(dir));
        }
        return tarball;
    }

    private static void deleteQuietly(Path staging) {
        if (staging == null) {
            return;
        }
        try (var files = Files.list(staging)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(staging);
        } catch (IOException ignored) {
            // a leftover staging directory under target/ is harmless: nothing looks there
        }
    }

    private static String integrity(Path file) {
        try {
            return "sha512-" + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code package/db.json.gz} out of the npm tarball (a gzipped ustar archive: 512-byte headers,
     * name at 0 with a prefix at 345, octal size at 124, contents padded to 512 bytes), read here
     * rather than adding an archive library for one file.
     */
    static InputStream dbJsonGz(Path tarball) throws IOException {
        try (InputStream tar = new GZIPInputStream(Files.newInputStream(tarball), 1 << 16)) {
            byte[] header = new byte[512];
            while (tar.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
                String name = field(header, 0, 100);
                String prefix = field(header, 345, 155);
                String path = prefix.isEmpty() ? name : prefix + "/" + name;
                long size = Long.parseLong(field(header, 124, 12).trim(), 8);
                byte type = header[156];
                if ((type == '0' || type == 0) && path.equals("package/db.json.gz")) {
                    return new ByteArrayInputStream(tar.readNBytes(Math.toIntExact(size)));
                }
                tar.skipNBytes((size + 511) / 512 * 512);
            }
        }
        throw new IOException(tarball + " holds no package/db.json.gz");
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.US_ASCII);
    }
}
