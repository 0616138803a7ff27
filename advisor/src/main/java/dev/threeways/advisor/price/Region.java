package dev.threeways.advisor.price;

import dev.threeways.advisor.Keyed;

/** The regions the price book holds. */
public enum Region implements Keyed {
    US_EAST_1("US East (N. Virginia)"),
    AP_NORTHEAST_1("Asia Pacific (Tokyo)");

    private final String label;

    Region(String label) {
        this.label = label;
    }

    /** The region's code, as AWS writes it. */
    public String code() {
        return key();
    }

    public String label() {
        return label;
    }

    /** The region with this code, or an error that lists the codes the book knows. */
    public static Region of(String code) {
        return Keyed.parse(Region.class, "region", code);
    }
}
