package dev.threeways.advisor.price;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** A month's bill for one service (or one way with what it needs in front), line by line. */
public record Bill(String what, List<Line> lines) {
    public Bill {
        lines = List.copyOf(lines);
    }

    /** The exact total: the sum of the lines, unrounded. */
    public double total() {
        return lines.stream().mapToDouble(Line::usd).sum();
    }

    /** The total as a bill shows it: rounded half up to the cent. */
    public BigDecimal cents() {
        return toCents(total());
    }

    /** The charge of the lines whose key starts with {@code prefix}. */
    public double usd(String keyPrefix) {
        return lines.stream().filter(l -> l.key().startsWith(keyPrefix)).mapToDouble(Line::usd).sum();
    }

    /** This bill and the lines of another under one name. */
    public Bill plus(String name, Bill other) {
        var all = new java.util.ArrayList<>(lines);
        all.addAll(other.lines());
        return new Bill(name, all);
    }

    public static BigDecimal toCents(double usd) {
        return BigDecimal.valueOf(usd).setScale(2, RoundingMode.HALF_UP);
    }
}
