package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.nonNegative;
import static dev.threeways.advisor.Checks.require;

import java.util.ArrayList;

/**
 * Lambda's monthly bill: requests, duration in GB-seconds by architecture with the volume tiers, the INIT
 * phase (billed for on-demand functions since 2025-08-01), ephemeral storage above the free 512 MB,
 * Provisioned Concurrency, and the free tier as an option.
 */
public final class LambdaPricing {
    static final double MB_PER_GB = 1024;
    static final int FREE_EPHEMERAL_MB = 512;

    private LambdaPricing() {}

    /**
     * Provisioned Concurrency configured on a function.
     *
     * @param concurrency   environments kept initialized
     * @param hours         hours a month it is enabled (Lambda rounds each enablement up to five minutes)
     * @param requests      requests a month those environments serve (billed at the provisioned duration price)
     * @param meanBilledMs  their mean billed duration
     */
    public record Provisioned(int concurrency, double hours, double requests, double meanBilledMs) {
        public static final Provisioned NONE = new Provisioned(0, 0, 0, 0);

        public Provisioned {
            require(concurrency >= 0, "provisioned concurrency must be 0 or more: " + concurrency);
            nonNegative(hours, "provisioned hours");
            nonNegative(requests, "requests served by provisioned concurrency");
            nonNegative(meanBilledMs, "their billed duration (ms)");
        }
    }

    /**
     * A month of one function (or of all functions of one architecture in a region: the tiers count them together).
     *
     * @param requests           requests a month, on-demand and provisioned together
     * @param meanBilledMs       mean billed duration of an on-demand request (each rounded up to 1 ms)
     * @param memoryMb           configured memory, 128..10 240 MB
     * @param inits              on-demand cold starts a month; each bills its INIT phase
     * @param initBilledMs       the INIT phase of one cold start
     * @param ephemeralStorageMb configured /tmp, 512..10 240 MB; above 512 MB it is billed
     * @param freeTier           subtract the monthly free tier (1 M requests, 400 000 GB-seconds)
     */
    public record Usage(double requests, double meanBilledMs, int memoryMb, Arch arch, double inits, double initBilledMs,
                        int ephemeralStorageMb, boolean freeTier, Provisioned provisioned) {
        public Usage {
            nonNegative(requests, "requests");
            nonNegative(meanBilledMs, "billed duration (ms)");
            require(memoryMb >= 128 && memoryMb <= 10_240, "Lambda memory must be 128..10240 MB: " + memoryMb);
            require(arch != null, "an architecture is required");
            nonNegative(inits, "cold starts");
            nonNegative(initBilledMs, "init duration (ms)");
            require(ephemeralStorageMb >= 512 && ephemeralStorageMb <= 10_240,
                    "Lambda ephemeral storage must be 512..10240 MB: " + ephemeralStorageMb);
            require(provisioned != null, "provisioned concurrency is required (Provisioned.NONE for none)");
            require(provisioned.requests() <= requests, "provisioned concurrency cannot serve more requests ("
                    + provisioned.requests() + ") than the function gets (" + requests + ")");
        }

        /** On-demand only, 512 MB of /tmp, no free tier. */
        public static Usage onDemand(double requests, double meanBilledMs, int memoryMb, Arch arch) {
            return new Usage(requests, meanBilledMs, memoryMb, arch, 0, 0, FREE_EPHEMERAL_MB, false, Provisioned.NONE);
        }

        public Usage withFreeTier(boolean on) {
            return new Usage(requests, meanBilledMs, memoryMb, arch, inits, initBilledMs, ephemeralStorageMb, on, provisioned);
        }

        public Usage withInits(double count, double billedMs) {
            return new Usage(requests, meanBilledMs, memoryMb, arch, count, billedMs, ephemeralStorageMb, freeTier, provisioned);
        }

        public Usage withEphemeralStorage(int mb) {
            return new Usage(requests, meanBilledMs, memoryMb, arch, inits, initBilledMs, mb, freeTier, provisioned);
        }

        public Usage withProvisioned(Provisioned p) {
            return new Usage(requests, meanBilledMs, memoryMb, arch, inits, initBilledMs, ephemeralStorageMb, freeTier, p);
        }

        public double memoryGb() {
            return memoryMb / MB_PER_GB;
        }
    }

    public static Bill bill(PriceBook.Prices prices, Usage u) {
        var lines = new ArrayList<Line>();
        double gb = u.memoryGb();
        double onDemandRequests = u.requests() - u.provisioned().requests();
        double onDemandSeconds = onDemandRequests * u.meanBilledMs() / 1000 + u.inits() * u.initBilledMs() / 1000;
        double provisionedSeconds = u.provisioned().requests() * u.provisioned().meanBilledMs() / 1000;

        double requests = u.requests();
        double gbSeconds = onDemandSeconds * gb;
        if (u.freeTier()) {
            requests = Math.max(0, requests - prices.rate("lambda.free-tier.requests").value());
            gbSeconds = Math.max(0, gbSeconds - prices.rate("lambda.free-tier.gb-seconds").value());
        }
        lines.add(Line.of(prices.rate("lambda.requests"), requests / 1e6));
        lines.add(Line.of(prices.rate("lambda.duration", u.arch()), gbSeconds));
        if (u.ephemeralStorageMb() > FREE_EPHEMERAL_MB) {
            double extraGb = (u.ephemeralStorageMb() - FREE_EPHEMERAL_MB) / MB_PER_GB;
            lines.add(Line.of(prices.rate("lambda.ephemeral-storage", u.arch()), extraGb * (onDemandSeconds + provisionedSeconds)));
        }
        Provisioned p = u.provisioned();
        if (p.concurrency() > 0) {
            lines.add(Line.of(prices.rate("lambda.provisioned-concurrency", u.arch()), p.concurrency() * gb * p.hours() * 3600));
            lines.add(Line.of(prices.rate("lambda.provisioned-duration", u.arch()), provisionedSeconds * gb));
        }
        return new Bill("Lambda", lines);
    }
}
