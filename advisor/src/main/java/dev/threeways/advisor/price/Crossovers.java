package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.finite;
import static dev.threeways.advisor.Checks.require;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * Monthly cost against volume, and the volumes where the cheapest way changes. Generic in what names a
 * way, so the benchmark report can use its own labels.
 */
public final class Crossovers {
    /** The volumes a cost curve spans, requests a month: from an internal tool to a large public API. */
    public static final double CURVE_FROM = 1e4;
    public static final double CURVE_TO = 1e10;

    /** Bisection stops when the bracket is this narrow relative to its ends. */
    static final double RELATIVE_TOLERANCE = 1e-9;
    private static final int MAX_SPLITS = 8;

    private Crossovers() {}

    /** A volume where the cheapest way changes from {@code cheaperBelow} to {@code cheaperAbove}. */
    public record Crossover<K>(K cheaperBelow, K cheaperAbove, double requestsPerMonth) {}

    /** One point of a way's cost curve. */
    public record Point(double requestsPerMonth, double usd) {}

    /** Volumes from {@code from} to {@code to}, evenly spaced in log10 with {@code perDecade} points a decade, ends included. */
    public static List<Double> volumes(double from, double to, int perDecade) {
        require(finite(from) && finite(to) && from > 0 && to > from, "volumes must satisfy 0 < from < to: " + from + ", " + to);
        require(perDecade > 0, "points per decade must be positive: " + perDecade);
        int n = (int) Math.ceil(Math.log10(to / from) * perDecade - 1e-9);
        var out = new ArrayList<Double>(n + 1);
        double start = Math.log10(from);
        for (int i = 0; i < n; i++) {
            out.add(Math.pow(10, start + (double) i / perDecade));
        }
        out.add(to);
        return List.copyOf(out);
    }

    /** Each way's cost at each volume, in the order the cost function lists the ways. */
    public static <K> Map<K, List<Point>> curves(DoubleFunction<Map<K, Double>> costAt, List<Double> volumes) {
        var points = new LinkedHashMap<K, List<Point>>();
        for (double v : volumes) {
            costAt.apply(v).forEach((way, usd) -> points.computeIfAbsent(way, w -> new ArrayList<>()).add(new Point(v, usd)));
        }
        var out = new LinkedHashMap<K, List<Point>>();
        points.forEach((k, list) -> out.put(k, List.copyOf(list)));
        return out;
    }

    /**
     * Where the cheapest way changes across {@code grid} (ascending volumes): between each pair of neighbours
     * whose cheapest way differs, bisects (in log volume) on the sign of the two ways' cost difference; when a
     * third way turns out cheapest inside the bracket, splits there and searches each half again.
     */
    public static <K> List<Crossover<K>> find(DoubleFunction<Map<K, Double>> costAt, List<Double> grid) {
        require(grid.size() >= 2, "a grid needs two volumes at least");
        var found = new ArrayList<Crossover<K>>();
        for (int i = 1; i < grid.size(); i++) {
            require(grid.get(i) > grid.get(i - 1) && grid.get(i - 1) > 0, "grid volumes must be positive and ascend");
            search(costAt, grid.get(i - 1), grid.get(i), found, MAX_SPLITS);
        }
        return List.copyOf(found);
    }

    private static <K> void search(DoubleFunction<Map<K, Double>> costAt, double lo, double hi, List<Crossover<K>> found,
                                   int splitsLeft) {
        K below = cheapest(costAt.apply(lo));
        K above = cheapest(costAt.apply(hi));
        if (below.equals(above)) {
            return;
        }
        double a = lo;
        double b = hi;
        // invariant: at a the "below" way is cheaper than the "above" way; at b it is not
        while (b / a - 1 > RELATIVE_TOLERANCE) {
            double mid = Math.sqrt(a * b);
            if (mid <= a || mid >= b) {
                break;
            }
            Map<K, Double> usd = costAt.apply(mid);
            if (usd.get(below) < usd.get(above)) {
                a = mid;
            } else {
                b = mid;
            }
        }
        double at = Math.sqrt(a * b);
        K justBelow = cheapest(costAt.apply(a));
        K justAbove = cheapest(costAt.apply(b));
        if (justBelow.equals(below) && justAbove.equals(above)) {
            found.add(new Crossover<>(below, above, at));
        } else if (splitsLeft > 0) {
            // a third way is cheapest somewhere in the bracket: the two-way root is not where the cheapest changes
            search(costAt, lo, a, found, splitsLeft - 1);
            search(costAt, b, hi, found, splitsLeft - 1);
        } else {
            found.add(new Crossover<>(justBelow, justAbove, at));
        }
    }

    /** The cheapest way; a tie goes to the way listed first. */
    public static <K> K cheapest(Map<K, Double> usd) {
        K best = null;
        double bestUsd = Double.POSITIVE_INFINITY;
        for (var e : usd.entrySet()) {
            if (best == null || e.getValue() < bestUsd) {
                best = e.getKey();
                bestUsd = e.getValue();
            }
        }
        require(best != null, "no way was priced");
        return best;
    }
}
