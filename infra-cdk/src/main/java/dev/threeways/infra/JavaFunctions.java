package dev.threeways.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.ec2.ISecurityGroup;
import software.amazon.awscdk.services.ec2.IVpc;
import software.amazon.awscdk.services.ec2.SubnetSelection;
import software.amazon.awscdk.services.ecr.assets.Platform;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.AssetImageCodeProps;
import software.amazon.awscdk.services.lambda.Handler;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * A function of the project's one Lambda jar: Java 25 on ARM64, in the compute subnets, logs kept a
 * month — on the managed runtime from the .zip, or from the container image that brings its own JDK
 * and start-up archive (adapter-lambda's Dockerfile).
 */
final class JavaFunctions {
    static final String JAR = "adapter-lambda/target/three-ways-lambda.jar";
    /** The container image's build context: its Dockerfile copies the jar and the runtime client from target/. */
    static final String IMAGE_CONTEXT = "adapter-lambda";

    private JavaFunctions() {}

    static Code code(Settings settings) {
        return Code.fromAsset(settings.path(JAR));
    }

    /**
     * The handler's function from the container image, the image's CMD set to the handler. No SnapStart:
     * Lambda does not offer it for images; the image's start-up archive does that work.
     */
    static Function imageInVpc(Construct scope, String name, String handler, Settings settings, IVpc vpc,
                               ISecurityGroup securityGroup, Map<String, String> environment, Duration timeout) {
        Code image = Code.fromAssetImage(settings.path(IMAGE_CONTEXT), AssetImageCodeProps.builder()
                .cmd(List.of(handler))
                .platform(Platform.LINUX_ARM64)
                .exclude(ContainerImages.EXCLUDES)
                .build());
        return inVpc(scope, name, Handler.FROM_IMAGE, Runtime.FROM_IMAGE, image, vpc, securityGroup, environment, timeout, false);
    }

    static Function inVpc(Construct scope, String name, String handler, Code code, IVpc vpc, ISecurityGroup securityGroup,
                          Map<String, String> environment, Duration timeout, boolean snapStart) {
        return inVpc(scope, name, handler, Runtime.JAVA_25, code, vpc, securityGroup, environment, timeout, snapStart);
    }

    private static Function inVpc(Construct scope, String name, String handler, Runtime runtime, Code code, IVpc vpc,
                                  ISecurityGroup securityGroup, Map<String, String> environment, Duration timeout,
                                  boolean snapStart) {
        var builder = Function.Builder.create(scope, name + "Function")
                .runtime(runtime)
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
