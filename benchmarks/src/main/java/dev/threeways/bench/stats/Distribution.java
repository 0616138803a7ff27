package dev.threeways.bench.stats;

import java.util.Arrays;
import java.util.List;

/**
 * A small sample (cold starts: one per fresh process) summarised by nearest-rank percentiles, which
 * are always an observed value: with ten starts "p90" is the ninth fastest, not an interpolation
 * between two processes that never happened.
 */
public final class Distribution {
    private final double[] sorted;

    private Distribution(double[] sorted) {
        this.sorted = sorted;
    }

    public static Distribution of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a distribution needs at least one sample");
        }
        double[] values = samples.stream().mapToDouble(Double::doubleValue).toArray();
        for (double v : values) {
            if (Double.isNaN(v) || v < 0) {
                throw new IllegalArgumentException("a duration sample must be a non-negative number: " + v);
            }
        }
        Arrays.sort(values);
        return new Distribution(values);
    }

    /** Nearest rank: the smallest sample with at least {@code p} percent of the samples at or below it. */
    public double percentile(double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }

    public double median() {
        return percentile(50);
    }

    public double min() {
        return sorted[0];
    }

    public double max() {
        return sorted[sorted.length - 1];
    }

    public double mean() {
        return Arrays.stream(sorted).average().orElseThrow();
    }

    public int count() {
        return sorted.length;
    }
}
