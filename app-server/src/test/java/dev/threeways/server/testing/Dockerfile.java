package dev.threeways.server.testing;

import dev.threeways.core.http.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A Dockerfile read as {@code docker build} reads it — comments dropped, continued lines joined, each
 * instruction a keyword and its arguments — so tests and the benchmark harness start what the image
 * starts (its ENTRYPOINT, with its JVM options) without Docker.
 */
public final class Dockerfile {
    /** One instruction: its keyword in upper case and the rest of its line. */
    public record Instruction(String keyword, String args) {}

    private Dockerfile() {}

    public static List<Instruction> read(Path dockerfile) {
        try {
            return instructions(Files.readString(dockerfile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dockerfile, e);
        }
    }

    public static List<Instruction> instructions(String dockerfile) {
        var instructions = new ArrayList<Instruction>();
        var current = new StringBuilder();
        for (String raw : dockerfile.split("\n")) {
            String line = raw.strip();
            if (line.startsWith("#") || (line.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            String[] parts = current.toString().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : ""));
            current.setLength(0);
        }
        return instructions;
    }

    /** ENTRYPOINT or CMD arguments as the process's argv: shell form runs under {@code /bin/sh -c}. */
    public static List<String> execForm(String args) {
        if (!args.startsWith("[")) {
            // shell form: docker runs it with /bin/sh -c, and the process would not get the platform's SIGTERM
            return List.of("/bin/sh", "-c", args);
        }
        var list = new ArrayList<String>();
        Json.MAPPER.readTree(args).forEach(n -> list.add(n.asString()));
        return list;
    }

    /** The image's ENTRYPOINT (the last one wins, as in docker); empty if it has none. */
    public static List<String> entrypoint(Path dockerfile) {
        List<String> entrypoint = List.of();
        for (Instruction i : read(dockerfile)) {
            if (i.keyword().equals("ENTRYPOINT")) {
                entrypoint = execForm(i.args());
            }
        }
        return entrypoint;
    }

    /** What the image runs: its ENTRYPOINT, then its CMD (of each the last, as in docker). */
    public static List<String> command(Path dockerfile) {
        var command = new ArrayList<>(entrypoint(dockerfile));
        List<String> cmd = List.of();
        for (Instruction i : read(dockerfile)) {
            if (i.keyword().equals("CMD")) {
                cmd = execForm(i.args());
            }
        }
        command.addAll(cmd);
        return command;
    }
}
