package dev.threeways.advisor.decide;

import java.util.List;

/**
 * The documented limits the advisor checks a workload against, each with its source and date. Values are in
 * the unit AWS states them in; MB and GB are binary (see {@link Units}).
 */
public final class Limits {
    private Limits() {}

    /** When this table was compiled from its pages: the asOf of a quota whose page states no date. */
    public static final String COMPILED = "2026-11-27";

    private static final String LAMBDA = "Lambda";
    private static final String LAMBDA_QUOTAS = "https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html";
    private static final String LAMBDA_MEMORY = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-memory.html";
    private static final String APP_RUNNER = "App Runner";
    private static final String APP_RUNNER_ARCHITECTURE = "https://docs.aws.amazon.com/apprunner/latest/dg/architecture.html";
    private static final String APP_RUNNER_QUOTAS = "https://docs.aws.amazon.com/general/latest/gr/apprunner.html";
    private static final String FARGATE = "Fargate";
    private static final String FARGATE_TASK_SIZE =
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_size";

    // Lambda

    public static final Limit LAMBDA_MAX_TIMEOUT = new Limit(LAMBDA, "maximum timeout", 900, "s", LAMBDA_QUOTAS,
            "2018-10-10", "15 minutes since 2018-10-10 (before: 5); the same for a container image");
    public static final Limit LAMBDA_SYNC_REQUEST = new Limit(LAMBDA, "synchronous invocation request payload", 6, "MB",
            LAMBDA_QUOTAS, COMPILED, "each direction separately, not the sum of request and response; Lambda counts "
            + "6,291,456 bytes; a queue's batch is invoked synchronously, so it gets this limit too");
    public static final Limit LAMBDA_SYNC_RESPONSE = new Limit(LAMBDA, "synchronous invocation response payload", 6, "MB",
            LAMBDA_QUOTAS, COMPILED, "each direction separately, not the sum of request and response");
    public static final Limit LAMBDA_ASYNC_PAYLOAD = new Limit(LAMBDA, "asynchronous invocation payload", 1, "MB",
            "https://aws.amazon.com/about-aws/whats-new/2025/10/aws-lambda-payload-size-256-kb-1-mb-invocations/",
            "2025-10-24", "raised from 256 KB on 2025-10-24 (the reference article still says 256 KB)");
    public static final Limit LAMBDA_MIN_MEMORY = new Limit(LAMBDA, "minimum memory", 128, "MB", LAMBDA_MEMORY,
            COMPILED, "");
    public static final Limit LAMBDA_MAX_MEMORY = new Limit(LAMBDA, "maximum memory", 10_240, "MB", LAMBDA_MEMORY,
            "2020-12-01", "raised from 3,008 MB on 2020-12-01; new accounts may start with a lower quota");
    public static final Limit LAMBDA_MEMORY_PER_VCPU = new Limit(LAMBDA, "memory that buys one vCPU", 1_769, "MB",
            LAMBDA_MEMORY, COMPILED, "vCPU grows in proportion to memory: 1,769 MB is one vCPU");
    public static final Limit LAMBDA_MAX_VCPU = new Limit(LAMBDA, "maximum vCPU", 6, "vCPU", LAMBDA_MEMORY,
            "2020-12-01", "at 10,240 MB");
    public static final Limit API_GATEWAY_HTTP_API_TIMEOUT = new Limit("API Gateway", "HTTP API integration timeout", 30,
            "s", "https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-quotas.html", COMPILED,
            "a synchronous request through an HTTP API is cut at 30 s; a Lambda function URL allows the full 900 s");

    // App Runner

    public static final Limit APP_RUNNER_OTHER_PROTOCOLS = new Limit(APP_RUNNER, "serves protocols other than HTTP/HTTPS",
            0, Limit.YES_NO, APP_RUNNER_ARCHITECTURE, COMPILED, "HTTP/HTTPS only: no WebSocket, gRPC, TCP or UDP");
    public static final Limit APP_RUNNER_REQUEST_TIMEOUT = new Limit(APP_RUNNER, "request timeout", 120, "s",
            APP_RUNNER_QUOTAS, COMPILED, "a request not answered in 120 s fails");
    public static final Limit APP_RUNNER_MAX_VCPU = new Limit(APP_RUNNER, "largest instance vCPU", 4, "vCPU",
            APP_RUNNER_ARCHITECTURE, COMPILED, "sizes (vCPU/GB): 0.25/0.5, 0.25/1, 0.5/1, 1/2, 1/3, 1/4, 2/4, 2/6, 4/8, 4/10, 4/12");
    public static final Limit APP_RUNNER_MAX_MEMORY = new Limit(APP_RUNNER, "largest instance memory", 12, "GB",
            APP_RUNNER_ARCHITECTURE, COMPILED, "with 4 vCPU");
    public static final Limit APP_RUNNER_MAX_CONCURRENCY = new Limit(APP_RUNNER, "maximum concurrency per instance", 200,
            "requests", APP_RUNNER_QUOTAS, COMPILED, "the default is 100; App Runner adds instances past it");
    public static final Limit APP_RUNNER_DEFAULT_CONCURRENCY = new Limit(APP_RUNNER, "default concurrency per instance",
            100, "requests", APP_RUNNER_QUOTAS, COMPILED, "");
    public static final Limit APP_RUNNER_NEW_CUSTOMERS = new Limit(APP_RUNNER, "open to new customers", 0, Limit.YES_NO,
            "https://docs.aws.amazon.com/apprunner/latest/dg/apprunner-availability-change.html", "2026-04-30",
            "closed to new customers from 2026-04-30; existing customers keep using it; AWS points new workloads "
            + "to Amazon ECS Express Mode");

    /** App Runner's instance sizes (vCPU, GB), smallest first. */
    public static final List<ComputeSize> APP_RUNNER_SIZES = List.of(
            new ComputeSize(0.25, 0.5), new ComputeSize(0.25, 1), new ComputeSize(0.5, 1), new ComputeSize(1, 2),
            new ComputeSize(1, 3), new ComputeSize(1, 4), new ComputeSize(2, 4), new ComputeSize(2, 6),
            new ComputeSize(4, 8), new ComputeSize(4, 10), new ComputeSize(4, 12));

    // ECS Express Mode

    public static final Limit ECS_EXPRESS_MODE_CHARGE = new Limit("ECS Express Mode", "charge of its own", 0, "USD",
            "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/express-service-overview.html", "2025-11-21",
            "generally available 2025-11-21: a Fargate service behind an Application Load Balancer it creates and "
            + "shares, with auto scaling; you pay for the Fargate tasks plus the load balancer");

    // Fargate

    public static final Limit FARGATE_MAX_DURATION = new Limit(FARGATE, "maximum run time", Double.POSITIVE_INFINITY, "s",
            FARGATE_TASK_SIZE, COMPILED, "a task runs until it stops; billed per second with a 1-minute minimum");
    public static final Limit FARGATE_MIN_TASK_VCPU = new Limit(FARGATE, "smallest task vCPU", 0.25, "vCPU",
            FARGATE_TASK_SIZE, COMPILED, "with 0.5, 1 or 2 GB");
    public static final Limit FARGATE_MAX_TASK_VCPU = new Limit(FARGATE, "largest task vCPU", 16, "vCPU",
            FARGATE_TASK_SIZE, COMPILED, "with 32–120 GB in 8 GB steps; every size in FargateSizes");
    public static final Limit FARGATE_MAX_TASK_MEMORY = new Limit(FARGATE, "largest task memory", 120, "GB",
            FARGATE_TASK_SIZE, COMPILED, "with 16 vCPU");
    public static final Limit FARGATE_GPU = new Limit(FARGATE, "GPU", 0, Limit.YES_NO, FARGATE_TASK_SIZE, COMPILED,
            "no GPU: a GPU workload needs the EC2 launch type or SageMaker");

    // Lambda Managed Instances

    public static final Limit LAMBDA_MANAGED_INSTANCES_CONCURRENCY = new Limit("Lambda Managed Instances",
            "several concurrent requests per execution environment", 1, Limit.YES_NO,
            "https://aws.amazon.com/lambda/lambda-managed-instances/", "2025-11-30",
            "announced 2025-11-30: Lambda functions on EC2 instances in your account, managed by Lambda; priced as the "
            + "EC2 instance plus a management fee plus Lambda's request charge; AWS positions it for steady, "
            + "high-volume traffic");

    private static final List<Limit> ALL = List.of(
            LAMBDA_MAX_TIMEOUT, LAMBDA_SYNC_REQUEST, LAMBDA_SYNC_RESPONSE, LAMBDA_ASYNC_PAYLOAD, LAMBDA_MIN_MEMORY,
            LAMBDA_MAX_MEMORY, LAMBDA_MEMORY_PER_VCPU, LAMBDA_MAX_VCPU, API_GATEWAY_HTTP_API_TIMEOUT,
            APP_RUNNER_OTHER_PROTOCOLS, APP_RUNNER_REQUEST_TIMEOUT, APP_RUNNER_MAX_VCPU, APP_RUNNER_MAX_MEMORY,
            APP_RUNNER_MAX_CONCURRENCY, APP_RUNNER_DEFAULT_CONCURRENCY, APP_RUNNER_NEW_CUSTOMERS,
            ECS_EXPRESS_MODE_CHARGE,
            FARGATE_MAX_DURATION, FARGATE_MIN_TASK_VCPU, FARGATE_MAX_TASK_VCPU, FARGATE_MAX_TASK_MEMORY, FARGATE_GPU,
            LAMBDA_MANAGED_INSTANCES_CONCURRENCY);

    /** Every limit above, grouped by service. */
    public static List<Limit> all() {
        return ALL;
    }
}
