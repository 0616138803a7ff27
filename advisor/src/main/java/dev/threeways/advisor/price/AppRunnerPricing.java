package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.nonNegative;
import static dev.threeways.advisor.Checks.require;

import java.util.ArrayList;
import java.util.List;

/**
 * App Runner's monthly bill: memory for every instance-hour (provisioned or active, one price), vCPU only
 * while an instance is active (serving requests), and the optional automatic-deployment fee.
 */
public final class AppRunnerPricing {
    private AppRunnerPricing() {}

    /** The instance sizes App Runner offers (vCPU, GB). */
    public static final List<double[]> SIZES = List.of(
            new double[] {0.25, 0.5}, new double[] {0.25, 1}, new double[] {0.5, 1}, new double[] {1, 2},
            new double[] {1, 3}, new double[] {1, 4}, new double[] {2, 4}, new double[] {2, 6},
            new double[] {4, 8}, new double[] {4, 10}, new double[] {4, 12});

    public static void requireValid(double vcpu, double memoryGb) {
        for (double[] s : SIZES) {
            if (s[0] == vcpu && s[1] == memoryGb) {
                return;
            }
        }
        var offered = new StringBuilder();
        for (double[] s : SIZES) {
            offered.append(offered.isEmpty() ? "" : ", ").append(fmt(s[0])).append(" vCPU/").append(fmt(s[1])).append(" GB");
        }
        throw new IllegalArgumentException("App Runner offers no " + fmt(vcpu) + " vCPU / " + fmt(memoryGb)
                + " GB instance; it offers " + offered);
    }

    private static String fmt(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
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
