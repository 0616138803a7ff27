package dev.threeways.advisor.price;

/** One line of a monthly bill: a rate applied to a quantity. */
public record Line(String item, double quantity, String unit, double usd, String key) {

    public static Line of(Rate rate, double quantity) {
        return new Line(rate.what(), quantity, rate.unit(), rate.charge(quantity), rate.key());
    }

    /** A line that takes a share off another (a discount): negative dollars. */
    static Line discount(String item, double usd) {
        return new Line(item, 1, "discount", -usd, "discount");
    }
}
