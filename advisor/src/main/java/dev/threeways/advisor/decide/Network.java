package dev.threeways.advisor.decide;

import dev.threeways.advisor.Keyed;

/** What the workload needs from the network; the article's Q3 turns on the difference between the last two. */
public enum Network implements Keyed {
    /** Public endpoints and AWS APIs only. */
    PUBLIC("public", "public endpoints only"),
    /** Reaches resources inside a VPC (a private database); Lambda in a VPC and App Runner's VPC connector can. */
    PRIVATE_VPC("private-vpc", "reaches private resources in a VPC"),
    /** Per-service security groups, ENI or address control: ECS's awsvpc mode gives each task its own ENI. */
    FINE_GRAINED("fine-grained", "per-service security groups, ENI or address control");

    private final String key;
    private final String description;

    Network(String key, String description) {
        this.key = key;
        this.description = description;
    }

    @Override
    public String key() {
        return key;
    }

    public String description() {
        return description;
    }

    public static Network parse(String option, String text) {
        return Keyed.parse(Network.class, option, text);
    }
}
