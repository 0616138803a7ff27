package dev.threeways.bench.cost;

import static dev.threeways.advisor.Checks.finite;
import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.price.Arch;
import dev.threeways.bench.report.Report;
import dev.threeways.infra.DeployedSizes;

/**
 * The figures the harness measured on this machine, in the form the cost step prices them, with the
 * size each way is deployed at. Build it with {@link #asDeployed} from the raw figures; the nested
 * records are public so a test (or a what-if) can price another size.
 *
 * @param lambda    the Lambda way: billed milliseconds per request and the memory they are billed at
 * @param appRunner the App Runner way: what one instance sustains and what it is
 * @param fargate   the Fargate way: what one task sustains and what it is
 */
public record Measured(Lambda lambda, Server appRunner, Server fargate, Report.WebhookFigures webhooks) {

    // the sizes infra-cdk deploys (DeployedSizes: the stacks are built from the same constants);
    // Lambda and the Fargate tasks run on ARM64 (JavaFunctions, FargateStack), App Runner on x86-64 only
    public static final int LAMBDA_MEMORY_MB = DeployedSizes.LAMBDA_MEMORY_MB;
    public static final Arch LAMBDA_ARCH = Arch.ARM64;
    /** The vCPU Lambda gives that memory: in proportion, one vCPU at the advisor's figure. */
    public static final double LAMBDA_VCPU = LAMBDA_MEMORY_MB / dev.threeways.advisor.decide.Limits.LAMBDA_MEMORY_PER_VCPU.value();
    /**
     * The vCPU an on-demand init runs on whatever the memory: "On-demand Lambda functions use a full vCPU
     * (non-throttled) [...] during its initialization phase. For provisioned concurrency, there is no cpu
     * burst" (AWS, Effectively running Java on Serverless, serverlessland.com, read 2026-12-07).
     */
    public static final double LAMBDA_ON_DEMAND_INIT_VCPU = 1.0;
    public static final double APP_RUNNER_VCPU = DeployedSizes.APP_RUNNER_VCPU;
    public static final double APP_RUNNER_MEMORY_GB = DeployedSizes.APP_RUNNER_MEMORY_GB;
    public static final int APP_RUNNER_MIN_INSTANCES = DeployedSizes.APP_RUNNER_MIN_INSTANCES;
    public static final int APP_RUNNER_MAX_INSTANCES = DeployedSizes.APP_RUNNER_MAX_INSTANCES;
    public static final double FARGATE_VCPU = DeployedSizes.FARGATE_SERVE_CPU_UNITS / 1024.0;
    public static final double FARGATE_MEMORY_GB = DeployedSizes.FARGATE_SERVE_MEMORY_MIB / 1024.0;
    public static final int FARGATE_DESIRED_TASKS = DeployedSizes.FARGATE_SERVE_DESIRED_TASKS;
    // Express Mode runs the App Runner image on x86-64 Fargate tasks (it has no runtime-platform setting)
    public static final double EXPRESS_MODE_VCPU = DeployedSizes.EXPRESS_MODE_CPU_UNITS / 1024.0;
    public static final double EXPRESS_MODE_MEMORY_GB = DeployedSizes.EXPRESS_MODE_MEMORY_MIB / 1024.0;
    public static final int EXPRESS_MODE_MIN_TASKS = DeployedSizes.EXPRESS_MODE_MIN_TASKS;

    public Measured {
        require(lambda != null && appRunner != null && fargate != null, "every way needs its figures");
    }

    /** The hello path's figures only: the webhook path is not priced. */
    public Measured(Lambda lambda, Server appRunner, Server fargate) {
        this(lambda, appRunner, fargate, null);
    }

    /** These figures with others for the webhook path. */
    public Measured withWebhooks(Report.WebhookFigures w) {
        return new Measured(lambda, appRunner, fargate, w);
    }

    /**
     * The App Runner image on ECS Express Mode, as deployed by default for new accounts: the App Runner jar's
     * measured throughput, scaled to Express Mode's task.
     */
    public Server expressMode() {
        return Server.scaled(appRunner.measuredPerSecond(), appRunner.measuredCpu(), EXPRESS_MODE_VCPU,
                EXPRESS_MODE_MEMORY_GB, EXPRESS_MODE_MIN_TASKS, Arch.X86_64, appRunner.residentMib());
    }

    /**
     * The measured figures at the sizes infra-cdk deploys.
     *
     * @param lambdaWarmBilledMs  mean billed duration of a warm invoke (ms, each rounded up to 1 ms as billed)
     * @param lambdaInitMs        mean init phase of a cold start (ms)
     * @param lambdaFirstInvokeMs mean duration of the first invoke after an init (ms)
     * @param appRunnerPerSecond  saturation throughput of the App Runner jar (requests/s) on {@code cores}
     * @param appRunnerResidentMib resident memory of the App Runner process after its load
     * @param fargatePerSecond    saturation throughput of the Fargate jar (requests/s) on {@code cores}
     * @param fargateResidentMib  resident memory of the Fargate process after its load
     * @param cores               the cores the servers were measured on
     */
    public static Measured asDeployed(double lambdaWarmBilledMs, double lambdaInitMs, double lambdaFirstInvokeMs,
                                      double appRunnerPerSecond, double appRunnerResidentMib,
                                      double fargatePerSecond, double fargateResidentMib, int cores) {
        return asDeployed(lambdaWarmBilledMs, lambdaInitMs, lambdaFirstInvokeMs, appRunnerPerSecond, appRunnerResidentMib,
                cores, fargatePerSecond, fargateResidentMib, cores);
    }

    /**
     * As above, each server's throughput measured with its own CPU: at its deployed vCPU (a CPU quota) it needs no
     * scaling, which is how {@code compare} measures them now.
     */
    public static Measured asDeployed(double lambdaWarmBilledMs, double lambdaInitMs, double lambdaFirstInvokeMs,
                                      double appRunnerPerSecond, double appRunnerResidentMib, double appRunnerCpu,
                                      double fargatePerSecond, double fargateResidentMib, double fargateCpu) {
        return new Measured(
                new Lambda(lambdaWarmBilledMs, lambdaInitMs, lambdaFirstInvokeMs, LAMBDA_MEMORY_MB, LAMBDA_ARCH),
                Server.scaled(appRunnerPerSecond, appRunnerCpu, APP_RUNNER_VCPU, APP_RUNNER_MEMORY_GB,
                        APP_RUNNER_MIN_INSTANCES, Arch.X86_64, appRunnerResidentMib),
                Server.scaled(fargatePerSecond, fargateCpu, FARGATE_VCPU, FARGATE_MEMORY_GB,
                        FARGATE_DESIRED_TASKS, Arch.ARM64, fargateResidentMib));
    }

    /** {@link #asDeployed(double, double, double, double, double, double, double, int)} of figures a report keeps. */
    public static Measured asDeployed(Report.PricedFigures f) {
        require(f != null, "measured figures are required");
        return asDeployed(f.lambdaWarmBilledMs(), f.lambdaInitMs(), f.lambdaFirstInvokeMs(), f.appRunnerPerSecond(),
                f.appRunnerResidentMib(), f.appRunnerMeasuredCpu(), f.fargatePerSecond(), f.fargateResidentMib(),
                f.fargateMeasuredCpu()).withWebhooks(f.webhooks());
    }

    /**
     * @param warmBilledMs  mean billed duration of a warm invoke (ms)
     * @param initMs        init phase per cold start (ms), billed for on-demand functions since 2025-08-01
     * @param firstInvokeMs the invoke that follows an init (ms); usually slower than a warm one
     * @param memoryMb      configured memory: what every millisecond is billed at
     */
    public record Lambda(double warmBilledMs, double initMs, double firstInvokeMs, int memoryMb, Arch arch) {
        public Lambda {
            require(finite(warmBilledMs) && warmBilledMs > 0, "Lambda warm billed duration must be positive: " + warmBilledMs);
            require(finite(initMs) && initMs >= 0, "Lambda init duration must not be negative: " + initMs);
            require(finite(firstInvokeMs) && firstInvokeMs >= 0, "Lambda first invoke duration must not be negative: " + firstInvokeMs);
            // Lambda's own bounds on configured memory
            require(memoryMb >= 128 && memoryMb <= 10_240, "Lambda memory must be 128..10240 MB: " + memoryMb);
            require(arch != null, "Lambda architecture is required");
        }
    }

    /**
     * One server instance (App Runner instance or Fargate task).
     *
     * @param perSecond       requests/s one instance sustains at saturation, already scaled to its vCPUs
     * @param vcpu            vCPUs it is deployed with
     * @param memoryGb        memory it is deployed with
     * @param minInstances    the fewest that always run (App Runner's minSize, Fargate's desired count)
     * @param residentMib     measured resident memory, for information: it shows the headroom in memoryGb
     * @param measuredPerSecond the throughput as measured, before scaling
     * @param measuredCpu     the CPU it was measured with: its quota, or the cores of an unplaced run
     */
    public record Server(double perSecond, double vcpu, double memoryGb, int minInstances, Arch arch,
                         double residentMib, double measuredPerSecond, double measuredCpu) {
        public Server {
            require(finite(perSecond) && perSecond > 0, "sustainable throughput must be positive: " + perSecond);
            require(finite(vcpu) && vcpu > 0, "vCPU must be positive: " + vcpu);
            require(finite(memoryGb) && memoryGb > 0, "memory must be positive: " + memoryGb);
            require(minInstances >= 0, "minimum instances must not be negative: " + minInstances);
            require(arch != null, "architecture is required");
            require(finite(residentMib) && residentMib >= 0, "resident memory must not be negative: " + residentMib);
            require(finite(measuredPerSecond) && measuredPerSecond > 0, "measured throughput must be positive: " + measuredPerSecond);
            require(finite(measuredCpu) && measuredCpu > 0, "CPU measured with must be positive: " + measuredCpu);
        }

        /**
         * Scales a throughput measured with {@code cores} CPU to an instance of {@code vcpu} vCPUs in
         * proportion: the app is CPU-bound at saturation and a vCPU is taken to do what a CPU here did.
         * Measured at its own vCPU (a quota of it), the factor is one and only the second assumption is
         * left; measured on whole cores, a fractional vCPU is a CPU share, which a JVM uses less well than a
         * whole core, so scaling down flatters the server.
         */
        public static Server scaled(double measuredPerSecond, double cores, double vcpu, double memoryGb,
                                    int minInstances, Arch arch, double residentMib) {
            require(finite(measuredPerSecond) && measuredPerSecond > 0, "measured throughput must be positive: " + measuredPerSecond);
            require(finite(cores) && cores > 0, "CPU measured with must be positive: " + cores);
            require(finite(vcpu) && vcpu > 0, "vCPU must be positive: " + vcpu);
            return new Server(measuredPerSecond * vcpu / cores, vcpu, memoryGb, minInstances, arch, residentMib,
                    measuredPerSecond, cores);
        }
    }
}
