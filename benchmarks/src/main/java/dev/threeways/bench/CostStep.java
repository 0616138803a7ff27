package dev.threeways.bench;

import dev.threeways.bench.cost.AdvisorPrices;
import dev.threeways.bench.cost.Costs;
import dev.threeways.bench.cost.Measured;
import dev.threeways.bench.report.Report;
import dev.threeways.bench.stats.Distribution;
import dev.threeways.bench.ways.ColdStarts;
import java.util.List;
import java.util.Optional;

/**
 * Feeds what this run measured into the pricing model: the port {@code cost.CostModel}, filled by the
 * advisor module's pricing model ({@link AdvisorPrices}).
 */
final class CostStep {
    private CostStep() {}

    /** The cost part, or empty (with a note saying why) when the parts it prices were not run. */
    static Optional<Report.CostPart> price(ColdStarts.Results lambda, List<Report.Throughput> throughputs,
                                           List<Report.Memory> memory, List<String> notes) {
        if (lambda == null) {
            notes.add("Cost was not priced: it needs the lambda part's durations (run with --parts including lambda).");
            return Optional.empty();
        }
        List<Double> warm = lambda.warmMs().get(ColdStarts.PRICED_VARIANT);
        var cold = lambda.starts().stream().filter(s -> s.variant().equals(ColdStarts.PRICED_VARIANT)).findFirst();
        Optional<Double> appRunner = saturation(throughputs, "App Runner");
        Optional<Double> fargate = saturation(throughputs, "Fargate");
        if (warm == null || warm.isEmpty() || cold.isEmpty() || appRunner.isEmpty() || fargate.isEmpty()) {
            notes.add("Cost was not priced: it needs the lambda and servers parts' figures.");
            return Optional.empty();
        }
        // billed per invoke in whole milliseconds, each rounded up
        double warmBilled = warm.stream().mapToDouble(Math::ceil).average().orElseThrow();
        Measured measured = Measured.asDeployed(warmBilled,
                Distribution.of(cold.get().initMs()).mean(), Distribution.of(cold.get().firstMs()).mean(),
                appRunner.get(), resident(memory, "App Runner"), fargate.get(), resident(memory, "Fargate"),
                Runtime.getRuntime().availableProcessors());
        return Optional.of(new Costs(new AdvisorPrices()).price(measured));
    }

    private static Optional<Double> saturation(List<Report.Throughput> throughputs, String way) {
        return throughputs.stream().filter(t -> t.way().equals(way) && t.what().equals("GET /hello"))
                .map(Report.Throughput::perSecond).findFirst();
    }

    private static double resident(List<Report.Memory> memory, String way) {
        return memory.stream().filter(m -> m.way().equals(way)).mapToDouble(Report.Memory::residentMib).findFirst().orElse(0);
    }
}
