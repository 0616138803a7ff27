package dev.threeways.advisor.decide;

import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.Way;

/** A hard limit the workload hits, which rules {@code way} out: "runs 20 min (1,200 s) > Lambda's 900 s limit". */
public record Constraint(Way way, String text) {
    public Constraint {
        require(way != null, "a constraint names the way it rules out");
        require(way != Way.EC2_OR_SAGEMAKER, "nothing rules out EC2 or SageMaker here: it is where the rest leads");
        require(text != null && !text.isBlank(), "a constraint on " + way.label() + " needs a text");
    }

    @Override
    public String toString() {
        return way.label() + ": " + text;
    }
}
