package dev.threeways.infra;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apprunner.CfnAutoScalingConfiguration;
import software.amazon.awscdk.services.apprunner.CfnService;
import software.amazon.awscdk.services.apprunner.CfnVpcConnector;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.ecr.assets.DockerImageAsset;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.constructs.Construct;

/**
 * The App Runner way, opt-in ({@code -c runtimes=...,apprunner}): App Runner is closed to new
 * customers since 2026-04-30, so in a new account this stack cannot deploy; it stays for accounts
 * that still run App Runner, on its own so its failure takes nothing else down. The adapter-apprunner
 * image built for x86-64 (the only architecture App Runner runs), reaching the database through a VPC
 * connector, health-checked on {@code /healthz}, scaled by its own configuration.
 */
final class AppRunnerStack extends SandboxStack {
    static final int PORT = 8080;

    AppRunnerStack(Construct scope, String id, StackProps props, Settings settings, Vpc vpc, DataStack data) {
        super(scope, id, props, settings.zones());
        var wiring = new AppWiring(data);
        DockerImageAsset image = ContainerImages.amd64(this, "Image", settings, "adapter-apprunner");
        List<String> subnets = NetworkStack.computeSubnetIds(vpc);

        Role access = Role.Builder.create(this, "EcrAccess")
                .assumedBy(new ServicePrincipal("build.apprunner.amazonaws.com"))
                .build();
        ContainerImages.grantPull(image, access);
        Role instance = wiring.secretReader(this, "Instance", "tasks.apprunner.amazonaws.com");
        var connector = CfnVpcConnector.Builder.create(this, "VpcConnector")
                .subnets(subnets)
                .securityGroups(List.of(data.clientSecurityGroup.getSecurityGroupId()))
                .build();
        var scaling = CfnAutoScalingConfiguration.Builder.create(this, "Scaling")
                .minSize(DeployedSizes.APP_RUNNER_MIN_INSTANCES)
                .maxSize(DeployedSizes.APP_RUNNER_MAX_INSTANCES)
                .maxConcurrency(100)
                .build();
        var variables = new ArrayList<CfnService.KeyValuePairProperty>();
        // apply mode: App Runner gives an instance no CPU between requests, so nothing here uses the queue
        wiring.containerEnvironment(false, settings.drainSeconds())
                .forEach((k, v) -> variables.add(CfnService.KeyValuePairProperty.builder().name(k).value(v).build()));
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
                                        .build())
                                .build())
                        .build())
                .instanceConfiguration(CfnService.InstanceConfigurationProperty.builder()
                        .cpu(DeployedSizes.APP_RUNNER_VCPU + " vCPU").memory(DeployedSizes.APP_RUNNER_MEMORY_GB + " GB").instanceRoleArn(instance.getRoleArn()).build())
                .healthCheckConfiguration(CfnService.HealthCheckConfigurationProperty.builder()
                        .protocol("HTTP").path("/healthz").interval(10).timeout(5)
                        .healthyThreshold(1).unhealthyThreshold(3).build())
                .networkConfiguration(CfnService.NetworkConfigurationProperty.builder()
                        .egressConfiguration(CfnService.EgressConfigurationProperty.builder()
                                .egressType("VPC").vpcConnectorArn(connector.getAttrVpcConnectorArn()).build())
                        .build())
                .autoScalingConfigurationArn(scaling.getAttrAutoScalingConfigurationArn())
                .build();
        // the roles' policies exist before App Runner first tries to pull and start
        service.getNode().addDependency(access, instance);
        CfnOutput.Builder.create(this, "AppRunnerUrl").value("https://" + service.getAttrServiceUrl())
                .description("The App Runner way's HTTP endpoint").build();
    }
}
