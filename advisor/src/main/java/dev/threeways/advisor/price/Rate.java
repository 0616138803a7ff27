package dev.threeways.advisor.price;

import static dev.threeways.advisor.Checks.finite;
import static dev.threeways.advisor.Checks.require;

import java.util.List;

/**
 * One figure of a price book, flat or in volume tiers, with the page it was read from and the day.
 * Most figures are prices (US dollars per {@code unit}); a few are allowances (a free tier's quantity),
 * which {@link #value()} reads.
 *
 * @param key    what the pricing code asks the book for, e.g. {@code lambda.duration.arm}
 * @param what   the figure in words, as the page names it
 * @param unit   the unit one price is for ("per GB-second", "per million requests")
 * @param tiers  ascending cumulative bounds, the last open-ended
 * @param source the page the figure was read from
 * @param taken  the day it was read (ISO date)
 */
public record Rate(String key, String what, String unit, List<Tier> tiers, String source, String taken) {
    public Rate {
        require(key != null && !key.isBlank(), "a rate needs a key");
        tiers = List.copyOf(tiers);
        require(!tiers.isEmpty(), "rate " + key + " needs a tier");
        require(tiers.getLast().upTo() == Double.POSITIVE_INFINITY, "the last tier of " + key + " must be open-ended");
        for (int i = 1; i < tiers.size(); i++) {
            require(tiers.get(i).upTo() > tiers.get(i - 1).upTo(), "tiers of " + key + " must ascend");
        }
        require(source != null && source.startsWith("https://"), "rate " + key + " needs an https source: " + source);
        require(taken != null && taken.matches("\\d{4}-\\d{2}-\\d{2}"), "rate " + key + " needs an ISO date: " + taken);
    }

    /** The charge for a month's quantity, each part at its tier's price. */
    public double charge(double quantity) {
        require(finite(quantity) && quantity >= 0, "quantity of " + what + " must be a number, 0 or more: " + quantity);
        double usd = 0;
        double below = 0;
        for (Tier tier : tiers) {
            if (quantity <= below) {
                break;
            }
            usd += (Math.min(quantity, tier.upTo()) - below) * tier.usd();
            below = tier.upTo();
        }
        return usd;
    }

    /** The figure of a flat rate (a price or an allowance). */
    public double value() {
        require(tiers.size() == 1, "rate " + key + " is tiered; it has no single value");
        return tiers.getFirst().usd();
    }

    public boolean tiered() {
        return tiers.size() > 1;
    }
}
