package dev.threeways.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/** A function of the project's one Lambda jar: Java 25 on ARM64, in the compute subnets, logs kept a month. */
final class JavaFunctions {
    static final String JAR = "adapter-lambda/target/three-ways-lambda.jar";

    private JavaFunctions() {}

    static Code code(Settings settings) {
        return Code.fromAsset(settings.path(JAR));
    }

    static Function inVpc(Construct scope, String name, String handler, Code code, IVpc vpc, ISecurityGroup securityGroup,
                          Map<String, String> environment, Duration timeout, boolean snapStart) {
        var builder = Function.Builder.create(scope, name + "Function")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(handler)
                .code(code)
                .memorySize(DeployedSizes.LAMBDA_MEMORY_MB)
                .timeout(timeout)
                .vpc(vpc)
                .vpcSubnets(SubnetSelection.builder().subnetGroupName(NetworkStack.COMPUTE).build())
                .securityGroups(List.of(securityGroup))
                .environment(environment)
                .logGroup(LogGroup.Builder.create(scope, name + "Logs").retention(RetentionDays.ONE_MONTH)
                        .removalPolicy(RemovalPolicy.DESTROY).build());
        if (snapStart) {
            builder.snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS);
        }
        Function fn = builder.build();
        if (snapStart) {
            Annotations.of(fn).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                    "every invocation goes through the live alias, which points at a published version");
        }
        Nag.accept(fn.getRole(), "IAM4", "AWS's own minimal policies for a VPC function: CloudWatch Logs and the network interfaces",
                List.of("Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
                        "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"));
        return fn;
    }
}
