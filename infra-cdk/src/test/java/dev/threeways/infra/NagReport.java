package dev.threeways.infra;

import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Match;

/** Prints every unsuppressed cdk-nag error of a full synthesis: a tool for writing the stacks. */
public final class NagReport {
    public static void main(String[] args) {
        App app = new App(software.amazon.awscdk.AppProps.builder().context(Map.of("repoRoot", "..")).build());
        var stacks = ThreeWaysApp.build(app);
        app.synth();
        for (Stack s : new Stack[] {stacks.network(), stacks.data(), stacks.lambda().orElse(null),
                stacks.appRunner().orElse(null), stacks.fargate().orElse(null)}) {
            if (s == null) {
                continue;
            }
            System.err.println(s.getStackName() + ": " + Annotations.fromStack(s).findWarning("*", Match.anyValue()).size() + " warnings");
            Annotations.fromStack(s).findError("*", Match.anyValue())
                    .forEach(m -> System.err.println(s.getStackName() + " " + m.getId() + " " + String.valueOf(m.getEntry().getData()).lines().findFirst().orElse("")));
        }
    }
}
