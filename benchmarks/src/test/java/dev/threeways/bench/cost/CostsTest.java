package dev.threeways.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.price.Crossovers;
import dev.threeways.advisor.price.PriceBook;
import dev.threeways.bench.report.Report;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class CostsTest {
    private static final Measured MEASURED = Measured.asDeployed(20, 1500, 300, 8000, 300, 8000, 280, 8);

    /** A cost model of given functions of volume, in the order given. */
    private record Fake(Map<String, DoubleUnaryOperator> ways) implements CostModel {
        @Override
        public Map<String, Double> monthlyUsd(Measured measured, TrafficProfile shape, double requestsPerMonth) {
            if (requestsPerMonth < 0) {
                throw new IllegalArgumentException("negative");
            }
            var usd = new LinkedHashMap<String, Double>();
            ways.forEach((way, f) -> usd.put(way, f.applyAsDouble(requestsPerMonth)));
            return usd;
        }

        @Override
        public String source() {
            return "fake";
        }
    }

    private static Fake fake(String w1, DoubleUnaryOperator f1, String w2, DoubleUnaryOperator f2) {
        var ways = new LinkedHashMap<String, DoubleUnaryOperator>();
        ways.put(w1, f1);
        ways.put(w2, f2);
        return new Fake(ways);
    }

    @Test
    void bisectionFindsTheCrossoverOfTwoStraightLines() {
        // $100 flat against $10 per million: equal at 10 M requests
        var costs = new Costs(fake("flat", v -> 100, "per request", v -> 1e-5 * v));
        var found = costs.crossovers(MEASURED, TrafficProfile.STEADY, Crossovers.CURVE_FROM, Crossovers.CURVE_TO);
        assertEquals(1, found.size());
        var crossover = found.getFirst();
        assertEquals("per request", crossover.cheaperBelow());
        assertEquals("flat", crossover.cheaperAbove());
        assertEquals(1e7, crossover.requestsPerMonth(), 1e7 * 0.001);
    }

    @Test
    void bisectionFindsACrossoverOffTheGridOfLinesWithOffsets() {
        // 3 + 2e-6 v against 40 + 1e-7 v: equal at 37 / 1.9e-6 ≈ 19.47 M
        var costs = new Costs(fake("a", v -> 3 + 2e-6 * v, "b", v -> 40 + 1e-7 * v));
        var found = costs.crossovers(MEASURED, TrafficProfile.STEADY, Crossovers.CURVE_FROM, Crossovers.CURVE_TO);
        assertEquals(1, found.size());
        assertEquals(37 / 1.9e-6, found.getFirst().requestsPerMonth(), 37 / 1.9e-6 * 0.001);
    }

    @Test
    void aThirdWayCheapestInsideOneGridStepIsFoundBySplittingTheBracket() {
        var ways = new LinkedHashMap<String, DoubleUnaryOperator>();
        ways.put("low", v -> 1e-5 * v);
        ways.put("high", v -> 100);
        // cheapest only between ≈ 9.99909 M and 10.001 M, well inside one step of the curve grid
        ways.put("narrow", v -> 99.9 + 1e-4 * Math.abs(v - 1e7));
        var costs = new Costs(new Fake(ways));
        var found = costs.crossovers(MEASURED, TrafficProfile.STEADY, Crossovers.CURVE_FROM, Crossovers.CURVE_TO);
        assertEquals(2, found.size(), found.toString());
        assertEquals(new Report.Crossover("low", "narrow", found.get(0).requestsPerMonth()), found.get(0));
        assertEquals(1099.9 / 1.1e-4, found.get(0).requestsPerMonth(), 1e7 * 1e-6);
        assertEquals(new Report.Crossover("narrow", "high", found.get(1).requestsPerMonth()), found.get(1));
        assertEquals(1.0001e7, found.get(1).requestsPerMonth(), 1e7 * 1e-6);
    }

    @Test
    void noCrossoverWhenOneWayIsAlwaysCheapest() {
        var costs = new Costs(fake("cheap", v -> 1e-6 * v, "dear", v -> 1 + 2e-6 * v));
        assertTrue(costs.crossovers(MEASURED, TrafficProfile.STEADY, Crossovers.CURVE_FROM, Crossovers.CURVE_TO).isEmpty());
    }

    @Test
    void theCheapestWayChangesAtEveryReportedCrossoverOfTheAdvisorsPrices() {
        var model = new AdvisorPrices();
        var part = new Costs(model).price(MEASURED);
        assertFalse(part.crossovers().isEmpty(), "the cheapest way at 10 k a month is not the cheapest at 10 G");
        for (var c : part.crossovers()) {
            double v = c.requestsPerMonth();
            assertEquals(c.cheaperBelow(), Crossovers.cheapest(model.monthlyUsd(MEASURED, TrafficProfile.STEADY, v * (1 - 1e-6))), c.toString());
            assertEquals(c.cheaperAbove(), Crossovers.cheapest(model.monthlyUsd(MEASURED, TrafficProfile.STEADY, v * (1 + 1e-6))), c.toString());
        }
        assertEquals(Crossovers.cheapest(model.monthlyUsd(MEASURED, TrafficProfile.STEADY, Crossovers.CURVE_FROM)),
                part.crossovers().getFirst().cheaperBelow());
        // crossovers come in order of volume and each starts where the one before ended
        for (int i = 1; i < part.crossovers().size(); i++) {
            assertTrue(part.crossovers().get(i).requestsPerMonth() > part.crossovers().get(i - 1).requestsPerMonth());
            assertEquals(part.crossovers().get(i - 1).cheaperAbove(), part.crossovers().get(i).cheaperBelow());
        }
    }

    @Test
    void curvesAreLogSpacedFromTenThousandToTenBillionAndNeverFall() {
        var curves = new Costs(new AdvisorPrices()).curves(MEASURED, TrafficProfile.STEADY);
        assertEquals(CostModel.WAYS, curves.stream().map(Report.Curve::way).toList());
        for (var curve : curves) {
            List<Report.CostPoint> points = curve.points();
            assertEquals(6 * Costs.POINTS_PER_DECADE + 1, points.size());
            assertEquals(1e4, points.getFirst().requestsPerMonth(), 1e-6);
            assertEquals(1e10, points.getLast().requestsPerMonth(), 1e-2);
            for (int i = 1; i < points.size(); i++) {
                double ratio = points.get(i).requestsPerMonth() / points.get(i - 1).requestsPerMonth();
                assertEquals(Math.pow(10, 1.0 / Costs.POINTS_PER_DECADE), ratio, 1e-9);
                assertTrue(points.get(i).usdPerMonth() >= points.get(i - 1).usdPerMonth(),
                        curve.way() + " falls at " + points.get(i).requestsPerMonth());
            }
        }
    }

    @Test
    void eachProfileIsPricedPerWayMonthlyAndPerMillion() {
        var model = new AdvisorPrices();
        var part = new Costs(model).price(MEASURED);
        assertEquals(TrafficProfile.all().stream().map(TrafficProfile::name).toList(),
                part.profiles().stream().map(Report.ProfileCost::profile).toList());
        for (var priced : part.profiles()) {
            assertEquals(Set.copyOf(CostModel.WAYS), priced.monthlyUsd().keySet());
            for (String way : CostModel.WAYS) {
                assertEquals(priced.monthlyUsd().get(way) / (priced.requestsPerMonth() / 1e6), priced.perMillionUsd().get(way), 1e-9);
            }
        }
        var idle = part.profiles().get(2);
        // a few thousand requests a month: Lambda's requests cost cents, but as deployed it pays its RDS Proxy all month,
        // above App Runner's one instance's memory; an always-on task and its load balancer more
        assertTrue(idle.monthlyUsd().get(CostModel.LAMBDA) > idle.monthlyUsd().get(CostModel.APP_RUNNER), idle.toString());
        assertTrue(idle.monthlyUsd().get(CostModel.FARGATE) > 30, idle.toString());
    }

    @Test
    void withTheRunsWebhookFiguresEachShapeIsPricedAsWebhooksTooAndEveryProfileSaysWhatRestsOnMeasurement() {
        var model = new AdvisorPrices();
        var part = new Costs(model).price(MEASURED.withWebhooks(new Report.WebhookFigures(6, 200, 5, 600, 180, 120)));
        var names = part.profiles().stream().map(Report.ProfileCost::profile).toList();
        assertEquals(2 * TrafficProfile.all().size(), names.size(), names.toString());
        for (TrafficProfile p : TrafficProfile.all()) {
            assertTrue(names.contains(p.name() + Costs.WEBHOOKS), names.toString());
            assertTrue(part.assumptions().stream().anyMatch(a -> a.startsWith("Sensitivity, " + p.name() + ": ")),
                    part.assumptions().toString());
            assertTrue(part.assumptions().stream().anyMatch(a -> a.startsWith("Sensitivity, " + p.name() + Costs.WEBHOOKS + ": ")),
                    part.assumptions().toString());
        }
        // a webhook costs Lambda more than a /hello: an enqueue, a queue invocation, SQS requests
        var steady = part.profiles().get(0);
        var steadyWebhooks = part.profiles().get(names.indexOf("steady" + Costs.WEBHOOKS));
        assertTrue(steadyWebhooks.monthlyUsd().get(CostModel.LAMBDA) > steady.monthlyUsd().get(CostModel.LAMBDA));
        // at ten million webhooks, twice Lambda's enqueue is felt; at an internal tool's 2 500, not a cent
        assertTrue(part.assumptions().stream().anyMatch(a -> a.startsWith("Sensitivity, steady" + Costs.WEBHOOKS)
                && a.contains("Lambda's enqueue doubles: Lambda +$")), part.assumptions().toString());
        assertTrue(part.assumptions().stream().anyMatch(a -> a.startsWith("Sensitivity, mostly idle" + Costs.WEBHOOKS)
                && a.contains("Lambda's enqueue doubles: no way moves a cent")), part.assumptions().toString());
        // the figures behind them are said: 5 environments at 200/s is 25 ms a webhook; 1 / (1/180 + 1/120) = 72/s a task
        assertTrue(part.assumptions().stream().anyMatch(a -> a.startsWith("Webhook profiles, from this run:")
                && a.contains("queue function 25.0 ms") && a.contains("72/s end to end")), part.assumptions().toString());
        // without them, no webhook profile
        assertEquals(TrafficProfile.all().size(), new Costs(model).price(MEASURED).profiles().size());
    }

    @Test
    void theCostPartNamesTheAdvisorsPriceBookAndItsAssumptions() {
        var part = new Costs(new AdvisorPrices()).price(MEASURED);
        assertTrue(part.source().contains("price book " + PriceBook.CURRENT), part.source());
        assertTrue(part.assumptions().contains("Prices: " + part.source() + "."), part.assumptions().toString());
        assertTrue(part.assumptions().stream().anyMatch(a -> a.contains("deployed maxSize 3")));
        assertTrue(part.assumptions().stream().anyMatch(a -> a.contains("8000 requests/s measured with 8 CPU, 1000 requests/s per instance")));
        assertTrue(part.assumptions().stream().anyMatch(a -> a.startsWith("Profile nightly batch")));
    }

    @Test
    void nonsenseIsRefused() {
        var costs = new Costs(new AdvisorPrices());
        assertThrows(IllegalArgumentException.class, () -> new Costs(null));
        assertThrows(IllegalArgumentException.class, () -> costs.crossovers(MEASURED, TrafficProfile.STEADY, 1e6, 1e6));
        assertThrows(IllegalArgumentException.class, () -> costs.crossovers(MEASURED, TrafficProfile.STEADY, -1, 1e6));
        assertThrows(IllegalArgumentException.class, () -> costs.price(MEASURED, List.of(), TrafficProfile.STEADY));
    }

    @Test
    void pricingTheFiguresAReportKeepsKeepsThemInTheCostPart() {
        var figures = new Report.PricedFigures(20, 1500, 300, 8000, 300, 8000, 280, 8);
        var costs = new Costs(new AdvisorPrices());
        var part = costs.price(figures);
        assertEquals(figures, part.figures());
        assertEquals(costs.price(MEASURED).withFigures(figures), part);
        assertEquals(MEASURED, Measured.asDeployed(figures));
        assertEquals(null, costs.price(MEASURED).figures(), "a Measured may not be as deployed: nothing to re-price from");
        assertThrows(IllegalArgumentException.class, () -> costs.price((Report.PricedFigures) null));
    }
}
