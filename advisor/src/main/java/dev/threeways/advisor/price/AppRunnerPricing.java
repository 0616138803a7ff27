package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.nonNegative;
import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.decide.ComputeSize;
import dev.threeways.advisor.decide.Limits;
import dev.threeways.advisor.decide.Units;
import java.util.ArrayList;

/**
 * App Runner's monthly bill: memory for every instance-hour (provisioned or active, one price), vCPU only
 * while an instance is active (serving requests), and the optional automatic-deployment fee.
 */
public final class AppRunnerPricing {
    private AppRunnerPricing() {}

    /** The instance, or an error that lists the sizes App Runner offers. */
    public static ComputeSize requireValid(double vcpu, double memoryGb) {
        for (ComputeSize s : Limits.APP_RUNNER_SIZES) {
            if (s.vcpu() == vcpu && s.memoryGb() == memoryGb) {
                return s;
            }
        }
        throw new IllegalArgumentException("App Runner offers no " + Units.number(vcpu) + " vCPU / " + Units.number(memoryGb)
                + " GB instance; it offers " + Limits.APP_RUNNER_SIZES.stream().map(ComputeSize::toString)
                .collect(java.util.stream.Collectors.joining(", ")));
    }

    /** The smallest instance with at least this vCPU and memory, or null: none is that big. */
    public static ComputeSize smallestFitting(double vcpu, double memoryGb) {
        return Limits.APP_RUNNER_SIZES.stream().filter(s -> s.vcpu() >= vcpu && s.memoryGb() >= memoryGb)
                .findFirst().orElse(null);
    }

    /**
     * @param instanceHours       instance-hours a month, provisioned and active together
     * @param activeInstanceHours the part of them spent active
     * @param automaticDeployments whether the service deploys on every push (a monthly fee per application)
     */
    public record Usage(double vcpu, double memoryGb, double instanceHours, double activeInstanceHours,
                        boolean automaticDeployments) {
        public Usage {
            requireValid(vcpu, memoryGb);
            nonNegative(instanceHours, "instance-hours");
            nonNegative(activeInstanceHours, "active instance-hours");
            require(activeInstanceHours <= instanceHours + 1e-9, "active instance-hours (" + activeInstanceHours
                    + ") cannot exceed instance-hours (" + instanceHours + ")");
        }
    }

    public static Bill bill(PriceBook.Prices prices, Usage u) {
        var lines = new ArrayList<Line>();
        lines.add(Line.of(prices.rate("apprunner.vcpu-hour"), u.activeInstanceHours() * u.vcpu()));
        lines.add(Line.of(prices.rate("apprunner.gb-hour"), u.instanceHours() * u.memoryGb()));
        if (u.automaticDeployments()) {
            lines.add(Line.of(prices.rate("apprunner.automatic-deployments"), 1));
        }
        return new Bill("App Runner", lines);
    }
}
