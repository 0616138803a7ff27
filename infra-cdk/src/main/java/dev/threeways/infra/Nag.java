package dev.threeways.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.List;
import software.constructs.IConstruct;

/** A cdk-nag finding we keep: the rule, the resource it is on, and why. */
final class Nag {
    private Nag() {}

    static void accept(IConstruct resource, String rule, String reason) {
        NagSuppressions.addResourceSuppressions(resource,
                List.of(NagPackSuppression.builder().id("AwsSolutions-" + rule).reason(reason).build()), true);
    }

    /** For a resource a construct creates for us (a NAT instance, a default policy), named by its path. */
    static void acceptAt(software.amazon.awscdk.Stack stack, String path, String rule, String reason) {
        NagSuppressions.addResourceSuppressionsByPath(stack, "/" + stack.getStackName() + "/" + path,
                List.of(NagPackSuppression.builder().id("AwsSolutions-" + rule).reason(reason).build()), true);
    }

    static void accept(IConstruct resource, String rule, String reason, List<String> appliesTo) {
        NagSuppressions.addResourceSuppressions(resource, List.of(NagPackSuppression.builder()
                .id("AwsSolutions-" + rule).reason(reason)
                .appliesTo(appliesTo.stream().map(a -> (Object) a).toList()).build()), true);
    }
}
