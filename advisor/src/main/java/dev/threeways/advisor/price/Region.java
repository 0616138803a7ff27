package dev.threeways.advisor.price;

import dev.threeways.advisor.Keyed;

/** The regions the price book holds. */
public enum Region implements Keyed {
    US_EAST_1("us-east-1", "US East (N. Virginia)"),
    AP_NORTHEAST_1("ap-northeast-1", "Asia Pacific (Tokyo)");

    private final String code;
    private final String label;

    Region(String code, String label) {
        this.code = code;
        this.label = label;
    }

    public String code() {
        return code;
    }

    @Override
    public String key() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The region with this code, or an error that lists the codes the book knows. */
    public static Region of(String code) {
        return Keyed.parse(Region.class, "region", code);
    }
}
