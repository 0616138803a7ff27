package dev.threeways.advisor.decide;

import dev.threeways.advisor.Keyed;

/** What the workload needs from the network; the article's Q3 turns on the difference between the last two. */
public enum Network implements Keyed {
    /** Public endpoints and AWS APIs only. */
    PUBLIC("public endpoints only"),
    /** Reaches resources inside a VPC (a private database); Lambda in a VPC and App Runner's VPC connector can. */
    PRIVATE_VPC("reaches private resources in a VPC"),
    /** Per-service security groups, ENI or address control: ECS's awsvpc mode gives each task its own ENI. */
    FINE_GRAINED("per-service security groups, ENI or address control");

    private final String description;

    Network(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static Network parse(String option, String text) {
        return Keyed.parse(Network.class, option, text);
    }
}
