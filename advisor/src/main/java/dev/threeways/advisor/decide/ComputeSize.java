package dev.threeways.advisor.decide;

import static dev.threeways.advisor.Checks.positive;

/** A vCPU/memory pair as App Runner and Fargate sell them; GB is 1024 MB, as in a task definition. */
public record ComputeSize(double vcpu, double memoryGb) {
    public ComputeSize {
        positive(vcpu, "vCPU");
        positive(memoryGb, "memory (GB)");
    }

    @Override
    public String toString() {
        return Units.number(vcpu) + " vCPU / " + Units.number(memoryGb) + " GB";
    }
}
