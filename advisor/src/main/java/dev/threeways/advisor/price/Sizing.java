package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.nonNegative;
import static dev.threeways.advisor.Checks.positive;
import static dev.threeways.advisor.Checks.require;

/** How each way is sized for an estimate: the function's memory, each server's instance and how it scales. */
public final class Sizing {
    private Sizing() {}

    /** How a container service follows the load. */
    public enum Scaling {
        /** enough instances for the month's peak, all month (a service with a fixed desired count) */
        FIXED_FOR_PEAK,
        /** in each part of the day enough for that part's rate (auto scaling; App Runner always does this) */
        PER_PART_OF_DAY,
        /** no service: one task per request or event, started for it and stopped when done (RunTask from a schedule
         * or an event), billed for its own run with Fargate's one-minute minimum, no load balancer */
        TASK_PER_RUN
    }

    /**
     * A function.
     *
     * @param memoryMb      configured memory
     * @param initMs        the INIT phase of a cold start, billed since 2025-08-01
     * @param firstInvokeMs the invoke that follows an init (slower than a warm one); 0 = the mean duration
     */
    public record Function(int memoryMb, Arch arch, double initMs, double firstInvokeMs) {
        public Function {
            require(memoryMb >= 128 && memoryMb <= 10_240, "Lambda memory must be 128..10240 MB: " + memoryMb);
            require(arch != null, "an architecture is required");
            nonNegative(initMs, "init duration (ms)");
            nonNegative(firstInvokeMs, "first invoke duration (ms)");
        }
    }

    /**
     * A container instance (App Runner instance, Fargate or Express Mode task).
     *
     * @param minInstances          the fewest that always run (App Runner's min size, a service's desired count)
     * @param concurrencyPerInstance requests one instance serves at once (App Runner's max concurrency, 100 by default)
     * @param measuredPerSecond     the throughput one instance sustains, where it was measured; 0 = not measured,
     *                              and concurrency alone bounds it
     */
    public record Server(double vcpu, double memoryGb, Arch arch, int minInstances, int concurrencyPerInstance,
                         double measuredPerSecond, Scaling scaling) {
        public Server {
            positive(vcpu, "vCPU");
            positive(memoryGb, "memory (GB)");
            require(arch != null, "an architecture is required");
            require(minInstances >= 0, "minimum instances must be 0 or more: " + minInstances);
            require(concurrencyPerInstance > 0, "concurrency per instance must be positive: " + concurrencyPerInstance);
            nonNegative(measuredPerSecond, "measured throughput");
            require(scaling != null, "a scaling mode is required");
        }

        /** Requests a second one instance serves at full use: its concurrency over the request's duration, or less if measured so. */
        public double perSecond(double meanDurationMs) {
            positive(meanDurationMs, "mean duration (ms)");
            double byConcurrency = concurrencyPerInstance * 1000 / meanDurationMs;
            return measuredPerSecond > 0 ? Math.min(byConcurrency, measuredPerSecond) : byConcurrency;
        }

        public Server withScaling(Scaling s) {
            return new Server(vcpu, memoryGb, arch, minInstances, concurrencyPerInstance, measuredPerSecond, s);
        }
    }
}
