package dev.threeways.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/**
 * -c runtimes chooses what deploys; -c fargateWorkerService=true moves the worker to its own scaled
 * service; -c lambdaPackage=image ships the functions as the container image.
 */
class RuntimeSelectionTest {
    private static App app(Map<String, Object> context) {
        var all = new java.util.HashMap<String, Object>(Map.of("repoRoot", ".."));
        all.putAll(context);
        return new App(AppProps.builder().context(all).build());
    }

    @Test
    void oneRuntimeOnlyAndAWorkerServiceScaledOnQueueDepth() {
        App lambdaOnly = app(Map.of("runtimes", "lambda"));
        var stacks = ThreeWaysApp.build(lambdaOnly);
        assertTrue(stacks.lambda().isPresent());
        assertTrue(stacks.appRunner().isEmpty());
        assertTrue(stacks.expressMode().isEmpty());
        assertTrue(stacks.fargate().isEmpty());

        App workerService = app(Map.of("runtimes", "fargate", "fargateWorkerService", "true"));
        var fargate = ThreeWaysApp.build(workerService).fargate().orElseThrow();
        workerService.synth();
        Template t = Template.fromStack(fargate);
        t.resourceCountIs("AWS::ECS::Service", 2);
        t.resourceCountIs("AWS::ECS::TaskDefinition", 3);
        t.allResourcesProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "RuntimePlatform", Match.objectLike(Map.of("CpuArchitecture", "ARM64")))));
        t.hasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Match.objectLike(Map.of(
                "PolicyType", "StepScaling")));
        assertTrue(t.findResources("AWS::CloudWatch::Alarm").values().stream()
                .anyMatch(a -> a.toString().contains("ApproximateNumberOfMessagesVisible")), "scaled on queue depth");
    }

    @Test
    void appRunnerIsOptInBecauseItTakesNoNewCustomers() {
        var stacks = ThreeWaysApp.build(app(Map.of()));
        assertTrue(stacks.appRunner().isEmpty());
        assertTrue(stacks.lambda().isPresent() && stacks.expressMode().isPresent() && stacks.fargate().isPresent());
    }

    @Test
    void lambdaPackageImageRunsEveryFunctionFromTheContainerImageWithItsHandlerAsTheCommand() throws Exception {
        App app = app(Map.of("runtimes", "lambda", "lambdaPackage", "image"));
        var lambda = ThreeWaysApp.build(app).lambda().orElseThrow();
        var assembly = app.synth();
        Template t = Template.fromStack(lambda);
        Map<String, Map<String, Object>> functions = t.findResources("AWS::Lambda::Function");
        assertEquals(3, functions.size());
        var commands = new java.util.TreeSet<String>();
        for (var f : functions.values()) {
            @SuppressWarnings("unchecked")
            var p = (Map<String, Object>) f.get("Properties");
            assertEquals("Image", p.get("PackageType"), p.toString());
            assertEquals(List.of("arm64"), p.get("Architectures"));
            assertFalse(p.containsKey("SnapStart"), "Lambda offers no SnapStart for images: " + p);
            assertFalse(p.containsKey("Runtime") || p.containsKey("Handler"), "the image brings both: " + p);
            commands.add(((Map<?, ?>) p.get("ImageConfig")).get("Command").toString());
        }
        assertEquals(new java.util.TreeSet<>(List.of("[" + LambdaStack.HTTP_HANDLER + "]", "[" + LambdaStack.QUEUE_HANDLER + "]",
                "[" + LambdaStack.SCHEDULE_HANDLER + "]")), commands);
        // one image for the three: its build context holds the Dockerfile and what it copies, not the sources
        var contexts = new java.util.HashSet<java.nio.file.Path>();
        try (var dirs = java.nio.file.Files.list(java.nio.file.Path.of(assembly.getDirectory()))) {
            dirs.filter(d -> java.nio.file.Files.isRegularFile(d.resolve("Dockerfile"))).forEach(contexts::add);
        }
        assertEquals(1, contexts.size(), contexts.toString());
        var context = contexts.iterator().next();
        assertTrue(java.nio.file.Files.isRegularFile(context.resolve("target/three-ways-lambda.jar")));
        assertTrue(java.nio.file.Files.isRegularFile(context.resolve("target/runtime/aws-lambda-java-runtime-interface-client.jar")));
        assertFalse(java.nio.file.Files.exists(context.resolve("src")));
        assertTrue(Annotations.fromStack(lambda).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")).isEmpty(),
                "cdk-nag finds nothing unsuppressed");
    }

    @Test
    void anUnknownLambdaPackageIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> ThreeWaysApp.build(app(Map.of("lambdaPackage", "jar"))));
        assertTrue(e.getMessage().contains("lambdaPackage 'jar'"), e.getMessage());
    }

    @Test
    void anUnknownRuntimeIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> ThreeWaysApp.build(app(Map.of("runtimes", "lambda,heroku"))));
        assertTrue(e.getMessage().contains("heroku"));
    }
}
