package dev.threeways.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What {@code docker build} would make of an image's build context (a module's folder, or an image
 * asset as CDK staged it: the Dockerfile and the files that survived the asset's excludes), without
 * Docker: the files its COPY lines place, laid out under a local root, with its WORKDIR, ENV,
 * ENTRYPOINT and CMD, and its {@code RUN ["java", ...]} steps run — the start-up archive's training —
 * on this JVM's JDK, which must be the image's (the FROM line names its release). A COPY whose source
 * is missing, or a RUN that fails, fails here as the image build would. Other RUN lines (the image's
 * user) do nothing a local process needs.
 */
public final class ImageRoot {
    private static final Map<Path, ImageRoot> BUILT = new ConcurrentHashMap<>();
    /** How long one RUN may take: a training run takes seconds. */
    private static final long RUN_TIMEOUT_SECONDS = 180;

    private final Path root;
    private final String from;
    private final String workdir;
    private final Map<String, String> env;
    private final List<String> entrypoint;
    private final List<String> cmd;

    private ImageRoot(Path root, String from, String workdir, Map<String, String> env, List<String> entrypoint, List<String> cmd) {
        this.root = root;
        this.from = from;
        this.workdir = workdir;
        this.env = env;
        this.entrypoint = entrypoint;
        this.cmd = cmd;
    }

    /** Builds the context once per JVM (a CDK asset's folder is named by its content's hash; a module's is rebuilt by Maven, not here). */
    public static ImageRoot build(Path context) {
        return BUILT.computeIfAbsent(context.toAbsolutePath().normalize(), ImageRoot::buildNow);
    }

    private static ImageRoot buildNow(Path context) {
        try {
            Path root = Files.createTempDirectory("image-root");
            String from = "";
            String workdir = "/";
            var env = new LinkedHashMap<String, String>();
            List<String> entrypoint = List.of();
            List<String> cmd = List.of();
            for (Dockerfile.Instruction instruction : Dockerfile.read(context.resolve("Dockerfile"))) {
                String args = instruction.args();
                switch (instruction.keyword()) {
                    case "FROM" -> from = args;
                    case "WORKDIR" -> {
                        workdir = args.startsWith("/") ? args : workdir + "/" + args;
                        Files.createDirectories(local(root, workdir));
                    }
                    case "COPY" -> {
                        String[] copy = args.split("\\s+");
                        Path source = context.resolve(copy[0]);
                        if (copy[0].endsWith("/") && Files.isDirectory(source)) {
                            // a folder's contents, into the destination folder
                            Path target = local(root, copy[1].startsWith("/") ? copy[1] : workdir + "/" + copy[1]);
                            Files.createDirectories(target);
                            try (var files = Files.list(source)) {
                                for (Path file : files.filter(Files::isRegularFile).toList()) {
                                    Files.copy(file, target.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                                }
                            }
                            continue;
                        }
                        if (!Files.isRegularFile(source)) {
                            throw new IllegalStateException("COPY " + copy[0] + ": not in the build context " + context
                                    + " (an asset's excludes dropped it, or it was not built): the image build would fail");
                        }
                        String dest = copy[1].startsWith("/") ? copy[1] : workdir + "/" + copy[1];
                        Path target = dest.endsWith("/") ? local(root, dest).resolve(source.getFileName()) : local(root, dest);
                        Files.createDirectories(target.getParent());
                        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    case "ENV" -> {
                        int eq = args.indexOf('=');
                        env.put(args.substring(0, eq).strip(), args.substring(eq + 1).strip());
                    }
                    case "RUN" -> {
                        List<String> argv = Dockerfile.execForm(args);
                        if (argv.getFirst().equals("java")) {
                            run(root, argv, local(root, workdir), env, context);
                        }
                    }
                    case "ENTRYPOINT" -> entrypoint = Dockerfile.execForm(args);
                    case "CMD" -> cmd = Dockerfile.execForm(args);
                    default -> {
                        // USER, EXPOSE: nothing a local process needs
                    }
                }
            }
            return new ImageRoot(root, from, workdir, Map.copyOf(env), entrypoint, cmd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path root, List<String> argv, Path workdir, Map<String, String> env, Path context)
            throws IOException {
        var command = new ArrayList<String>();
        command.add(JarProcess.javaTool("java"));
        argv.subList(1, argv.size()).forEach(a -> command.add(map(root, a)));
        Path log = Files.createTempFile("image-run", ".log");
        var builder = new ProcessBuilder(command).directory(workdir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/bin:/bin");
        builder.environment().putAll(env);
        try {
            Process p = builder.start();
            if (!p.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("RUN " + argv + " in " + context + " took over " + RUN_TIMEOUT_SECONDS + " s:\n"
                        + Files.readString(log));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException("RUN " + argv + " in " + context + " exited " + p.exitValue()
                        + ": the image build would fail:\n" + Files.readString(log));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + argv, e);
        }
    }

    private static Path local(Path root, String imagePath) {
        return root.resolve(imagePath.replaceFirst("^/+", ""));
    }

    /**
     * An argument as a local process needs it: a path in the image becomes its local copy when it exists
     * there — alone, or as a class path's entries —, and so does an option's value
     * ({@code -XX:AOTCacheOutput=/app/app.aot}) when the folder it names exists.
     */
    public String map(String argument) {
        return map(root, argument);
    }

    private static String map(Path root, String argument) {
        if (argument.startsWith("/") && argument.contains(":/")) {
            // a class path: each entry
            return java.util.Arrays.stream(argument.split(":")).map(entry -> map(root, entry)).collect(java.util.stream.Collectors.joining(":"));
        }
        int eq = argument.indexOf("=/");
        if (argument.startsWith("-") && eq > 0) {
            // an option's value may name a file the JVM is to write (-XX:AOTCacheOutput=...): its folder is enough
            String value = argument.substring(eq + 1);
            Path local = local(root, value);
            boolean inImage = Files.exists(local) || (value.lastIndexOf('/') > 0 && Files.isDirectory(local.getParent()));
            return inImage ? argument.substring(0, eq + 1) + local : argument;
        }
        if (argument.startsWith("/") && !argument.equals("/") && Files.exists(local(root, argument))) {
            return local(root, argument).toString();
        }
        return argument;
    }

    public List<String> map(List<String> arguments) {
        return arguments.stream().map(this::map).toList();
    }

    /** The local copy of the start-up archive the ENTRYPOINT maps ({@code -XX:AOTCache=}), if it names one. */
    public java.util.Optional<Path> aotCache() {
        return entrypoint.stream().filter(o -> o.startsWith(AOT_CACHE)).findFirst()
                .map(o -> path(o.substring(AOT_CACHE.length())));
    }

    /** The JVM option that maps a start-up archive. */
    public static final String AOT_CACHE = "-XX:AOTCache=";

    /** The local copy of a path in the image. */
    public Path path(String imagePath) {
        return local(root, imagePath);
    }

    public String from() {
        return from;
    }

    public Path workdir() {
        return local(root, workdir);
    }

    public Map<String, String> env() {
        return env;
    }

    public List<String> entrypoint() {
        return entrypoint;
    }

    public List<String> cmd() {
        return cmd;
    }
}
