package dev.threeways.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import java.util.Optional;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;

/**
 * The CDK app: the network and data every runtime shares, then one stack per runtime chosen with
 * {@code -c runtimes=lambda,expressmode,fargate,apprunner} (all but App Runner by default, which takes
 * no new customers). The data stack creates the schema before any runtime's stack deploys. cdk-nag's AwsSolutions
 * checks run on every stack; what they flag and we keep is suppressed with the reason, in the stack.
 */
public final class ThreeWaysApp {
    /** The stacks of one synthesis. */
    public record Stacks(NetworkStack network, DataStack data, Optional<LambdaStack> lambda,
                         Optional<ExpressModeStack> expressMode, Optional<AppRunnerStack> appRunner,
                         Optional<FargateStack> fargate) {}

    private ThreeWaysApp() {}

    public static void main(String[] args) {
        App app = new App();
        build(app);
        app.synth();
    }

    public static Stacks build(App app) {
        Settings settings = Settings.from(app);
        var network = new NetworkStack(app, "ThreeWays-Network", settings.props("Three Ways: VPC"), settings.zones());
        var data = new DataStack(app, "ThreeWays-Data", settings.props("Three Ways: PostgreSQL, RDS Proxy, queue, secrets"),
                settings, network.vpc);
        Optional<LambdaStack> lambda = settings.deploys("lambda")
                ? Optional.of(new LambdaStack(app, "ThreeWays-Lambda", settings.props("Three Ways: the Lambda way"),
                        settings, network.vpc, data))
                : Optional.empty();
        Optional<ExpressModeStack> expressMode = settings.deploys("expressmode")
                ? Optional.of(new ExpressModeStack(app, "ThreeWays-ExpressMode",
                        settings.props("Three Ways: the App Runner image on ECS Express Mode"), settings, network.vpc, data))
                : Optional.empty();
        Optional<AppRunnerStack> appRunner = settings.deploys("apprunner")
                ? Optional.of(new AppRunnerStack(app, "ThreeWays-AppRunner",
                        settings.props("Three Ways: the App Runner way (opt-in: App Runner takes no new customers)"),
                        settings, network.vpc, data))
                : Optional.empty();
        Optional<FargateStack> fargate = settings.deploys("fargate")
                ? Optional.of(new FargateStack(app, "ThreeWays-Fargate", settings.props("Three Ways: the Fargate way"),
                        settings, network.vpc, data))
                : Optional.empty();
        Aspects.of(app).add(new AwsSolutionsChecks());
        return new Stacks(network, data, lambda, expressMode, appRunner, fargate);
    }
}
