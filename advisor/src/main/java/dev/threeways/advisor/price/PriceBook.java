package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.require;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * AWS list prices as versioned data: one tab-separated file per day the prices were read
 * ({@code prices-<version>.tsv} beside this class), every figure with its page and date. A new reading
 * is a new file, so a report priced on an older book can be re-priced on it.
 *
 * <p>Columns: region, key, what, unit, tiers, source, taken. Tiers are {@code price@upTo} pairs separated
 * by {@code ;}, cumulative over the month, the last without a bound: {@code 0.0000166667@6e9;0.000015@15e9;0.0000133334}.
 */
public final class PriceBook {
    /** The newest reading. */
    public static final String CURRENT = "2026-12-07";

    private final String version;
    private final Map<Region, Map<String, Rate>> rates;

    private PriceBook(String version, Map<Region, Map<String, Rate>> rates) {
        this.version = version;
        this.rates = rates;
    }

    public static PriceBook current() {
        return load(CURRENT);
    }

    public static PriceBook load(String version) {
        require(version != null && version.matches("\\d{4}-\\d{2}-\\d{2}"), "a price book version is a date: " + version);
        String name = "prices-" + version + ".tsv";
        try (InputStream in = PriceBook.class.getResourceAsStream(name)) {
            require(in != null, "no price book " + version + " (the current one is " + CURRENT + ")");
            return parse(version, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PriceBook parse(String version, List<String> lines) {
        var byRegion = new EnumMap<Region, Map<String, Rate>>(Region.class);
        int n = 0;
        for (String line : lines) {
            n++;
            if (line.isBlank() || line.startsWith("#") || line.startsWith("region\t")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            require(f.length == 7, "price book " + version + " line " + n + ": 7 tab-separated fields expected, got " + f.length);
            Region region = Region.of(f[0]);
            Rate rate = new Rate(f[1], f[2], f[3], tiers(f[4], version, n), f[5], f[6]);
            Rate before = byRegion.computeIfAbsent(region, r -> new LinkedHashMap<>()).put(rate.key(), rate);
            require(before == null, "price book " + version + " line " + n + ": " + rate.key() + " twice for " + region.code());
        }
        var frozen = new EnumMap<Region, Map<String, Rate>>(Region.class);
        byRegion.forEach((r, m) -> frozen.put(r, Collections.unmodifiableMap(m)));
        return new PriceBook(version, Collections.unmodifiableMap(frozen));
    }

    private static List<Tier> tiers(String field, String version, int line) {
        var out = new ArrayList<Tier>();
        String[] parts = field.split(";");
        for (int i = 0; i < parts.length; i++) {
            String[] pair = parts[i].trim().split("@");
            boolean last = i == parts.length - 1;
            try {
                double usd = Double.parseDouble(pair[0]);
                require(last == (pair.length == 1), "price book " + version + " line " + line
                        + ": every tier but the last needs @upTo, the last none: " + field);
                out.add(new Tier(last ? Double.POSITIVE_INFINITY : Double.parseDouble(pair[1]), usd));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("price book " + version + " line " + line + ": not a number in " + field);
            }
        }
        return out;
    }

    public String version() {
        return version;
    }

    /** The regions this book prices. */
    public List<Region> regions() {
        return List.copyOf(rates.keySet());
    }

    /** The rate for a key in a region, or an error naming both. */
    public Rate rate(Region region, String key) {
        Map<String, Rate> inRegion = rates.get(region);
        require(inRegion != null, "price book " + version + " has no prices for " + region.code());
        Rate rate = inRegion.get(key);
        require(rate != null, "price book " + version + " has no " + key + " for " + region.code());
        return rate;
    }

    /** Every rate of a region, in the file's order. */
    public List<Rate> rates(Region region) {
        Map<String, Rate> inRegion = rates.get(region);
        require(inRegion != null, "price book " + version + " has no prices for " + region.code());
        return List.copyOf(inRegion.values());
    }

    /** The prices of one region: what the pricing code reads. */
    public Prices in(Region region) {
        return new Prices(this, region);
    }

    /** One region's view of the book. */
    public record Prices(PriceBook book, Region region) {
        public Rate rate(String key) {
            return book.rate(region, key);
        }

        public Rate rate(String key, Arch arch) {
            return book.rate(region, key + "." + arch.key());
        }
    }
}
