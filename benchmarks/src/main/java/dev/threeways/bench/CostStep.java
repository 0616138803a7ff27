package dev.threeways.bench;

import dev.threeways.advisor.cli.Cli;
import dev.threeways.bench.cost.AdvisorPrices;
import dev.threeways.bench.cost.Costs;
import dev.threeways.bench.report.Report;
import dev.threeways.bench.stats.Distribution;
import dev.threeways.bench.ways.ColdStarts;
import java.util.ArrayList;
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
                                           List<Report.Memory> memory, double appRunnerCpu, double fargateCpu,
                                           List<String> notes) {
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
        var figures = new Report.PricedFigures(warmBilled,
                Distribution.of(cold.get().initMs()).mean(), Distribution.of(cold.get().firstMs()).mean(),
                appRunner.get(), resident(memory, "App Runner"), fargate.get(), resident(memory, "Fargate"),
                Runtime.getRuntime().availableProcessors(), appRunnerCpu, fargateCpu);
        // the figures go into the cost part, so the report can be priced again when the prices change
        return Optional.of(new Costs(new AdvisorPrices()).price(figures));
    }

    /** The note a re-priced report carries (once, however often it is re-priced). */
    static final String REPRICED_NOTE = "The cost part was priced again after the run (render --reprice), from the "
            + "measured figures this report keeps, with the prices its source names.";

    /**
     * The report with its cost part priced again, with the advisor's current prices, from the figures it keeps.
     *
     * @throws Cli.UsageException when the report has no cost part, or one written before the figures were kept
     */
    static Report reprice(Report report) {
        Report.CostPart cost = report.cost();
        if (cost == null) {
            throw new Cli.UsageException("--reprice: this report has no cost part to price again (the cost part was "
                    + "not run or could not be priced); measure it again with `compare`, with the lambda, servers "
                    + "and cost parts");
        }
        if (cost.figures() == null) {
            throw new Cli.UsageException("--reprice: this report predates stored priced figures (its cost part "
                    + "keeps no \"figures\"), so it cannot be priced again; measure it again with `compare`");
        }
        Report.CostPart repriced;
        try {
            repriced = new Costs(new AdvisorPrices()).price(cost.figures());
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException("--reprice: the report's stored figures cannot be priced: " + e.getMessage());
        }
        var notes = new ArrayList<>(report.notes());
        notes.remove(REPRICED_NOTE);
        notes.add(REPRICED_NOTE);
        return report.withCost(repriced).withNotes(notes);
    }

    private static Optional<Double> saturation(List<Report.Throughput> throughputs, String way) {
        return throughputs.stream().filter(t -> t.way().equals(way) && t.what().startsWith("GET /hello"))
                .map(Report.Throughput::perSecond).findFirst();
    }

    private static double resident(List<Report.Memory> memory, String way) {
        return memory.stream().filter(m -> m.way().equals(way)).mapToDouble(Report.Memory::residentMib).findFirst().orElse(0);
    }
}
