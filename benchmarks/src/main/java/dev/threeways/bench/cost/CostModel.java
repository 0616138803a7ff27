package dev.threeways.bench.cost;

import dev.threeways.advisor.TrafficProfile;
import java.util.List;
import java.util.Map;

/**
 * The port between the measured figures and money. {@link AdvisorPrices} prices them with the advisor
 * module's pricing model; {@link #source()} says which model and which prices priced a report.
 */
public interface CostModel {
    String LAMBDA = "Lambda";
    String APP_RUNNER = "App Runner";
    String EXPRESS_MODE = "ECS Express Mode";
    String FARGATE = "Fargate";
    List<String> WAYS = List.of(LAMBDA, APP_RUNNER, EXPRESS_MODE, FARGATE);

    /**
     * US dollars a month per way for {@code requestsPerMonth} requests arriving in the shape of
     * {@code shape} (its own volume is ignored). The map iterates in a fixed order, the same on every call.
     *
     * @throws IllegalArgumentException for a negative or non-finite volume
     */
    Map<String, Double> monthlyUsd(Measured measured, TrafficProfile shape, double requestsPerMonth);

    /** US dollars a month per way for the profile at its own volume. */
    default Map<String, Double> monthlyUsd(Measured measured, TrafficProfile profile) {
        return monthlyUsd(measured, profile, profile.requestsPerMonth());
    }

    /**
     * US dollars a month per way for {@code webhooksPerMonth} Stripe webhooks in the shape of {@code shape}, each way
     * on its own path; empty when the figures hold no webhook measurements.
     */
    default java.util.Optional<Map<String, Double>> webhookUsd(Measured measured, TrafficProfile shape, double webhooksPerMonth) {
        return java.util.Optional.empty();
    }

    /** Where the prices come from and when they were taken, in words. */
    String source();

    /** The model's own choices behind its figures (sizing, what is counted and what is left out), in words. */
    default List<String> assumptions(Measured measured) {
        return List.of();
    }
}
