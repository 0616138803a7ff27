package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.finite;
import static dev.threeways.advisor.Checks.require;

/** An upper bound on a month's cumulative quantity and the price of each unit below it (and above the tier before). */
public record Tier(double upTo, double usd) {
    public Tier {
        require(upTo > 0, "a tier must end above zero: " + upTo);
        require(finite(usd) && usd >= 0, "a price must not be negative: " + usd);
    }
}
