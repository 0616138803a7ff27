package dev.threeways.infra;

/**
 * The sizes the stacks deploy each way at, in one place: the stacks build their resources from them,
 * and the benchmark harness prices and starts each way at them (compile-time constants, so the
 * harness needs none of the CDK at run time).
 */
public final class DeployedSizes {
    /** Every function's memory; Lambda gives vCPU in proportion. */
    public static final int LAMBDA_MEMORY_MB = 1024;
    /**
     * Records per invocation of the queue function (the SQS event source's batch size): the most one
     * ReceiveMessage returns, so each poll of the event source mapping becomes one invocation without a
     * batching window to wait out; with partial batch responses only a failed record comes back, so a
     * larger batch costs no extra retries.
     */
    public static final int QUEUE_FUNCTION_BATCH_SIZE = 10;
    /**
     * The most environments of the queue function the SQS event source keeps busy at once (its maximum
     * concurrency; Lambda's least is 2). Each environment holds one database connection, so this caps the
     * connections and the write load the queue can put on the database however deep the queue gets, and
     * leaves the account's concurrency to the HTTP function: a backlog drains at this many batches at a
     * time instead of scaling out against the database.
     */
    public static final int QUEUE_FUNCTION_MAX_CONCURRENCY = 5;
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
