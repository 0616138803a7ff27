package dev.threeways.advisor.decide;

import static dev.threeways.advisor.Checks.require;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the quantities a user types ("20m", "8MB", "1.5B") and prints them back the way AWS states its
 * limits ("900 s", "6 MB", "10,240 MB"). Parse errors are IllegalArgumentExceptions that name the option.
 *
 * <p>KB, MB and GB are 1024-based (KiB, MiB, GiB). AWS writes Lambda's payload limit as "6 MB", but Lambda
 * counts it in binary units: an oversized synchronous invoke is refused with "Request must be smaller than
 * 6291456 bytes", which is 6 × 1024 × 1024. Lambda's memory setting and Fargate's task memory (1 GB = 1024
 * in a task definition) are binary too, so one convention serves every comparison the advisor makes.
 */
public final class Units {
    private Units() {}

    public static final long KB = 1024;
    public static final long MB = 1024 * KB;
    public static final long GB = 1024 * MB;

    // digits with optional '_' or ',' separators and a fraction, then an optional unit
    private static final Pattern QUANTITY = Pattern.compile("\\s*([+-]?(?:[0-9][0-9_,]*)?(?:\\.[0-9]+)?)\\s*([A-Za-z]*)\\s*");

    /** "250ms", "900s", "20m", "1.5h", "PT20M". A bare number is refused: seconds or minutes is a guess. */
    public static Duration parseDuration(String key, String text) {
        String t = text(key, text);
        if (t.toUpperCase(Locale.ROOT).startsWith("PT") || t.toUpperCase(Locale.ROOT).startsWith("-PT")) {
            try {
                return Duration.parse(t);
            } catch (java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(key + " must be a duration such as 250ms, 900s, 20m or 1h: " + text);
            }
        }
        Quantity q = quantity(key, text, "a duration such as 250ms, 900s, 20m or 1h");
        long nanosPerUnit = switch (q.unit) {
            case "ms" -> 1_000_000L;
            case "s", "sec" -> 1_000_000_000L;
            case "m", "min" -> 60_000_000_000L;
            case "h", "hr" -> 3_600_000_000_000L;
            case "" -> throw new IllegalArgumentException(key + " needs a unit (ms, s, m or h): " + text);
            default -> throw new IllegalArgumentException(key + " has an unknown unit '" + q.unit + "' (use ms, s, m or h): " + text);
        };
        BigDecimal nanos = q.number.multiply(BigDecimal.valueOf(nanosPerUnit)).setScale(0, RoundingMode.UP);
        require(nanos.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0, key + " is too long: " + text);
        return Duration.ofNanos(nanos.longValueExact());
    }

    /** "512" (bytes), "512B", "256KB", "8MB", "1GB"; binary units; a fraction is rounded up to a whole byte. */
    public static long parseBytes(String key, String text) {
        Quantity q = quantity(key, text, "a size such as 512, 256KB or 8MB");
        long unit = switch (q.unit) {
            case "", "b" -> 1;
            case "k", "kb", "kib" -> KB;
            case "m", "mb", "mib" -> MB;
            case "g", "gb", "gib" -> GB;
            default -> throw new IllegalArgumentException(key + " has an unknown unit '" + q.unit + "' (use B, KB, MB or GB): " + text);
        };
        return whole(key, text, q.number.multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.UP));
    }

    /** "512MB", "2GB", "512" (MB); binary units; a fraction is rounded up to a whole MB. */
    public static long parseMemoryMb(String key, String text) {
        Quantity q = quantity(key, text, "a memory size such as 512MB or 2GB");
        long unit = switch (q.unit) {
            case "", "m", "mb", "mib" -> 1;
            case "g", "gb", "gib" -> 1024;
            default -> throw new IllegalArgumentException(key + " has an unknown unit '" + q.unit + "' (use MB or GB): " + text);
        };
        return whole(key, text, q.number.multiply(BigDecimal.valueOf(unit)).setScale(0, RoundingMode.UP));
    }

    /** "2500", "150k", "10M", "1.5B" (thousand, million, billion); the result must be a whole number. */
    public static long parseCount(String key, String text) {
        Quantity q = quantity(key, text, "a count such as 2500, 150k, 10M or 1.5B");
        long unit = switch (q.unit) {
            case "" -> 1;
            case "k" -> 1_000;
            case "m" -> 1_000_000;
            case "b", "g" -> 1_000_000_000;
            default -> throw new IllegalArgumentException(key + " has an unknown suffix '" + q.unit + "' (use k, M or B): " + text);
        };
        BigDecimal n = q.number.multiply(BigDecimal.valueOf(unit));
        require(n.stripTrailingZeros().scale() <= 0, key + " must be a whole number: " + text);
        return whole(key, text, n.setScale(0, RoundingMode.UNNECESSARY));
    }

    /** A plain number such as "2.4". */
    public static double parseNumber(String key, String text) {
        Quantity q = quantity(key, text, "a number");
        require(q.unit.isEmpty(), key + " must be a plain number: " + text);
        return q.number.doubleValue();
    }

    /** "true" or "false", nothing else: a typo must not silently mean false. */
    public static boolean parseBoolean(String key, String text) {
        return switch (text(key, text).toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + " must be true or false: " + text);
        };
    }

    /** "250 ms", "900 s", "20 min", "3 h": the largest unit that shows the value exactly. */
    public static String duration(Duration d) {
        if (d.isNegative()) {
            return "-" + duration(d.negated());
        }
        long s = d.getSeconds();
        int nanos = d.getNano();
        if (nanos == 0 && s > 0 && s % 3600 == 0) {
            return number(s / 3600) + " h";
        }
        if (nanos == 0 && s > 0 && s % 60 == 0) {
            return number(s / 60) + " min";
        }
        if (nanos == 0 || s >= 1_000_000) {
            return number(s + nanos / 1e9) + " s";
        }
        return number(s * 1e3 + nanos / 1e6) + " ms";
    }

    /** A duration beside a limit stated in seconds: "20 min (1,200 s)", "300 s". */
    public static String durationInSeconds(Duration d) {
        String natural = duration(d);
        return natural.endsWith(" s") ? natural : natural + " (" + number(d.getSeconds() + d.getNano() / 1e9) + " s)";
    }

    /** "512 B", "256 KB", "8 MB", "1.5 MB"; a size no binary unit shows exactly is printed in bytes. */
    public static String bytes(long b) {
        String[] names = {"GB", "MB", "KB"};
        long[] units = {GB, MB, KB};
        for (int i = 0; i < units.length; i++) {
            if (Math.abs(b) >= units[i]) {
                // a power of two divides exactly; two decimals or fewer means the unit shows the size as it is
                BigDecimal q = BigDecimal.valueOf(b).divide(BigDecimal.valueOf(units[i])).stripTrailingZeros();
                if (q.scale() <= 2) {
                    return number(q.doubleValue()) + " " + names[i];
                }
            }
        }
        return number(b) + (Math.abs(b) >= KB ? " bytes" : " B");
    }

    /** "512 MB", "16 GB", "10,240 MB" for a limit stated in MB. */
    public static String memoryMb(long mb) {
        return mb >= 1024 && mb % 1024 == 0 ? number(mb / 1024) + " GB" : number(mb) + " MB";
    }

    /** "10,240", "0.25", "6": grouping, no trailing zeros, never scientific notation. */
    public static String number(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return Double.toString(x);
        }
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return String.format(Locale.ROOT, "%,d", (long) x);
        }
        BigDecimal d = BigDecimal.valueOf(x).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros();
        BigDecimal whole = d.setScale(0, RoundingMode.DOWN);
        String fraction = d.subtract(whole).abs().toPlainString();
        return (x < 0 && whole.signum() == 0 ? "-" : "") + String.format(Locale.ROOT, "%,d", whole.longValue())
                + fraction.substring(1);
    }

    /** A share as a percentage: 0.001 → "0.1 %". */
    public static String percent(double share) {
        return number(share * 100) + " %";
    }

    private record Quantity(BigDecimal number, String unit) {}

    private static Quantity quantity(String key, String text, String expected) {
        String t = text(key, text);
        Matcher m = QUANTITY.matcher(t);
        String digits = m.matches() ? m.group(1).replace("_", "").replace(",", "") : "";
        if (digits.isEmpty() || digits.equals("+") || digits.equals("-")) {
            throw new IllegalArgumentException(key + " must be " + expected + ": " + text);
        }
        try {
            return new Quantity(new BigDecimal(digits), m.group(2).toLowerCase(Locale.ROOT));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be " + expected + ": " + text);
        }
    }

    private static String text(String key, String text) {
        require(text != null && !text.isBlank(), key + " has no value");
        return text.strip();
    }

    private static long whole(String key, String text, BigDecimal n) {
        require(n.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0, key + " is too large: " + text);
        return n.longValueExact();
    }
}
