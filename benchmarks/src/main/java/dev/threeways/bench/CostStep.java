package dev.threeways.bench;

import dev.threeways.advisor.cli.Cli;
import dev.threeways.bench.cost.AdvisorPrices;
import dev.threeways.bench.cost.Costs;
import dev.threeways.bench.report.Report;
import dev.threeways.bench.stats.Distribution;
import dev.threeways.bench.ways.ColdStarts;
import dev.threeways.bench.ways.QueuePath;
import dev.threeways.bench.ways.Servers;
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
        double warmBilled = billedMean(warm).orElseThrow();
        var figures = new Report.PricedFigures(warmBilled,
                Distribution.of(cold.get().initMs()).mean(), Distribution.of(cold.get().firstMs()).mean(),
                appRunner.get(), resident(memory, "App Runner"), fargate.get(), resident(memory, "Fargate"),
                Runtime.getRuntime().availableProcessors(), appRunnerCpu, fargateCpu)
                .withWebhooks(webhooks(billedMean(lambda.warmMs().get(ColdStarts.PRICED_WEBHOOK_VARIANT)), throughputs));
        if (figures.webhooks() == null) {
            notes.add("The webhook profiles were not priced: they need the lambda, servers and queue parts' webhook figures.");
        }
        // the figures go into the cost part, so the report can be priced again when the prices change
        return Optional.of(new Costs(new AdvisorPrices()).price(figures));
    }

    /** What a re-priced report from before the webhook figures were kept says of its missing webhook profiles. */
    static final String NO_WEBHOOK_FIGURES_NOTE = "The webhook profiles are not priced: this report was measured before "
            + "the webhook path's figures were kept with the cost part (the Lambda HTTP function's warm webhook duration "
            + "among them); `compare` measures them.";

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
        notes.remove(NO_WEBHOOK_FIGURES_NOTE);
        if (cost.figures().webhooks() == null) {
            notes.add(NO_WEBHOOK_FIGURES_NOTE);
        }
        return report.withCost(repriced).withNotes(notes);
    }

    /** The mean billed duration of warm invokes: billed per invoke in whole milliseconds, each rounded up. */
    private static Optional<Double> billedMean(List<Double> warm) {
        return warm == null || warm.isEmpty() ? Optional.empty()
                : Optional.of(warm.stream().mapToDouble(Math::ceil).average().orElseThrow());
    }

    /** The webhook path's figures from this run, or null when a part that measures one was not run. */
    static Report.WebhookFigures webhooks(Optional<Double> lambdaEnqueueBilledMs, List<Report.Throughput> throughputs) {
        Optional<Double> appRunner = measured(throughputs, "App Runner", Servers.APP_RUNNER_WEBHOOKS);
        Optional<Double> enqueue = measured(throughputs, "Fargate", Servers.FARGATE_WEBHOOKS);
        Optional<Double> worker = measured(throughputs, "Fargate", QueuePath.FARGATE_CONSUMER);
        Optional<Double> queue = measured(throughputs, "Lambda", QueuePath.LAMBDA_CONSUMER);
        if (lambdaEnqueueBilledMs.isEmpty() || appRunner.isEmpty() || enqueue.isEmpty() || worker.isEmpty() || queue.isEmpty()) {
            return null;
        }
        return new Report.WebhookFigures(lambdaEnqueueBilledMs.get(), queue.get(),
                dev.threeways.infra.DeployedSizes.QUEUE_FUNCTION_MAX_CONCURRENCY, appRunner.get(), enqueue.get(), worker.get());
    }

    private static Optional<Double> measured(List<Report.Throughput> throughputs, String way, String whatStarts) {
        return throughputs.stream().filter(t -> t.way().equals(way) && t.what().startsWith(whatStarts))
                .map(Report.Throughput::perSecond).findFirst();
    }

    private static Optional<Double> saturation(List<Report.Throughput> throughputs, String way) {
        return throughputs.stream().filter(t -> t.way().equals(way) && t.what().startsWith("GET /hello"))
                .map(Report.Throughput::perSecond).findFirst();
    }

    private static double resident(List<Report.Memory> memory, String way) {
        return memory.stream().filter(m -> m.way().equals(way)).mapToDouble(Report.Memory::residentMib).findFirst().orElse(0);
    }
}
