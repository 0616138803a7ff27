package dev.threeways.infra;

import java.util.List;
import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.services.apigatewayv2.HttpApi;
import software.amazon.awscdk.aws_apigatewayv2_integrations.HttpLambdaIntegration;
import software.amazon.awscdk.services.ec2.Vpc;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.Schedule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The Lambda way: three functions from one jar (Java 25, ARM64, SnapStart on published versions,
 * each behind a {@code live} alias; or, with {@code -c lambdaPackage=image}, from the container image
 * with its start-up archive, without SnapStart), an HTTP API to the HTTP handler, the webhook queue as the queue
 * handler's event source with partial batch responses, and an hourly schedule for the reconcile job.
 */
final class LambdaStack extends SandboxStack {
    static final String HTTP_HANDLER = "dev.threeways.lambda.HttpApiStreamHandler::handleRequest";
    static final String QUEUE_HANDLER = "dev.threeways.lambda.QueueHandler::handleRequest";
    static final String SCHEDULE_HANDLER = "dev.threeways.lambda.ScheduleHandler::handleRequest";

    final HttpApi api;
    private final DataStack data;
    private final Settings settings;

    LambdaStack(Construct scope, String id, StackProps props, Settings settings, Vpc vpc, DataStack data) {
        super(scope, id, props, settings.zones());
        this.data = data;
        this.settings = settings;
        var wiring = new AppWiring(data);
        Code code = settings.lambdaImage() ? null : JavaFunctions.code(settings);

        Alias http = function("Http", HTTP_HANDLER, code, vpc, wiring, Duration.seconds(10), true);
        Alias queue = function("Queue", QUEUE_HANDLER, code, vpc, wiring, Duration.seconds(10), true);
        Alias schedule = function("Schedule", SCHEDULE_HANDLER, code, vpc, wiring, Duration.minutes(2), false);

        api = HttpApi.Builder.create(this, "Api")
                .defaultIntegration(new HttpLambdaIntegration("App", http))
                .build();
        data.queue.grantSendMessages(http);
        var accessLogs = LogGroup.Builder.create(this, "ApiAccessLogs").retention(RetentionDays.ONE_MONTH)
                .removalPolicy(software.amazon.awscdk.RemovalPolicy.DESTROY).build();
        var stage = (software.amazon.awscdk.services.apigatewayv2.CfnStage) api.getDefaultStage().getNode().getDefaultChild();
        stage.setAccessLogSettings(software.amazon.awscdk.services.apigatewayv2.CfnStage.AccessLogSettingsProperty.builder()
                .destinationArn(accessLogs.getLogGroupArn())
                .format("{\"requestId\":\"$context.requestId\",\"ip\":\"$context.identity.sourceIp\",\"method\":\"$context.httpMethod\",\"path\":\"$context.path\",\"status\":$context.status,\"latencyMs\":$context.responseLatency,\"integrationMs\":$context.integrationLatency}")
                .build());
        Nag.acceptAt(this, "Api/DefaultRoute/Resource", "APIG4", "public by design: /hello and /echo are the demo, and /webhooks/stripe is authenticated by Stripe's signature, which the app verifies");

        // the queue function retries an event during a database outage by sending a delayed copy of it
        data.queue.grantSendMessages(queue);
        queue.addEventSource(SqsEventSource.Builder.create(data.queue)
                .batchSize(DeployedSizes.QUEUE_FUNCTION_BATCH_SIZE)
                .reportBatchItemFailures(true)
                .maxConcurrency(DeployedSizes.QUEUE_FUNCTION_MAX_CONCURRENCY)
                .build());

        Rule.Builder.create(this, "Reconcile")
                .schedule(Schedule.rate(Duration.hours(1)))
                .targets(List.of(LambdaFunction.Builder.create(schedule).build()))
                .build();

        CfnOutput.Builder.create(this, "LambdaHttpApiUrl").value(api.getApiEndpoint())
                .description("The Lambda way's HTTP endpoint").build();
        // `three-ways-bench remote --lambda-cold-starts` publishes new versions of it behind the alias
        CfnOutput.Builder.create(this, "LambdaHttpFunctionName").value(http.getVersion().getLambda().getFunctionName())
                .description("The HTTP function, whose 'live' alias the API calls").build();
    }

    private Alias function(String name, String handler, Code code, Vpc vpc, AppWiring wiring, Duration timeout,
                           boolean usesQueue) {
        Function fn = settings.lambdaImage()
                ? JavaFunctions.imageInVpc(this, name, handler, settings, vpc, data.clientSecurityGroup,
                        wiring.lambdaEnvironment(usesQueue), timeout)
                : JavaFunctions.inVpc(this, name, handler, code, vpc, data.clientSecurityGroup,
                        wiring.lambdaEnvironment(usesQueue), timeout, true);
        wiring.grantSecrets(fn);
        return Alias.Builder.create(this, name + "Live").aliasName("live").version(fn.getCurrentVersion()).build();
    }
}
