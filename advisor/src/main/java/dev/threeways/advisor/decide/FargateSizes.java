package dev.threeways.advisor.decide;

import static dev.threeways.advisor.Checks.finite;
import static dev.threeways.advisor.Checks.require;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The task sizes Fargate offers (Linux): a CPU value and, for each, a range of memory in fixed steps.
 * Anything else is refused by ECS when the task definition is registered, so the pricing side refuses it too.
 * Source: {@link Limits#FARGATE_MAX_TASK_MEMORY}'s page, the "Task size" table.
 */
public final class FargateSizes {
    private FargateSizes() {}

    /** One CPU value and the memory (GB) it may be paired with. */
    private record Row(double vcpu, List<Double> memoryGb, String described) {}

    private static final List<Row> ROWS = List.of(
            new Row(0.25, List.of(0.5, 1.0, 2.0), "0.5, 1 or 2 GB"),
            steps(0.5, 1, 4, 1),
            steps(1, 2, 8, 1),
            steps(2, 4, 16, 1),
            steps(4, 8, 30, 1),
            steps(8, 16, 60, 4),
            steps(16, 32, 120, 8));

    private static final List<ComputeSize> ALL = ROWS.stream()
            .flatMap(r -> r.memoryGb.stream().map(m -> new ComputeSize(r.vcpu, m)))
            .toList();

    private static Row steps(double vcpu, int fromGb, int toGb, int stepGb) {
        var memory = new ArrayList<Double>();
        for (int gb = fromGb; gb <= toGb; gb += stepGb) {
            memory.add((double) gb);
        }
        return new Row(vcpu, List.copyOf(memory), fromGb + "–" + toGb + " GB in " + stepGb + " GB steps");
    }

    /** Whether Fargate offers a task of exactly this vCPU and memory (GB). */
    public static boolean valid(double vcpu, double memoryGb) {
        return finite(vcpu) && finite(memoryGb) && ALL.stream().anyMatch(s -> s.vcpu() == vcpu && s.memoryGb() == memoryGb);
    }

    /** The size, or an IllegalArgumentException that says which memory the asked vCPU allows. */
    public static ComputeSize requireValid(double vcpu, double memoryGb) {
        Row row = ROWS.stream().filter(r -> r.vcpu == vcpu).findFirst().orElse(null);
        require(row != null, "Fargate offers no task of " + Units.number(vcpu) + " vCPU: it offers "
                + vcpuOptions().stream().map(Units::number).collect(Collectors.joining(", ")) + " vCPU");
        require(row.memoryGb.contains(memoryGb), "Fargate offers no task of " + Units.number(vcpu) + " vCPU with "
                + Units.number(memoryGb) + " GB: with " + Units.number(vcpu) + " vCPU the memory is " + row.described);
        return new ComputeSize(vcpu, memoryGb);
    }

    /** Every size Fargate offers, by vCPU and then memory. */
    public static List<ComputeSize> all() {
        return ALL;
    }

    public static List<Double> vcpuOptions() {
        return ROWS.stream().map(Row::vcpu).toList();
    }

    /** The memory (GB) Fargate pairs with a vCPU value; empty if it offers no such vCPU. */
    public static List<Double> memoryOptions(double vcpu) {
        return ROWS.stream().filter(r -> r.vcpu == vcpu).findFirst().map(Row::memoryGb).orElse(List.of());
    }

    /**
     * The smallest size with at least this vCPU and memory: the fewest vCPU that can hold the memory, then the
     * least memory at that vCPU. A larger CPU value never offers less memory above a need than a smaller one,
     * so no other fitting size is smaller in either dimension, and none is cheaper.
     */
    public static ComputeSize smallestFitting(double vcpu, double memoryGb) {
        require(finite(vcpu) && vcpu >= 0, "vCPU needed must be 0 or more: " + vcpu);
        require(finite(memoryGb) && memoryGb >= 0, "memory needed (GB) must be 0 or more: " + memoryGb);
        for (ComputeSize s : ALL) {
            if (s.vcpu() >= vcpu && s.memoryGb() >= memoryGb) {
                return s;
            }
        }
        ComputeSize largest = ALL.getLast();
        throw new IllegalArgumentException("no Fargate task has " + Units.number(vcpu) + " vCPU and "
                + Units.number(memoryGb) + " GB: the largest is " + largest);
    }
}
