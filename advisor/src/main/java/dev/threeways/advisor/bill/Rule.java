package dev.threeways.advisor.bill;

import dev.threeways.advisor.price.Line;
import java.util.List;
import java.util.function.BiFunction;

/** How one resource type is billed: not at all (and why), by the way's compute lines, by its own lines, or not priced (and why). */
public sealed interface Rule {
    /** The rule in words, as the bill shows it. */
    String says();

    /** Nothing is billed for it; {@code reason} says why. */
    record Free(String reason) implements Rule {
        public String says() {
            return "free: " + reason;
        }
    }

    /** Billed with the way's compute (requests, duration, instance or task time), which the estimator prices from the workload. */
    record Compute(String what) implements Rule {
        public String says() {
            return "compute: " + what;
        }
    }

    /** Its own lines from the price book and its properties. */
    record Priced(String what, BiFunction<Resource, Rules.Context, List<Line>> lines) implements Rule {
        public String says() {
            return what;
        }
    }

    /** Billed by AWS, but no price or no quantity could be found here: shown, with the reason, never guessed. */
    record Unpriced(String reason) implements Rule {
        public String says() {
            return "unpriced: " + reason;
        }
    }
}
