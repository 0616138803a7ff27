package dev.threeways.advisor;

/** Where a workload can run: the three ways, App Runner's successor, and what lies outside all of them. */
public enum Way {
    LAMBDA("Lambda"),
    APP_RUNNER("App Runner"),
    ECS_EXPRESS_MODE("ECS Express Mode"),
    FARGATE("ECS on Fargate"),
    LAMBDA_MANAGED_INSTANCES("Lambda Managed Instances"),
    EC2_OR_SAGEMAKER("EC2 or SageMaker (none of the three)");

    private final String label;

    Way(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
