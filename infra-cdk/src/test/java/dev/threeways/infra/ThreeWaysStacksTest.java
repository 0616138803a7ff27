package dev.threeways.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** Every runtime synthesized once (the first synthesis in a JVM costs seconds), then asserted on its template. */
class ThreeWaysStacksTest {
    private static ThreeWaysApp.Stacks stacks;
    private static Template network;
    private static Template data;
    private static Template lambda;
    private static Template appRunner;
    private static Template expressMode;
    private static Template fargate;

    @BeforeAll
    static void synthesize() {
        long start = System.nanoTime();
        App app = new App(AppProps.builder().context(Map.of("repoRoot", "..",
                "runtimes", "lambda,expressmode,fargate,apprunner")).build());
        stacks = ThreeWaysApp.build(app);
        app.synth();
        network = Template.fromStack(stacks.network());
        data = Template.fromStack(stacks.data());
        lambda = Template.fromStack(stacks.lambda().orElseThrow());
        appRunner = Template.fromStack(stacks.appRunner().orElseThrow());
        expressMode = Template.fromStack(stacks.expressMode().orElseThrow());
        fargate = Template.fromStack(stacks.fargate().orElseThrow());
        System.out.printf("synthesized the whole app (6 stacks) in %d ms%n", (System.nanoTime() - start) / 1_000_000);
    }

    private static List<Stack> all() {
        return List.of(stacks.network(), stacks.data(), stacks.lambda().orElseThrow(), stacks.expressMode().orElseThrow(),
                stacks.appRunner().orElseThrow(), stacks.fargate().orElseThrow());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> props(Template t, String type) {
        Map<String, Map<String, Object>> found = t.findResources(type);
        assertEquals(1, found.size(), type);
        return (Map<String, Object>) found.values().iterator().next().get("Properties");
    }

    @Test
    void lambdaFunctionsAreJava25Arm64WithSnapStartBehindAnAlias() {
        lambda.resourceCountIs("AWS::Lambda::Function", 3);
        lambda.allResourcesProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Runtime", "java25",
                "Architectures", List.of("arm64"),
                "SnapStart", Map.of("ApplyOn", "PublishedVersions"),
                "VpcConfig", Match.anyValue())));
        lambda.resourceCountIs("AWS::Lambda::Alias", 3);
        lambda.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", "dev.threeways.lambda.HttpApiStreamHandler::handleRequest")));
    }

    @Test
    void lambdaGetsAnHttpApiTheQueueWithPartialBatchResponsesAndASchedule() {
        lambda.resourceCountIs("AWS::ApiGatewayV2::Api", 1);
        lambda.hasResourceProperties("AWS::ApiGatewayV2::Stage", Match.objectLike(Map.of("AccessLogSettings", Match.anyValue())));
        lambda.hasResourceProperties("AWS::Lambda::EventSourceMapping", Match.objectLike(Map.of(
                "FunctionResponseTypes", List.of("ReportBatchItemFailures"),
                "BatchSize", 10)));
        lambda.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of("ScheduleExpression", "rate(1 hour)")));
    }

    @Test
    void theQueueFunctionMaySendToTheQueueToRetryAnEventLater() {
        Map<String, Map<String, Object>> policies = lambda.findResources("AWS::IAM::Policy");
        assertTrue(policies.values().stream().map(Object::toString)
                        .anyMatch(p -> p.contains("QueueFunctionServiceRole") && p.contains("sqs:SendMessage")),
                "the queue function's role allows sqs:SendMessage: " + policies.keySet());
    }

    @Test
    void lambdaReachesTheDatabaseThroughRdsProxyAndReadsItsSecretsItself() {
        Map<String, Map<String, Object>> functions = lambda.findResources("AWS::Lambda::Function");
        for (var fn : functions.values()) {
            String env = fn.toString();
            assertTrue(env.contains("DATABASE_SECRET_ID") && env.contains("STRIPE_WEBHOOK_SECRETS_ID"), env);
            assertFalse(env.contains("{{resolve:secretsmanager:"), "no secret value resolved into the environment: " + env);
            assertFalse(env.contains("DATABASE_PASSWORD"), env);
        }
        data.hasResourceProperties("AWS::RDS::DBProxy", Match.objectLike(Map.of("RequireTLS", true, "EngineFamily", "POSTGRESQL",
                "DBProxyName", "threeways-data-proxy")));
        assertEquals("a-b-c-proxy", DataStack.proxyName("A--b_c"));
        assertEquals(63, DataStack.proxyName("x".repeat(80)).length());
    }

    @Test
    void theDataStackMigratesTheSchemaDuringTheDeployWithTheProjectsOwnHandler() {
        data.hasResourceProperties("AWS::Lambda::Function", Match.objectLike(Map.of(
                "Handler", DataStack.MIGRATE_HANDLER, "Runtime", "java25", "Architectures", List.of("arm64"))));
        Map<String, Map<String, Object>> triggers = data.findResources("Custom::Trigger");
        assertEquals(1, triggers.size(), "one trigger: " + triggers.keySet());
        String trigger = triggers.values().iterator().next().toString();
        assertTrue(trigger.contains("DependsOn") && trigger.contains("Postgres"), "runs after the database exists: " + trigger);
    }

    @Test
    void anAlarmWatchesTheDeadLetterQueueAndMayPublishToItsTopic() {
        String topicPolicy = data.findResources("AWS::SNS::TopicPolicy").toString();
        assertTrue(topicPolicy.contains("cloudwatch.amazonaws.com") && topicPolicy.contains("sns:Publish"), topicPolicy);
        data.hasResourceProperties("AWS::CloudWatch::Alarm", Match.objectLike(Map.of(
                "MetricName", "ApproximateNumberOfMessagesVisible",
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "AlarmActions", Match.anyValue())));
        String alarm = data.findResources("AWS::CloudWatch::Alarm").toString();
        assertTrue(alarm.contains("WebhooksDlq"), alarm);
    }

    @Test
    void theQueueHasADeadLetterQueueAndItsRedrivePolicy() {
        data.resourceCountIs("AWS::SQS::Queue", 2);
        data.hasResourceProperties("AWS::SQS::Queue", Match.objectLike(Map.of(
                "RedrivePolicy", Match.objectLike(Map.of("maxReceiveCount", DataStack.MAX_RECEIVES)),
                "SqsManagedSseEnabled", true)));
    }

    @Test
    void theDatabaseIsEncryptedPrivateAndKeepsASnapshotWhenDeleted() {
        Map<String, Object> db = props(data, "AWS::RDS::DBInstance");
        assertEquals(true, db.get("StorageEncrypted"));
        assertEquals(false, db.get("PubliclyAccessible"));
        data.hasResource("AWS::RDS::DBInstance", Match.objectLike(Map.of("DeletionPolicy", "Snapshot")));
        data.hasResourceProperties("AWS::SecretsManager::Secret", Match.objectLike(Map.of(
                "GenerateSecretString", Match.objectLike(Map.of("SecretStringTemplate", "{\"username\":\"threeways\"}")))));
    }

    @Test
    void egressIsOneNatInstanceNotAGateway() {
        network.resourceCountIs("AWS::EC2::NatGateway", 0);
        network.resourceCountIs("AWS::EC2::Instance", 1);
        network.hasResourceProperties("AWS::EC2::Instance", Match.objectLike(Map.of("InstanceType", "t4g.nano")));
        network.resourceCountIs("AWS::EC2::FlowLog", 1);
    }

    @Test
    void appRunnerUsesTheImageAVpcConnectorTheLivenessCheckAndItsOwnScaling() {
        Map<String, Object> service = props(appRunner, "AWS::AppRunner::Service");
        String s = service.toString();
        assertTrue(s.contains("EgressType=VPC"), s);
        assertTrue(s.contains("Path=/healthz"), s);
        assertTrue(s.contains("Port=8080"), s);
        assertTrue(s.contains("STRIPE_WEBHOOK_SECRETS_ID") && !s.contains("QUEUE_URL"), "apply mode: no queue " + s);
        appRunner.resourceCountIs("AWS::AppRunner::VpcConnector", 1);
        appRunner.resourceCountIs("AWS::AppRunner::AutoScalingConfiguration", 1);
        appRunner.resourceCountIs("AWS::ECS::ExpressGatewayService", 0);
    }

    @Test
    void expressModeIsItsOwnStackWithATaskRoleForItsSecretsAndNoQueue() {
        expressMode.hasResourceProperties("AWS::ECS::ExpressGatewayService", Match.objectLike(Map.of(
                "HealthCheckPath", "/healthz",
                "TaskRoleArn", Match.anyValue(),
                "PrimaryContainer", Match.objectLike(Map.of("ContainerPort", 8080)))));
        String service = expressMode.findResources("AWS::ECS::ExpressGatewayService").toString();
        assertFalse(service.contains("QUEUE_URL"), "apply mode: readiness must not depend on a queue it never uses");
        assertTrue(expressMode.findResources("AWS::IAM::Policy").toString().contains("secretsmanager:GetSecretValue"));
    }

    @Test
    void everyFargateTaskDefinitionIsArm64() {
        Map<String, Map<String, Object>> tasks = fargate.findResources("AWS::ECS::TaskDefinition");
        assertEquals(2, tasks.size(), "serve, settle (the data stack migrates)");
        fargate.allResourcesProperties("AWS::ECS::TaskDefinition", Match.objectLike(Map.of(
                "RuntimePlatform", Map.of("CpuArchitecture", "ARM64", "OperatingSystemFamily", "LINUX"),
                "RequiresCompatibilities", List.of("FARGATE"))));
    }

    @Test
    @SuppressWarnings("unchecked")
    void stopTimeoutDeregistrationDelayAndDrainAreInStep() {
        int drain = 25;
        for (var task : fargate.findResources("AWS::ECS::TaskDefinition").values()) {
            var container = ((List<Map<String, Object>>) ((Map<String, Object>) task.get("Properties")).get("ContainerDefinitions")).getFirst();
            int stopTimeout = ((Number) container.get("StopTimeout")).intValue();
            String drainEnv = ((List<Map<String, Object>>) container.get("Environment")).stream()
                    .filter(e -> e.get("Name").equals("SERVER_DRAIN_SECONDS")).map(e -> e.get("Value").toString())
                    .findFirst().orElseThrow();
            assertEquals(String.valueOf(drain), drainEnv);
            assertTrue(stopTimeout > drain && stopTimeout <= 120, "stopTimeout " + stopTimeout + " above the drain");
            assertTrue(((List<Map<String, Object>>) container.get("Environment")).stream()
                    .noneMatch(e -> e.get("Name").toString().matches(".*(PASSWORD|SECRET).*") && !e.get("Name").toString().endsWith("_ID")),
                    "no secret as a plain value, only the ids of secrets");
            assertEquals(null, container.get("Secrets"), "the app reads its secrets itself, so a change reaches it without a new task");
        }
        fargate.hasResourceProperties("AWS::ElasticLoadBalancingV2::TargetGroup", Match.objectLike(Map.of(
                "HealthCheckPath", "/readyz",
                "TargetGroupAttributes", Match.arrayWith(List.of(Map.of(
                        "Key", "deregistration_delay.timeout_seconds", "Value", String.valueOf(drain)))))));
    }

    @Test
    void theClusterHasSpotAndTheServiceRollsBackFailedDeployments() {
        fargate.hasResourceProperties("AWS::ECS::ClusterCapacityProviderAssociations", Match.objectLike(Map.of(
                "CapacityProviders", List.of("FARGATE", "FARGATE_SPOT"))));
        fargate.hasResourceProperties("AWS::ECS::Service", Match.objectLike(Map.of(
                "DeploymentConfiguration", Match.objectLike(Map.of(
                        "DeploymentCircuitBreaker", Map.of("Enable", true, "Rollback", true))))));
    }

    @Test
    void settleRunsOnAScheduleWithItsOwnArm64TaskDefinition() {
        fargate.hasResourceProperties("AWS::Events::Rule", Match.objectLike(Map.of(
                "ScheduleExpression", "cron(15 3 * * ? *)",
                "Targets", Match.arrayWith(List.of(Match.objectLike(Map.of(
                        "EcsParameters", Match.objectLike(Map.of("LaunchType", "FARGATE")))))))));
        String rule = fargate.findResources("AWS::Events::Rule").toString();
        assertTrue(rule.contains("SettleTask"), rule);
    }

    @Test
    void everyEndpointIsAnOutput() {
        lambda.hasOutput("LambdaHttpApiUrl", Match.anyValue());
        lambda.hasOutput("LambdaHttpFunctionName", Match.anyValue());
        appRunner.hasOutput("AppRunnerUrl", Match.anyValue());
        expressMode.hasOutput("ExpressModeUrl", Match.anyValue());
        fargate.hasOutput("FargateUrl", Match.anyValue());
    }

    @Test
    void cdkNagAwsSolutionsFindsNothingUnsuppressed() {
        var errors = new ArrayList<String>();
        for (Stack stack : all()) {
            Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*"))
                    .forEach(m -> errors.add(stack.getStackName() + " " + m.getId() + " " + m.getEntry().getData()));
        }
        assertEquals(List.of(), errors);
    }

    @Test
    void everyRuntimeIsGivenTheReadTokenSecretsIdAndMayReadIt() {
        Map<String, Map<String, Object>> secrets = data.findResources("AWS::SecretsManager::Secret");
        assertEquals(1, secrets.keySet().stream().filter(id -> id.startsWith("ReadApiTokens")).count(), secrets.keySet().toString());
        assertTrue(secrets.entrySet().stream().filter(e -> e.getKey().startsWith("ReadApiTokens"))
                .allMatch(e -> e.getValue().toString().contains("GenerateSecretString")), "generated at deploy, never in the template");
        for (var runtime : Map.of("lambda", lambda, "apprunner", appRunner, "expressmode", expressMode, "fargate", fargate).entrySet()) {
            var given = new ArrayList<Object>();
            var webhookIds = new ArrayList<Object>();
            collectEnv(runtime.getValue().toJSON(), "READ_API_TOKENS_ID", given);
            collectEnv(runtime.getValue().toJSON(), "STRIPE_WEBHOOK_SECRETS_ID", webhookIds);
            assertTrue(!given.isEmpty() && given.size() == webhookIds.size(),
                    runtime.getKey() + ": every app environment has the read tokens' id: " + given);
            given.forEach(v -> assertTrue(v.toString().contains("ReadApiTokens") && !v.toString().contains("resolve:secretsmanager"),
                    runtime.getKey() + ": the secret's ARN, not its value: " + v));
            var statements = new ArrayList<Object>();
            collect(runtime.getValue().findResources("AWS::IAM::Policy"), "Statement", statements);
            assertTrue(statements.stream().flatMap(l -> ((List<?>) l).stream()).map(Object::toString)
                            .anyMatch(st -> st.contains("ReadApiTokens") && st.contains("secretsmanager:GetSecretValue")),
                    runtime.getKey() + ": a role may read the read tokens: " + statements);
        }
    }

    /** Values of the environment variable {@code name}: as a Lambda's map key, or as a container's {Name, Value}. */
    private static void collectEnv(Object node, String name, List<Object> out) {
        if (node instanceof Map<?, ?> map) {
            if (name.equals(map.get("Name")) && map.containsKey("Value")) {
                out.add(map.get("Value"));
            }
            map.forEach((k, v) -> {
                if (k.equals(name)) {
                    out.add(v);
                }
                collectEnv(v, name, out);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collectEnv(v, name, out));
        }
    }

    /** Every value under a key named {@code key}, anywhere in a template. */
    private static void collect(Object node, String key, List<Object> out) {
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                if (k.equals(key)) {
                    out.add(v);
                }
                collect(v, key, out);
            });
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, key, out));
        }
    }

    @Test
    void everySuppressionNamesItsRuleAndAReason() {
        var suppressions = new ArrayList<Object>();
        for (Stack stack : all()) {
            collect(Template.fromStack(stack).toJSON(), "rules_to_suppress", suppressions);
        }
        int count = 0;
        for (Object rules : suppressions) {
            for (Object rule : (List<?>) rules) {
                Map<?, ?> r = (Map<?, ?>) rule;
                String id = r.get("id").toString();
                assertTrue(id.startsWith("AwsSolutions-") || id.equals("CdkNagValidationFailure"), r.toString());
                assertTrue(r.get("reason").toString().length() > 30, "a real reason: " + r);
                count++;
            }
        }
        assertTrue(count >= 10, "suppressions found: " + count);
    }

    @Test
    void securityGroupDescriptionsAreOnesCloudFormationAccepts() {
        for (Stack stack : all()) {
            var descriptions = new ArrayList<Object>();
            collect(Template.fromStack(stack).toJSON(), "GroupDescription", descriptions);
            for (Object d : descriptions) {
                if (d instanceof String text) {
                    assertTrue(text.matches("^([a-zA-Z0-9. _\\-:/()#,@\\[\\]+=&;{}!$*])*$"), stack.getStackName() + ": " + text);
                }
            }
        }
    }

    @Test
    void noSecretValueAppearsInAnyTemplate() {
        for (Stack stack : all()) {
            var template = Template.fromStack(stack).toJSON();
            var literals = new ArrayList<Object>();
            collect(template, "SecretString", literals);
            collect(template, "MasterUserPassword", literals);
            for (Object value : literals) {
                assertTrue(value.toString().contains("{{resolve:secretsmanager:"),
                        stack.getStackName() + ": a secret in a template is only ever a reference: " + value);
            }
            assertFalse(template.toString().contains("whsec_"), stack.getStackName());
        }
    }
}
