package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.nonNegative;
import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.decide.FargateSizes;
import java.util.ArrayList;

/**
 * Fargate's monthly bill: vCPU-hours and GB-hours by architecture for the task size, ephemeral storage
 * above the free 20 GB, billed per second with a one-minute minimum per task, and Fargate Spot as a
 * discount on a share of the task time (its price moves with spare capacity, so it is a parameter here).
 */
public final class FargatePricing {
    static final double FREE_EPHEMERAL_GB = 20;
    static final double MINIMUM_SECONDS = 60;

    private FargatePricing() {}

    /**
     * @param vcpu         the task's vCPU (a size Fargate offers with {@code memoryGb})
     * @param taskSeconds  task-seconds a month, each task's already at least a minute ({@link #taskSeconds})
     * @param ephemeralGb  configured ephemeral storage, 20..200 GB
     * @param spotShare    the share of the task time on Fargate Spot (0..1)
     * @param spotDiscount Spot's discount off the on-demand price (0..1; AWS says up to 70 %)
     */
    public record Usage(double vcpu, double memoryGb, Arch arch, double taskSeconds, double ephemeralGb,
                        double spotShare, double spotDiscount) {
        public Usage {
            FargateSizes.requireValid(vcpu, memoryGb);
            require(arch != null, "an architecture is required");
            nonNegative(taskSeconds, "task-seconds");
            require(ephemeralGb >= 20 && ephemeralGb <= 200, "Fargate ephemeral storage must be 20..200 GB: " + ephemeralGb);
            require(spotShare >= 0 && spotShare <= 1, "the Spot share must be in [0, 1]: " + spotShare);
            require(spotDiscount >= 0 && spotDiscount <= 1, "the Spot discount must be in [0, 1]: " + spotDiscount);
        }

        /** On-demand tasks with the free 20 GB of storage. */
        public static Usage onDemand(double vcpu, double memoryGb, Arch arch, double taskSeconds) {
            return new Usage(vcpu, memoryGb, arch, taskSeconds, FREE_EPHEMERAL_GB, 0, 0);
        }

        public Usage withEphemeralStorage(double gb) {
            return new Usage(vcpu, memoryGb, arch, taskSeconds, gb, spotShare, spotDiscount);
        }

        public Usage withSpot(double share, double discount) {
            return new Usage(vcpu, memoryGb, arch, taskSeconds, ephemeralGb, share, discount);
        }
    }

    /** The billed seconds of {@code runs} tasks of {@code secondsEach}: per second, at least a minute each. */
    public static double taskSeconds(double runs, double secondsEach) {
        nonNegative(runs, "task runs");
        nonNegative(secondsEach, "task duration (s)");
        return runs * Math.max(MINIMUM_SECONDS, Math.ceil(secondsEach));
    }

    /**
     * A rate applied to an amount-times-seconds, in the time unit the rate is stated in: the page states
     * us-east-1's prices per second (its worked examples use those), other regions' are read per hour.
     */
    static Line timed(Rate rate, double unitSeconds) {
        if (rate.unit().endsWith("-second")) {
            return Line.of(rate, unitSeconds);
        }
        require(rate.unit().endsWith("-hour"), "rate " + rate.key() + " is neither per second nor per hour: " + rate.unit());
        return Line.of(rate, unitSeconds / 3600);
    }

    public static Bill bill(PriceBook.Prices prices, Usage u) {
        var lines = new ArrayList<Line>();
        Line vcpu = timed(prices.rate("fargate.vcpu", u.arch()), u.taskSeconds() * u.vcpu());
        Line memory = timed(prices.rate("fargate.memory", u.arch()), u.taskSeconds() * u.memoryGb());
        lines.add(vcpu);
        lines.add(memory);
        if (u.ephemeralGb() > FREE_EPHEMERAL_GB) {
            lines.add(timed(prices.rate("fargate.ephemeral-storage"), u.taskSeconds() * (u.ephemeralGb() - FREE_EPHEMERAL_GB)));
        }
        if (u.spotShare() > 0 && u.spotDiscount() > 0) {
            double compute = vcpu.usd() + memory.usd();
            lines.add(Line.discount(String.format(java.util.Locale.ROOT, "Fargate Spot: %.0f %% of the task time at %.0f %% off",
                    u.spotShare() * 100, u.spotDiscount() * 100), compute * u.spotShare() * u.spotDiscount()));
        }
        return new Bill("Fargate", lines);
    }
}
