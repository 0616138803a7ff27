package dev.threeways.infra;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.applicationautoscaling.ScalingInterval;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecs.CapacityProviderStrategy;
import software.amazon.awscdk.services.ecs.Cluster;
import software.amazon.awscdk.services.ecs.ContainerDefinitionOptions;
import software.amazon.awscdk.services.ecs.ContainerImage;
import software.amazon.awscdk.services.ecs.CpuArchitecture;
import software.amazon.awscdk.services.ecs.DeploymentCircuitBreaker;
import software.amazon.awscdk.services.ecs.FargateService;
import software.amazon.awscdk.services.ecs.FargateTaskDefinition;
import software.amazon.awscdk.services.ecs.HealthCheck;
import software.amazon.awscdk.services.ecs.LogDrivers;
import software.amazon.awscdk.services.ecs.OperatingSystemFamily;
import software.amazon.awscdk.services.ecs.PortMapping;
import software.amazon.awscdk.services.ecs.RuntimePlatform;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationLoadBalancer;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationProtocol;
import software.amazon.awscdk.services.elasticloadbalancingv2.ApplicationTargetGroup;
import software.amazon.awscdk.services.elasticloadbalancingv2.BaseApplicationListenerProps;
import software.amazon.awscdk.services.elasticloadbalancingv2.TargetType;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.EcsTask;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The Fargate way: a cluster with FARGATE and FARGATE_SPOT, every task definition ARM64 (the
 * scheduled task gets its own, or it would silently run x86), the serve service behind an ALB with
 * the drain, deregistration delay and stop timeout in step, a deployment circuit breaker with
 * rollback, the queue worker in the serve task or as its own service scaled on queue depth, the
 * settle task on a schedule. The schema is migrated by the data stack before this stack deploys.
 */
final class FargateStack extends SandboxStack {
    static final int PORT = 8080;
    /**
     * The container health check, in exec form: no shell is involved (ECS runs {@code CMD-SHELL} with
     * {@code /bin/sh}, which in the JRE image is dash, and the image has no curl). The app's own probe
     * in a small, short-lived JVM; it asks liveness, not readiness, so a database outage takes tasks
     * out of the load balancer without ECS replacing every one of them.
     */
    static final List<String> HEALTH_CHECK = List.of("CMD", "java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-Xmx32m", "-XX:-UsePerfData", "-cp", "/app/app.jar", "dev.threeways.server.HealthProbe", "/healthz");

    final Map<String, FargateTaskDefinition> taskDefinitions = new HashMap<>();
    final FargateService serve;
    final ApplicationLoadBalancer loadBalancer;
    private final Settings settings;
    private final DataStack data;
    private final DockerImageAsset image;
    private final LogGroup logs;
    private software.amazon.awscdk.services.ec2.SecurityGroup tasksSecurityGroup;

    FargateStack(Construct scope, String id, StackProps props, Settings settings, Vpc vpc, DataStack data) {
        super(scope, id, props, settings.zones());
        this.settings = settings;
        this.data = data;
        this.image = ContainerImages.arm64(this, "Image", settings, "adapter-fargate");
        this.logs = LogGroup.Builder.create(this, "Logs").retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY).build();
        Cluster cluster = Cluster.Builder.create(this, "Cluster").vpc(vpc).enableFargateCapacityProviders(true)
                .containerInsightsV2(software.amazon.awscdk.services.ecs.ContainerInsights.ENABLED).build();
        SubnetSelection compute = SubnetSelection.builder().subnetGroupName(NetworkStack.COMPUTE).build();

        // the tasks' own group: the load balancer's rule to it must live in this stack, not in the data stack
        tasksSecurityGroup = software.amazon.awscdk.services.ec2.SecurityGroup.Builder.create(this, "Tasks")
                .vpc(vpc).description("Fargate tasks").allowAllOutbound(true).build();
        software.amazon.awscdk.services.ec2.CfnSecurityGroupIngress.Builder.create(this, "TasksToPostgres")
                .groupId(data.database.getConnections().getSecurityGroups().getFirst().getSecurityGroupId())
                .sourceSecurityGroupId(tasksSecurityGroup.getSecurityGroupId())
                .ipProtocol("tcp").fromPort(5432).toPort(5432)
                .description("Fargate tasks to PostgreSQL")
                .build();
        boolean workerInTask = !settings.fargateWorkerService();
        FargateTaskDefinition serveTask = task("serve", DeployedSizes.FARGATE_SERVE_CPU_UNITS, DeployedSizes.FARGATE_SERVE_MEMORY_MIB, true, Map.of("WORKER_ENABLED", String.valueOf(workerInTask)));
        serve = FargateService.Builder.create(this, "Serve")
                .cluster(cluster)
                .taskDefinition(serveTask)
                .desiredCount(DeployedSizes.FARGATE_SERVE_DESIRED_TASKS)
                .vpcSubnets(compute)
                .securityGroups(List.of(tasksSecurityGroup))
                .capacityProviderStrategies(List.of(
                        CapacityProviderStrategy.builder().capacityProvider("FARGATE").base(1).weight(1).build(),
                        CapacityProviderStrategy.builder().capacityProvider("FARGATE_SPOT").weight(1).build()))
                .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                .minHealthyPercent(100)
                .maxHealthyPercent(200)
                .build();

        loadBalancer = ApplicationLoadBalancer.Builder.create(this, "Alb").vpc(vpc).internetFacing(true)
                .vpcSubnets(SubnetSelection.builder().subnetGroupName(NetworkStack.PUBLIC).build()).build();
        var targets = ApplicationTargetGroup.Builder.create(this, "ServeTargets")
                .vpc(vpc).port(PORT).protocol(ApplicationProtocol.HTTP).targetType(TargetType.IP)
                // ECS deregisters the task, waits this long, then sends SIGTERM: no request arrives after the drain starts
                .deregistrationDelay(Duration.seconds(settings.drainSeconds()))
                .healthCheck(software.amazon.awscdk.services.elasticloadbalancingv2.HealthCheck.builder()
                        .path("/readyz").interval(Duration.seconds(10)).healthyThresholdCount(2).unhealthyThresholdCount(2).build())
                .targets(List.of(serve))
                .build();
        loadBalancer.addListener("Http", BaseApplicationListenerProps.builder()
                .port(80).protocol(ApplicationProtocol.HTTP).defaultTargetGroups(List.of(targets)).build());
        serve.getConnections().allowFrom(loadBalancer, software.amazon.awscdk.services.ec2.Port.tcp(PORT), "ALB to the app");
        Nag.accept(loadBalancer, "ELB2", "a sandbox: access logs need a bucket of their own; the app writes one JSON line per request already");
        Nag.accept(loadBalancer, "EC23", "the public HTTP endpoint is the point of this load balancer: the app answers the internet (webhooks verified by signature)");

        if (settings.fargateWorkerService()) {
            FargateTaskDefinition workerTask = task("worker", 256, 512, true, Map.of());
            var worker = FargateService.Builder.create(this, "Worker")
                    .cluster(cluster).taskDefinition(workerTask).desiredCount(1).vpcSubnets(compute)
                    .securityGroups(List.of(tasksSecurityGroup))
                    .capacityProviderStrategies(List.of(CapacityProviderStrategy.builder().capacityProvider("FARGATE_SPOT").weight(1).build()))
                    .circuitBreaker(DeploymentCircuitBreaker.builder().enable(true).rollback(true).build())
                    .minHealthyPercent(0)
                    .build();
            worker.autoScaleTaskCount(software.amazon.awscdk.services.applicationautoscaling.EnableScalingProps.builder()
                    .minCapacity(1).maxCapacity(4).build())
                    .scaleOnMetric("QueueDepth", software.amazon.awscdk.services.applicationautoscaling.BasicStepScalingPolicyProps.builder()
                            .metric(data.queue.metricApproximateNumberOfMessagesVisible())
                            .scalingSteps(List.of(
                                    ScalingInterval.builder().upper(10).change(-1).build(),
                                    ScalingInterval.builder().lower(100).change(+1).build(),
                                    ScalingInterval.builder().lower(1000).change(+2).build()))
                            .build());
        }

        FargateTaskDefinition settleTask = task("settle", 256, 512, false, Map.of());
        Rule.Builder.create(this, "Settle")
                .schedule(Schedule.cron(software.amazon.awscdk.services.events.CronOptions.builder().minute("15").hour("3").build()))
                .targets(List.of(EcsTask.Builder.create()
                        .cluster(cluster).taskDefinition(settleTask).subnetSelection(compute)
                        .securityGroups(List.of(tasksSecurityGroup)).build()))
                .build();
        Nag.acceptAt(this, "SettleTask/EventsRole/DefaultPolicy/Resource", "IAM5",
                "EventBridge's RunTask role: task ids are not known in advance, the wildcard is scoped to this cluster's tasks");

        CfnOutput.Builder.create(this, "FargateUrl").value("http://" + loadBalancer.getLoadBalancerDnsName())
                .description("The Fargate way's HTTP endpoint (WebSocket: ws://.../ws/payments)").build();
    }

    /** One ARM64 task definition per entry point, all running the same image. */
    private FargateTaskDefinition task(String entryPoint, int cpu, int memory, boolean usesQueue, Map<String, String> extraEnv) {
        var wiring = new AppWiring(data);
        FargateTaskDefinition task = FargateTaskDefinition.Builder.create(this, cap(entryPoint) + "Task")
                .cpu(cpu).memoryLimitMiB(memory)
                .runtimePlatform(RuntimePlatform.builder().cpuArchitecture(CpuArchitecture.ARM64)
                        .operatingSystemFamily(OperatingSystemFamily.LINUX).build())
                .build();
        var env = new HashMap<>(wiring.containerEnvironment(usesQueue, settings.drainSeconds()));
        env.putAll(extraEnv);
        var container = task.addContainer("app", ContainerDefinitionOptions.builder()
                .image(ContainerImage.fromDockerImageAsset(image))
                .command(List.of(entryPoint))
                .environment(env)
                // the drain ends before ECS's SIGKILL
                .stopTimeout(Duration.seconds(settings.drainSeconds() + 10))
                .logging(LogDrivers.awsLogs(software.amazon.awscdk.services.ecs.AwsLogDriverProps.builder()
                        .logGroup(logs).streamPrefix(entryPoint).build()))
                .healthCheck(entryPoint.equals("serve") || entryPoint.equals("worker")
                        ? HealthCheck.builder()
                                .command(HEALTH_CHECK)
                                .interval(Duration.seconds(15)).timeout(Duration.seconds(10)).retries(3)
                                .startPeriod(Duration.seconds(30)).build()
                        : null)
                .build());
        if (entryPoint.equals("serve")) {
            container.addPortMappings(PortMapping.builder().containerPort(PORT).build());
        }
        wiring.grantSecrets(task.getTaskRole());
        if (usesQueue) {
            data.queue.grantSendMessages(task.getTaskRole());
            data.queue.grantConsumeMessages(task.getTaskRole());
        }
        Nag.accept(task, "ECS2", "plain settings only (URLs, switches, the drain time); every secret comes from Secrets Manager");
        Nag.accept(task.obtainExecutionRole(), "IAM5", "ecr:GetAuthorizationToken has no resource-level form; pulls and logs are scoped by CDK's grants",
                List.of("Resource::*"));
        taskDefinitions.put(entryPoint, task);
        return task;
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
