package dev.threeways.bench.ways;

import dev.threeways.server.testing.Dockerfile;
import dev.threeways.server.testing.JarProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A server jar started as its image starts it: the JVM options of the Dockerfile's ENTRYPOINT (read
 * from the Dockerfile, so what is measured is what ships) and the memory limit of the task or
 * instance the stack deploys, given to the JVM as {@code -XX:MaxRAM} — the figure a JVM in that
 * container reads from its cgroup and sizes its heap by.
 */
final class Container {
    private Container() {}

    /** The options between {@code java} and {@code -jar} in the Dockerfile's ENTRYPOINT. */
    static List<String> entrypointJvmOptions(Path dockerfile) {
        List<String> entrypoint = Dockerfile.entrypoint(dockerfile);
        int jar = entrypoint.indexOf("-jar");
        if (entrypoint.isEmpty() || !entrypoint.getFirst().equals("java") || jar < 0) {
            throw new IllegalStateException(dockerfile + ": the ENTRYPOINT is not `java ... -jar ...` in exec form: " + entrypoint);
        }
        return entrypoint.subList(1, jar);
    }

    static JarProcess start(Path jar, Path dockerfile, double memoryGb, Map<String, String> env, String name,
                            String... args) throws IOException {
        var command = new ArrayList<String>();
        command.add(JarProcess.javaTool("java"));
        command.add("-XX:MaxRAM=" + Math.round(memoryGb * 1024) + "m");
        command.addAll(entrypointJvmOptions(dockerfile));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        var all = new HashMap<>(env);
        all.putIfAbsent("PORT", String.valueOf(JarProcess.freePort()));
        return JarProcess.launch(command, all, name);
    }
}
