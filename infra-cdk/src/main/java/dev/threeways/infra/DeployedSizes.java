package dev.threeways.infra;

/**
 * The sizes the stacks deploy each way at, in one place: the stacks build their resources from them,
 * and the benchmark harness prices and starts each way at them (compile-time constants, so the
 * harness needs none of the CDK at run time).
 */
public final class DeployedSizes {
    /** Every function's memory; Lambda gives vCPU in proportion. */
    public static final int LAMBDA_MEMORY_MB = 1024;
    public static final int APP_RUNNER_VCPU = 1;
    public static final int APP_RUNNER_MEMORY_GB = 2;
    public static final int APP_RUNNER_MIN_INSTANCES = 1;
    public static final int APP_RUNNER_MAX_INSTANCES = 3;
    /** The App Runner image's task on ECS Express Mode, in ECS units, and the fewest tasks it scales down to (its default). */
    public static final int EXPRESS_MODE_CPU_UNITS = 1024;
    public static final int EXPRESS_MODE_MEMORY_MIB = 2048;
    public static final int EXPRESS_MODE_MIN_TASKS = 1;
    /** The Fargate serve task (with the worker in it, the default), in ECS units: 1024 is one vCPU. */
    public static final int FARGATE_SERVE_CPU_UNITS = 512;
    public static final int FARGATE_SERVE_MEMORY_MIB = 1024;
    public static final int FARGATE_SERVE_DESIRED_TASKS = 1;

    private DeployedSizes() {}
}
