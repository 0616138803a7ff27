package dev.threeways.server.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A container way started as its image starts it: the module's Dockerfile built as {@code docker build}
 * would (the jar copied, the start-up archive's training run), its ENTRYPOINT with its JVM options —
 * so what is measured is what ships —, and the memory of the task or instance the stack deploys, given
 * to the JVM as {@code -XX:MaxRAM}: the figure a JVM in that container reads from its cgroup.
 */
public final class Container {
    private final ImageRoot image;
    private final double memoryGb;

    private Container(ImageRoot image, double memoryGb) {
        this.image = image;
        this.memoryGb = memoryGb;
    }

    /** @param module the adapter's folder: its Dockerfile and its built jar */
    public static Container of(Path module, double memoryGb) {
        ImageRoot image = ImageRoot.build(module);
        List<String> entrypoint = image.entrypoint();
        if (entrypoint.isEmpty() || !entrypoint.getFirst().equals("java") || !entrypoint.contains("-jar")) {
            throw new IllegalStateException(module + "/Dockerfile: the ENTRYPOINT is not `java ... -jar ...` in exec form: " + entrypoint);
        }
        return new Container(image, memoryGb);
    }

    /** The size of the image's start-up archive, or 0 if it ships none. */
    public long archiveBytes() throws IOException {
        var cache = image.aotCache();
        return cache.isPresent() ? java.nio.file.Files.size(cache.get()) : 0;
    }

    /** The memory the way is deployed with, in MiB. */
    public long memoryMib() {
        return Math.round(memoryGb * 1024);
    }

    /**
     * As the image starts: its ENTRYPOINT, then {@code args} (the task's command) or else its CMD, in
     * {@code slot} (the task's or instance's vCPU).
     */
    public JarProcess start(Placement.Slot slot, Map<String, String> env, String name, String... args) throws IOException {
        return launch(slot, image.entrypoint(), env, name, args);
    }

    /** As {@link #start}, without the start-up archive: what the same image costs to start without it. */
    public JarProcess startWithoutArchive(Placement.Slot slot, Map<String, String> env, String name, String... args) throws IOException {
        return launch(slot, image.entrypoint().stream().filter(o -> !o.startsWith(ImageRoot.AOT_CACHE)).toList(), env, name, args);
    }

    private JarProcess launch(Placement.Slot slot, List<String> entrypoint, Map<String, String> env, String name, String... args)
            throws IOException {
        var command = new ArrayList<String>();
        command.add(JarProcess.javaTool("java"));
        command.add("-XX:MaxRAM=" + memoryMib() + "m");
        command.addAll(image.map(entrypoint.subList(1, entrypoint.size())));
        command.addAll(args.length > 0 ? List.of(args) : image.cmd());
        var all = new HashMap<>(env);
        all.putIfAbsent("PORT", String.valueOf(JarProcess.freePort()));
        return JarProcess.launch(slot.wrap(command), all, name, image.workdir());
    }
}
