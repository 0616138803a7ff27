package dev.threeways.server;

import dev.threeways.core.log.JsonLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ordered shutdown inside one time budget: each step gets what is left of it and says whether it
 * finished cleanly. The order is the point (stop taking work before finishing work before closing
 * what the work needs), so it is written down in one place per runtime.
 */
public final class ShutdownSequence {
    private static final JsonLog LOG = JsonLog.of(ShutdownSequence.class);

    /** One step; returns true when it finished everything it had to, false when it gave up at the deadline. */
    @FunctionalInterface
    public interface Step {
        boolean run(Duration remaining) throws Exception;
    }

    /** How the sequence ended. */
    public record Result(boolean clean, Duration took, Map<String, Boolean> steps) {
        public int exitCode() {
            return clean ? 0 : 1;
        }
    }

    private record Named(String name, Step step) {}

    private final List<Named> steps = new ArrayList<>();

    public ShutdownSequence then(String name, Step step) {
        steps.add(new Named(name, step));
        return this;
    }

    /** Runs every step in order, even after one fails, since later steps release resources. */
    public Result run(Duration budget) {
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        var outcomes = new LinkedHashMap<String, Boolean>();
        for (Named n : steps) {
            long stepStart = System.nanoTime();
            boolean clean;
            try {
                clean = n.step().run(Duration.ofNanos(Math.max(0, deadline - stepStart)));
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.error("shutdown step failed", e, Map.of("step", n.name()));
                clean = false;
            }
            outcomes.put(n.name(), clean);
            LOG.info("shutdown step", Map.of("step", n.name(), "clean", clean,
                    "tookMs", (System.nanoTime() - stepStart) / 1_000_000));
        }
        var result = new Result(!outcomes.containsValue(false), Duration.ofNanos(System.nanoTime() - start), outcomes);
        LOG.info("shutdown finished", Map.of("clean", result.clean(), "tookMs", result.took().toMillis()));
        return result;
    }
}
