package dev.threeways.advisor;

import static dev.threeways.advisor.Checks.finite;
import static dev.threeways.advisor.Checks.require;

import java.util.ArrayList;
import java.util.List;

/**
 * How a month of requests falls over a day, the same every day: {@code peakHoursPerDay} hours at
 * {@code peakToMean} times the month's mean rate, the rest of the day's requests spread evenly over
 * the other active hours, and nothing in the idle hours.
 *
 * @param requestsPerMonth  the volume the profile is named for; a cost model may price its shape at another
 * @param activeHoursPerDay hours a day in which requests arrive (0 &lt; h ≤ 24)
 * @param peakHoursPerDay   hours a day at the peak rate (≤ active hours)
 * @param peakToMean        the peak rate over the mean rate of the whole month (≥ 1)
 * @param coldStartShare    share of Lambda invocations that start a new execution environment (0..1)
 */
public record TrafficProfile(String name, String description, long requestsPerMonth, double activeHoursPerDay,
                             double peakHoursPerDay, double peakToMean, double coldStartShare) {

    /** AWS prices a month as 730 hours. */
    public static final double HOURS_PER_MONTH = 730;
    public static final double DAYS_PER_MONTH = HOURS_PER_MONTH / 24;
    private static final double EPSILON = 1e-9;

    public TrafficProfile {
        require(name != null && !name.isBlank(), "a profile needs a name");
        require(description != null, "a profile needs a description");
        require(requestsPerMonth > 0, "requests per month must be positive: " + requestsPerMonth);
        require(finite(activeHoursPerDay) && activeHoursPerDay > 0 && activeHoursPerDay <= 24,
                "active hours per day must be in (0, 24]: " + activeHoursPerDay);
        require(finite(peakHoursPerDay) && peakHoursPerDay > 0 && peakHoursPerDay <= activeHoursPerDay,
                "peak hours per day must be in (0, active hours]: " + peakHoursPerDay);
        require(finite(peakToMean) && peakToMean >= 1, "peak-to-mean must be at least 1: " + peakToMean);
        require(finite(coldStartShare) && coldStartShare >= 0 && coldStartShare <= 1,
                "cold-start share must be in [0, 1]: " + coldStartShare);
        double peakShare = peakToMean * peakHoursPerDay / 24;
        double offPeakHours = activeHoursPerDay - peakHoursPerDay;
        if (offPeakHours < EPSILON) {
            require(Math.abs(peakShare - 1) < 1e-6, "with no off-peak hours the peak must carry the whole day: peak-to-mean × peak hours / 24 = "
                    + peakShare + ", expected 1 (peak-to-mean " + 24 / peakHoursPerDay + ")");
        } else {
            require(peakShare <= 1 + EPSILON, "the peak carries more than the whole day: peak-to-mean × peak hours / 24 = " + peakShare);
            require((1 - peakShare) / offPeakHours <= peakShare / peakHoursPerDay + EPSILON,
                    "the off-peak rate would exceed the peak rate");
        }
    }

    /*
     * The four profiles. Volumes are chosen to sit in each way's interesting range; the cost curves price
     * the steady shape at every volume, so the profiles are examples, not the whole story.
     *
     * Cold-start shares (what Lambda bills an init for). A warm environment serves requests one at a time
     * and Lambda replaces it every few hours even when busy, and reclaims it after minutes idle (neither
     * figure is documented; observed lifetimes are hours, idle reclaim 5–15 minutes). AWS says cold starts
     * are typically under 1 % of invocations in production.
     * - steady, 10 M/month ≈ 3.8 requests/s: at tens of milliseconds a request, one or two environments,
     *   each replaced every couple of hours, plus scale-outs on Poisson bursts: well under 0.1 %; 0.02 %.
     * - spiky, same volume: every day the climb to 6× the mean starts environments that the 0.3× lull
     *   lets go; ten or twenty a day plus the steady churn: 0.1 % keeps a margin.
     * - mostly idle, 2 500/month ≈ 8 an hour in working hours: a gap of ~7 minutes between requests is
     *   about as long as an idle environment lives, so about half the requests find none: 50 %.
     * - nightly batch, 2 M/month ≈ 66 000 in one hour a night (≈ 18/s): the previous night's environments
     *   are long gone, so each night starts the few it needs (a handful) cold: ~0.01 %.
     */
    public static final TrafficProfile STEADY = new TrafficProfile("steady",
            "10 M requests a month spread evenly around the clock (≈ 3.8 requests/s)",
            10_000_000L, 24, 24, 1, 0.0002);
    public static final TrafficProfile SPIKY = new TrafficProfile("spiky",
            "the steady volume, but 75 % of it in 3 peak hours a day at 6× the mean; 0.29× the mean the other 21 hours",
            10_000_000L, 24, 3, 6, 0.001);
    public static final TrafficProfile MOSTLY_IDLE = new TrafficProfile("mostly idle",
            "an internal tool: 2 500 requests a month, a few an hour during 10 working hours a day, none at night",
            2_500L, 10, 10, 2.4, 0.5);
    public static final TrafficProfile NIGHTLY_BATCH = new TrafficProfile("nightly batch",
            "2 M requests a month in a one-hour burst each night (≈ 18 requests/s), idle the other 23 hours",
            2_000_000L, 1, 1, 24, 0.0001);

    public static List<TrafficProfile> all() {
        return List.of(STEADY, SPIKY, MOSTLY_IDLE, NIGHTLY_BATCH);
    }

    /** The share of a day's requests that arrive in the peak hours. */
    public double peakShare() {
        return Math.min(1, peakToMean * peakHoursPerDay / 24);
    }

    /** The mean rate over the whole month (requests/s) at {@code requestsPerMonth} requests. */
    public static double meanPerSecond(double requestsPerMonth) {
        return requestsPerMonth / (HOURS_PER_MONTH * 3600);
    }

    /** The peak rate (requests/s) of this shape at a volume. */
    public double peakPerSecond(double requestsPerMonth) {
        return peakToMean * meanPerSecond(requestsPerMonth);
    }

    /**
     * A day of this shape at a volume: the peak hours, the other active hours, the idle hours, each with
     * its rate; parts of no length are left out. The hours add up to 24 and rate × hours to a day's volume.
     */
    public List<Part> day(double requestsPerMonth) {
        require(finite(requestsPerMonth) && requestsPerMonth >= 0, "requests per month must not be negative: " + requestsPerMonth);
        double perDay = requestsPerMonth / DAYS_PER_MONTH;
        var parts = new ArrayList<Part>(3);
        parts.add(new Part(peakHoursPerDay, perDay * peakShare() / (peakHoursPerDay * 3600)));
        double offPeakHours = activeHoursPerDay - peakHoursPerDay;
        if (offPeakHours > EPSILON) {
            parts.add(new Part(offPeakHours, perDay * (1 - peakShare()) / (offPeakHours * 3600)));
        }
        if (24 - activeHoursPerDay > EPSILON) {
            parts.add(new Part(24 - activeHoursPerDay, 0));
        }
        return List.copyOf(parts);
    }

    /** A stretch of each day at one rate. */
    public record Part(double hoursPerDay, double perSecond) {
        public double hoursPerMonth() {
            return hoursPerDay * DAYS_PER_MONTH;
        }
    }
}
