package dev.threeways.infra.boot;

import dev.threeways.server.testing.Dockerfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code docker build} would make of an image asset as CDK staged it (the Dockerfile and the
 * files that survived the asset's excludes), without Docker: the files its COPY lines place, laid out
 * under a local root, with its WORKDIR, ENV, ENTRYPOINT and CMD. A COPY whose source did not make it
 * into the staged context fails here, as the image build would.
 */
public final class ImageRoot {
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

    public static ImageRoot build(Path context) {
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
                        if (!Files.isRegularFile(source)) {
                            throw new IllegalStateException("COPY " + copy[0] + ": not in the staged build context " + context
                                    + " (the asset's excludes dropped it, or it was not built): the image build would fail");
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
                    case "ENTRYPOINT" -> entrypoint = Dockerfile.execForm(args);
                    case "CMD" -> cmd = Dockerfile.execForm(args);
                    default -> {
                        // RUN (the image's user), USER, EXPOSE: nothing a local process needs
                    }
                }
            }
            return new ImageRoot(root, from, workdir, Map.copyOf(env), entrypoint, cmd);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path local(Path root, String imagePath) {
        return root.resolve(imagePath.replaceFirst("^/+", ""));
    }

    /** An argument as the local process needs it: a path that exists in the image becomes its local copy. */
    public String map(String argument) {
        if (argument.startsWith("/") && Files.exists(local(root, argument)) && !argument.equals("/")) {
            return local(root, argument).toString();
        }
        return argument;
    }

    public List<String> map(List<String> arguments) {
        return arguments.stream().map(this::map).toList();
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
