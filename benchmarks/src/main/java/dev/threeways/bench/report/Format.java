package dev.threeways.bench.report;

import java.util.Locale;

/**
 * Numbers as a reader wants them: no false precision (a 412.37 ms cold start is "412"), but a tenth of
 * a millisecond kept where it is still information (below 10). One place, so the Markdown and the HTML
 * never disagree about a figure.
 */
public final class Format {
    /** Shown where a figure is missing or undefined, rather than "NaN" or an empty cell. */
    public static final String NONE = "–";

    private Format() {}

    /** Milliseconds (or any magnitude read the same way): one decimal below 10, none above. */
    public static String ms(double value) {
        if (!Double.isFinite(value)) {
            return NONE;
        }
        return Math.abs(value) < 10
                ? String.format(Locale.ROOT, "%.1f", value)
                : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** An axis tick: as many decimals as the tick has, so 0 is "0" and a tenth stays "0.1". */
    public static String tick(double value) {
        if (!Double.isFinite(value)) {
            return NONE;
        }
        return value == Math.rint(value)
                ? String.format(Locale.ROOT, "%,.0f", value)
                : trim(String.format(Locale.ROOT, "%.6f", value));
    }

    /** Rates, MiB and other plain quantities follow the same rule as milliseconds. */
    public static String number(double value) {
        return ms(value);
    }

    public static String usd(double value) {
        if (!Double.isFinite(value)) {
            return NONE;
        }
        return (value < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,.2f", Math.abs(value));
    }

    /** Axis labels need less: "$0.1", "$10", "$1.2k". */
    public static String usdShort(double value) {
        if (!Double.isFinite(value)) {
            return NONE;
        }
        if (value >= 1000) {
            return "$" + compact(value);
        }
        return "$" + trim(String.format(Locale.ROOT, value >= 1 ? "%.1f" : "%.2g", value));
    }

    /** Request counts as a reader says them: 999, 250k, 1.2M, 3.4B. */
    public static String compact(double value) {
        if (!Double.isFinite(value)) {
            return NONE;
        }
        double abs = Math.abs(value);
        String[] suffixes = {"", "k", "M", "B", "T"};
        int i = 0;
        while (i < suffixes.length - 1 && abs >= 999.5) {
            abs /= 1000;
            i++;
        }
        // rounding 999.96k would print "1000.0k"; move it up a unit instead
        if (i < suffixes.length - 1 && abs >= 999.5) {
            abs /= 1000;
            i++;
        }
        String digits = abs < 10 && i > 0
                ? trim(String.format(Locale.ROOT, "%.1f", abs))
                : String.format(Locale.ROOT, "%.0f", abs);
        return (value < 0 ? "-" : "") + digits + suffixes[i];
    }

    /** "2.31×": how many times the reference. */
    public static String ratio(double value) {
        if (!Double.isFinite(value)) {
            return NONE;
        }
        return String.format(Locale.ROOT, value < 99.5 ? "%.2f×" : "%,.0f×", value);
    }

    /**
     * A ratio with its spread across repetitions, "0.31× (0.27–0.35, n=3)"; measured once it says
     * "0.31× (n=1)", so a reader sees it was not repeated.
     */
    public static String ratio(Report.Ratio r) {
        String ratio = ratio(r.ratio());
        if (NONE.equals(ratio)) {
            return ratio;
        }
        if (r.repetitions() <= 1) {
            return ratio + " (n=1)";
        }
        return ratio + " (" + bareRatio(r.low()) + "–" + bareRatio(r.high()) + ", n=" + r.repetitions() + ")";
    }

    /**
     * A median with its spread, "2.1 ms (1.9–2.4, n=3)"; from one sample "2.1 ms (n=1)".
     *
     * @param low  the lower end of the spread (a minimum, or a quartile: the caller says which)
     * @param high the upper end
     */
    public static String spread(double median, double low, double high, int n, String unit) {
        String value = withUnit(median, unit);
        if (n <= 1) {
            return value + " (n=1)";
        }
        return value + " (" + ms(low) + "–" + ms(high) + ", n=" + n + ")";
    }

    /** A percentile as its name: 50, 99, 99.9. */
    public static String percentile(double p) {
        return trim(String.format(Locale.ROOT, "%.4f", p));
    }

    /** "812 ms", "3.1 MiB": a figure with its unit, the unit left off when there is none. */
    public static String withUnit(double value, String unit) {
        String number = ms(value);
        return unit == null || unit.isBlank() ? number : number + " " + unit;
    }

    public static String seconds(double seconds) {
        if (!Double.isFinite(seconds)) {
            return NONE;
        }
        if (seconds < 120) {
            return ms(seconds) + " s";
        }
        if (seconds < 7200) {
            return ms(seconds / 60) + " min";
        }
        return ms(seconds / 3600) + " h";
    }

    public static String mebibytes(long mib) {
        return mib >= 1024 ? ms(mib / 1024.0) + " GiB" : mib + " MiB";
    }

    /** Lower case, every run of other characters one dash: "App Runner" and "/hello" make "app-runner-hello". */
    public static String slug(String text) {
        String slug = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.isEmpty() ? "x" : slug;
    }

    /** A ratio's number without its sign, for the ends of a range. */
    private static String bareRatio(double value) {
        return Double.isFinite(value)
                ? String.format(Locale.ROOT, value < 99.5 ? "%.2f" : "%,.0f", value)
                : NONE;
    }

    private static String trim(String decimal) {
        if (!decimal.contains(".") || decimal.contains("e")) {
            return decimal;
        }
        return decimal.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
