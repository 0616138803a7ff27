package dev.threeways.advisor.bill;

import static dev.threeways.advisor.Checks.nonNegative;
import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import dev.threeways.advisor.price.Bill;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a month asks of each way: the requests (or webhooks) on the path priced, the shape they arrive in, and each
 * way's compute for them as the estimator priced it (the HTTP function and API, the tasks and load balancer, the
 * App Runner instances; on the webhook path also Lambda's queue function).
 *
 * @param requestsPerMonth   requests (HELLO) or webhooks (WEBHOOK) a month
 * @param compute            each way's compute bill
 * @param queueInvocations   invocations of Lambda's queue function a month (0 on the hello path)
 */
public record Demand(Path path, TrafficProfile shape, double requestsPerMonth, Map<Way, Bill> compute,
                     double queueInvocations) {
    /** What is priced: the demo endpoint, or the app's real work. */
    public enum Path {
        HELLO("GET /hello"),
        WEBHOOK("Stripe webhooks (applied in the request on App Runner and Express Mode; enqueued and applied from the "
                + "queue on Lambda and Fargate)");

        private final String label;

        Path(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Demand {
        require(path != null && shape != null, "a path and a shape are required");
        nonNegative(requestsPerMonth, "requests a month");
        nonNegative(queueInvocations, "queue function invocations");
        compute = Collections.unmodifiableMap(new EnumMap<>(compute));
    }

    /** Minutes a month in which requests arrive: what the secrets' one-minute cache refreshes in. */
    public double activeMinutes() {
        return shape.activeHoursPerDay() * 60 * TrafficProfile.DAYS_PER_MONTH;
    }
}
