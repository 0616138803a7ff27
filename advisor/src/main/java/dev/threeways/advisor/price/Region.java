package dev.threeways.advisor.price;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The regions the price book holds. */
public enum Region {
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

    public String label() {
        return label;
    }

    /** The region with this code, or an error that lists the codes the book knows. */
    public static Region of(String code) {
        for (Region r : values()) {
            if (r.code.equalsIgnoreCase(code == null ? "" : code.trim())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown region: " + code + " (priced: "
                + Arrays.stream(values()).map(Region::code).collect(Collectors.joining(", ")) + ")");
    }
}
