package dev.threeways.infra;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** -c runtimes chooses what deploys; -c fargateWorkerService=true moves the worker to its own scaled service. */
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
    void anUnknownRuntimeIsAClearError() {
        var e = assertThrows(IllegalArgumentException.class, () -> ThreeWaysApp.build(app(Map.of("runtimes", "lambda,heroku"))));
        assertTrue(e.getMessage().contains("heroku"));
    }
}
