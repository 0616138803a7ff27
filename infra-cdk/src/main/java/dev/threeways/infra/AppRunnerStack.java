package dev.threeways.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apprunner.CfnAutoScalingConfiguration;
import software.amazon.awscdk.services.apprunner.CfnService;
import software.amazon.awscdk.services.apprunner.CfnVpcConnector;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.ecs.CfnExpressGatewayService;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The App Runner way: the adapter-apprunner image, an App Runner service reaching the database
 * through a VPC connector, health-checked on {@code /healthz}, scaled by its own configuration; and
 * the same image as an ECS Express Mode service, App Runner's successor for accounts that can no
 * longer create App Runner services.
 */
final class AppRunnerStack extends SandboxStack {
    static final int PORT = 8080;

    AppRunnerStack(Construct scope, String id, StackProps props, Settings settings, Vpc vpc, DataStack data) {
        super(scope, id, props, settings.zones());
        var wiring = new AppWiring(data);
        DockerImageAsset image = ContainerImages.arm64(this, "Image", settings, "adapter-apprunner");
        Map<String, String> env = wiring.environment(false, settings.drainSeconds());
        List<String> subnets = vpc.selectSubnets(SubnetSelection.builder().subnetGroupName(NetworkStack.COMPUTE).build())
                .getSubnetIds();

        if (settings.deploys("apprunner")) {
            Role access = Role.Builder.create(this, "EcrAccess")
                    .assumedBy(new ServicePrincipal("build.apprunner.amazonaws.com"))
                    .build();
            image.getRepository().grantPull(access);
            Nag.accept(access, "IAM5", "ecr:GetAuthorizationToken has no resource-level form; the pull itself is limited to the image's repository",
                    List.of("Resource::*"));
            Role instance = Role.Builder.create(this, "Instance")
                    .assumedBy(new ServicePrincipal("tasks.apprunner.amazonaws.com"))
                    .build();
            wiring.databaseSecret().grantRead(instance);
            wiring.webhookSecret().grantRead(instance);
            var connector = CfnVpcConnector.Builder.create(this, "VpcConnector")
                    .subnets(subnets)
                    .securityGroups(List.of(data.clientSecurityGroup.getSecurityGroupId()))
                    .build();
            var scaling = CfnAutoScalingConfiguration.Builder.create(this, "Scaling")
                    .autoScalingConfigurationName("three-ways")
                    .minSize(1)
                    .maxSize(3)
                    .maxConcurrency(100)
                    .build();
            var variables = new ArrayList<CfnService.KeyValuePairProperty>();
            env.forEach((k, v) -> variables.add(CfnService.KeyValuePairProperty.builder().name(k).value(v).build()));
            var service = CfnService.Builder.create(this, "Service")
                    .sourceConfiguration(CfnService.SourceConfigurationProperty.builder()
                            .autoDeploymentsEnabled(false)
                            .authenticationConfiguration(CfnService.AuthenticationConfigurationProperty.builder()
                                    .accessRoleArn(access.getRoleArn()).build())
                            .imageRepository(CfnService.ImageRepositoryProperty.builder()
                                    .imageRepositoryType("ECR")
                                    .imageIdentifier(image.getImageUri())
                                    .imageConfiguration(CfnService.ImageConfigurationProperty.builder()
                                            .port(String.valueOf(PORT))
                                            .runtimeEnvironmentVariables(variables)
                                            .runtimeEnvironmentSecrets(List.of(
                                                    secret("DATABASE_USER", wiring.databaseSecret().getSecretArn() + ":username::"),
                                                    secret("DATABASE_PASSWORD", wiring.databaseSecret().getSecretArn() + ":password::"),
                                                    secret("STRIPE_WEBHOOK_SECRETS", wiring.webhookSecret().getSecretArn())))
                                            .build())
                                    .build())
                            .build())
                    .instanceConfiguration(CfnService.InstanceConfigurationProperty.builder()
                            .cpu("1 vCPU").memory("2 GB").instanceRoleArn(instance.getRoleArn()).build())
                    .healthCheckConfiguration(CfnService.HealthCheckConfigurationProperty.builder()
                            .protocol("HTTP").path("/healthz").interval(10).timeout(5)
                            .healthyThreshold(1).unhealthyThreshold(3).build())
                    .networkConfiguration(CfnService.NetworkConfigurationProperty.builder()
                            .egressConfiguration(CfnService.EgressConfigurationProperty.builder()
                                    .egressType("VPC").vpcConnectorArn(connector.getAttrVpcConnectorArn()).build())
                            .build())
                    .autoScalingConfigurationArn(scaling.getAttrAutoScalingConfigurationArn())
                    .build();
            CfnOutput.Builder.create(this, "AppRunnerUrl").value("https://" + service.getAttrServiceUrl())
                    .description("The App Runner way's HTTP endpoint").build();
        }

        if (settings.deploys("expressmode")) {
            Role execution = Role.Builder.create(this, "ExpressExecution")
                    .assumedBy(new ServicePrincipal("ecs-tasks.amazonaws.com"))
                    .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName("service-role/AmazonECSTaskExecutionRolePolicy")))
                    .build();
            image.getRepository().grantPull(execution);
            Nag.accept(execution, "IAM5", "ecr:GetAuthorizationToken has no resource-level form; the pull itself is limited to the image's repository",
                    List.of("Resource::*"));
            Nag.accept(execution, "IAM4", "the task execution role's AWS policy: pull images, write logs",
                    List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"));
            wiring.databaseSecret().grantRead(execution);
            wiring.webhookSecret().grantRead(execution);
            Role infrastructure = Role.Builder.create(this, "ExpressInfrastructure")
                    .assumedBy(new ServicePrincipal("ecs.amazonaws.com"))
                    .managedPolicies(List.of(ManagedPolicy.fromAwsManagedPolicyName(
                            "service-role/AmazonECSInfrastructureRoleforExpressGatewayServices")))
                    .build();
            Nag.accept(infrastructure, "IAM4", "Express Mode requires this AWS policy to create the load balancer, target group and scaling it manages",
                    List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonECSInfrastructureRoleforExpressGatewayServices"));
            var environment = new ArrayList<CfnExpressGatewayService.KeyValuePairProperty>();
            env.forEach((k, v) -> environment.add(CfnExpressGatewayService.KeyValuePairProperty.builder().name(k).value(v).build()));
            var express = CfnExpressGatewayService.Builder.create(this, "ExpressService")
                    .executionRoleArn(execution.getRoleArn())
                    .infrastructureRoleArn(infrastructure.getRoleArn())
                    .healthCheckPath("/readyz")
                    .cpu("1024")
                    .memory("2048")
                    .primaryContainer(CfnExpressGatewayService.ExpressGatewayContainerProperty.builder()
                            .image(image.getImageUri())
                            .containerPort(PORT)
                            .environment(environment)
                            .secrets(List.of(
                                    expressSecret("DATABASE_USER", wiring.databaseSecret().getSecretArn() + ":username::"),
                                    expressSecret("DATABASE_PASSWORD", wiring.databaseSecret().getSecretArn() + ":password::"),
                                    expressSecret("STRIPE_WEBHOOK_SECRETS", wiring.webhookSecret().getSecretArn())))
                            .build())
                    .networkConfiguration(CfnExpressGatewayService.ExpressGatewayServiceNetworkConfigurationProperty.builder()
                            .subnets(subnets)
                            .securityGroups(List.of(data.clientSecurityGroup.getSecurityGroupId()))
                            .build())
                    .build();
            CfnOutput.Builder.create(this, "ExpressModeService").value(express.getAttrServiceArn())
                    .description("The same image on ECS Express Mode (its URL is on the service)").build();
        }
    }

    private static CfnService.KeyValuePairProperty secret(String name, String arn) {
        return CfnService.KeyValuePairProperty.builder().name(name).value(arn).build();
    }

    private static CfnExpressGatewayService.SecretProperty expressSecret(String name, String arn) {
        return CfnExpressGatewayService.SecretProperty.builder().name(name).valueFrom(arn).build();
    }
}
