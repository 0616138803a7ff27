package dev.threeways.infra;

import java.util.List;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * A stack of the sandbox. Availability zones are named, not looked up, so synthesis needs neither
 * credentials nor network (and a test pays no lookup).
 */
abstract class SandboxStack extends Stack {
    private final List<String> zones;

    SandboxStack(Construct scope, String id, StackProps props, List<String> zones) {
        super(scope, id, props);
        this.zones = List.copyOf(zones);
    }

    @Override
    public List<String> getAvailabilityZones() {
        return zones;
    }
}
