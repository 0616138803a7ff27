package dev.threeways.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecs.CfnExpressGatewayService;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The App Runner image on ECS Express Mode, App Runner's successor for new accounts: one resource,
 * and ECS makes the service, its load balancer, target group and scaling. x86-64: Express Mode has
 * no runtime-platform setting. Its health check asks {@code /healthz}, as App Runner's does.
 */
final class ExpressModeStack extends SandboxStack {
    static final int PORT = 8080;

    ExpressModeStack(Construct scope, String id, StackProps props, Settings settings, Vpc vpc, DataStack data) {
        super(scope, id, props, settings.zones());
        var wiring = new AppWiring(data);
        // Express Mode takes no runtime platform and runs x86-64 tasks
        DockerImageAsset image = ContainerImages.amd64(this, "Image", settings, "adapter-apprunner");
        List<String> subnets = NetworkStack.computeSubnetIds(vpc);

        Role execution = Role.Builder.create(this, "Execution")
                .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonECSTaskExecutionRolePolicy")))
                .build();
        ContainerImages.grantPull(image, execution);
        Nag.accept(execution, "IAM4", "the task execution role's AWS policy: pull images, write logs",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
        // the app reads its secrets itself (and again when they change), so the task role needs them
        Role task = wiring.secretReader(this, "Task", "ecs-tasks.amazonaws.com");
        Role infrastructure = Role.Builder.create(this, "Infrastructure")
                .assumedBy(new ServicePrincipal("ecs.amazonaws.com"))
                .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(
                        "service-role/AmazonECSInfrastructureRoleforExpressGatewayServices")))
                .build();
        Nag.accept(infrastructure, "IAM4", "Express Mode requires this AWS policy to create the load balancer, target group and scaling it manages",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices"));
        var environment = new ArrayList<CfnExpressGatewayService.KeyValuePairProperty>();
        wiring.containerEnvironment(false, settings.drainSeconds())
                .forEach((k, v) -> environment.add(CfnExpressGatewayService.KeyValuePairProperty.builder().name(k).value(v).build()));
        var express = CfnExpressGatewayService.Builder.create(this, "Service")
                .executionRoleArn(execution.getRoleArn())
                .taskRoleArn(task.getRoleArn())
                .infrastructureRoleArn(infrastructure.getRoleArn())
                // liveness, as on App Runner: the load balancer's failed checks make ECS replace tasks, and a
                // database outage must not become a restart storm
                .healthCheckPath("/healthz")
                .cpu(String.valueOf(DeployedSizes.EXPRESS_MODE_CPU_UNITS))
                .memory(String.valueOf(DeployedSizes.EXPRESS_MODE_MEMORY_MIB))
                .primaryContainer(CfnExpressGatewayService.ExpressGatewayContainerProperty.builder()
                        .image(image.getImageUri())
                        .containerPort(PORT)
                        .environment(environment)
                        .build())
                .networkConfiguration(CfnExpressGatewayService.ExpressGatewayServiceNetworkConfigurationProperty.builder()
                        .subnets(subnets)
                        .securityGroups(List.of(data.clientSecurityGroup.getSecurityGroupId()))
                        .build())
                .build();
        express.getNode().addDependency(execution, task, infrastructure);
        CfnOutput.Builder.create(this, "ExpressModeUrl").value("https://" + express.getAttrEndpoint())
                .description("The same image on ECS Express Mode: its endpoint").build();
    }
}
