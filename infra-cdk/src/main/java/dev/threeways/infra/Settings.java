package dev.threeways.infra;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * What a deploy chooses, from CDK context ({@code -c key=value} or cdk.json): which runtimes, where,
 * where the built artifacts are, who hears the alarms ({@code alarmEmail}), and how the Lambda functions
 * ship ({@code lambdaPackage}: {@code zip}, the default, or {@code image}). Defaults make {@code cdk synth} work on a fresh clone after
 * {@code ./mvnw package}.
 */
record Settings(Set<String> runtimes, String region, String account, List<String> zones, String repoRoot,
                boolean fargateWorkerService, int drainSeconds, Optional<String> alarmEmail, boolean lambdaImage) {

    /** How the Lambda functions ship: {@code zip} (the jar on the managed runtime, with SnapStart) or {@code image}. */
    static final Set<String> LAMBDA_PACKAGES = Set.of("zip", "image");

    static final Set<String> ALL = Set.of("lambda", "apprunner", "expressmode", "fargate");
    /** App Runner is opt-in: closed to new customers since 2026-04-30, it cannot deploy in a new account. */
    static final String DEFAULT_RUNTIMES = "lambda,expressmode,fargate";

    static Settings from(App app) {
        Set<String> runtimes = Arrays.stream(context(app, "runtimes", DEFAULT_RUNTIMES).split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toUnmodifiableSet());
        for (String r : runtimes) {
            if (!ALL.contains(r)) {
                throw new IllegalArgumentException("unknown runtime '" + r + "' in -c runtimes; expected some of " + ALL);
            }
        }
        String region = context(app, "region", envOr("CDK_DEFAULT_REGION", "eu-west-1"));
        List<String> zones = Arrays.stream(context(app, "zones", region + "a," + region + "b").split(","))
                .map(String::trim).toList();
        String lambdaPackage = context(app, "lambdaPackage", "zip");
        if (!LAMBDA_PACKAGES.contains(lambdaPackage)) {
            throw new IllegalArgumentException("unknown -c lambdaPackage '" + lambdaPackage + "'; expected one of " + LAMBDA_PACKAGES);
        }
        return new Settings(runtimes, region, envOr("CDK_DEFAULT_ACCOUNT", ""), zones, context(app, "repoRoot", ".."),
                Boolean.parseBoolean(context(app, "fargateWorkerService", "false")),
                Integer.parseInt(context(app, "drainSeconds", "25")),
                Optional.of(context(app, "alarmEmail", "")).filter(e -> !e.isBlank()),
                lambdaPackage.equals("image"));
    }

    boolean deploys(String runtime) {
        return runtimes.contains(runtime);
    }

    StackProps props(String description) {
        var env = Environment.builder().region(region);
        if (!account.isEmpty()) {
            env.account(account);
        }
        return StackProps.builder().env(env.build()).description(description).build();
    }

    String path(String relative) {
        return repoRoot + "/" + relative;
    }

    private static String context(App app, String key, String fallback) {
        Object v = app.getNode().tryGetContext(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString();
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
