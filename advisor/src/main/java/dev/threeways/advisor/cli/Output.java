package dev.threeways.advisor.cli;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import dev.threeways.advisor.decide.Advisor;
import dev.threeways.advisor.decide.Constraint;
import dev.threeways.advisor.decide.Recommendation;
import dev.threeways.advisor.decide.Step;
import dev.threeways.advisor.decide.Units;
import dev.threeways.advisor.decide.Workload;
import dev.threeways.advisor.price.Bill;
import dev.threeways.advisor.price.Crossovers;
import dev.threeways.advisor.price.Estimator;
import dev.threeways.advisor.price.Line;
import dev.threeways.advisor.price.Rate;
import dev.threeways.advisor.price.Tier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The CLI's two faces of each answer: lines for a person, JSON for a program (the same facts in both). */
final class Output {
    /** The curve's points a decade, in the workload's traffic shape (the crossovers are bisected between them). */
    static final int POINTS_PER_DECADE = 4;

    private static final JsonMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Output() {}

    static String json(Object value) {
        return MAPPER.writeValueAsString(value);
    }

    // ---- recommend -------------------------------------------------------------------------------

    static String text(Workload w, Recommendation r) {
        var s = new StringBuilder();
        s.append("Recommendation: ").append(r.choice().label()).append('\n');
        s.append("  ").append(r.summary()).append("\n\n");
        s.append("The article's questions, in order:\n");
        for (Step step : r.steps()) {
            s.append("  Q").append(step.number()).append(' ').append(step.question()).append('\n');
            s.append("     ").append(step.answer()).append(": ").append(step.reason()).append('\n');
        }
        if (!r.constraints().isEmpty()) {
            s.append("\nHard limits hit (each rules a way out):\n");
            for (Constraint c : r.constraints()) {
                s.append("  - ").append(c.way().label()).append(": ").append(c.text()).append('\n');
            }
        }
        if (!r.notes().isEmpty()) {
            s.append("\nNotes:\n");
            r.notes().forEach(n -> s.append("  - ").append(n).append('\n'));
        }
        s.append("\nWorkload: ").append(describe(w)).append('\n');
        return s.toString();
    }

    static Map<String, Object> recommendation(Workload w, Recommendation r) {
        var m = new LinkedHashMap<String, Object>();
        m.put("choice", r.choice().name());
        m.put("choiceLabel", r.choice().label());
        m.put("summary", r.summary());
        m.put("steps", r.steps().stream().map(st -> ordered("question", "Q" + st.number() + " " + st.question(),
                "answer", st.answer(), "reason", st.reason())).toList());
        m.put("constraints", r.constraints().stream().map(c -> ordered("way", c.way().name(), "wayLabel", c.way().label(),
                "text", c.text())).toList());
        m.put("ruledOut", r.ruledOut().stream().map(Way::name).toList());
        m.put("notes", r.notes());
        m.put("workload", workload(w));
        return m;
    }

    static String describe(Workload w) {
        TrafficProfile t = w.traffic();
        return String.join(", ", List.of(
                "longest run " + Units.duration(w.maxExecution()),
                "mean " + Units.duration(java.time.Duration.ofNanos(Math.round(w.meanDurationMs() * 1e6))),
                w.protocols().stream().map(p -> p.name().toLowerCase(Locale.ROOT)).toList().toString(),
                w.invocation().name().toLowerCase(Locale.ROOT),
                "request " + Units.bytes(w.requestBytes()) + " / response " + Units.bytes(w.responseBytes()),
                "network " + w.network().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                Units.number(t.requestsPerMonth()) + " requests a month over " + Units.number(t.activeHoursPerDay())
                        + " h a day, peak " + Units.number(t.peakToMean()) + "× the mean",
                Units.memoryMb(w.memoryMb()),
                w.gpu() ? "GPU" : "no GPU",
                w.minimalOps() ? "minimal ops first" : "ops not the priority",
                w.appRunnerAvailable() ? "App Runner available" : "no App Runner (new account)"));
    }

    private static Map<String, Object> workload(Workload w) {
        TrafficProfile t = w.traffic();
        return ordered("maxExecutionSeconds", w.maxExecution().toMillis() / 1000.0,
                "protocols", w.protocols().stream().map(Enum::name).toList(),
                "invocation", w.invocation().name(),
                "requestBytes", w.requestBytes(), "responseBytes", w.responseBytes(),
                "network", w.network().name(),
                "requestsPerMonth", t.requestsPerMonth(), "activeHoursPerDay", t.activeHoursPerDay(),
                "peakHoursPerDay", t.peakHoursPerDay(), "peakToMean", t.peakToMean(), "coldStartShare", t.coldStartShare(),
                "meanDurationMs", w.meanDurationMs(), "memoryMb", w.memoryMb(), "gpu", w.gpu(),
                "minimalOps", w.minimalOps(), "appRunnerAvailable", w.appRunnerAvailable(),
                "spiky", w.spiky() == null ? "auto" : w.spiky());
    }

    // ---- cost ------------------------------------------------------------------------------------

    /** An estimate at the workload's volume, with the curve and the crossovers in its shape. */
    record Priced(Estimator.Estimate estimate, Map<Way, List<String>> ruledOut, Way cheapest,
                  List<Crossovers.Crossover<Way>> crossovers, Map<Way, List<Crossovers.Point>> curve, List<String> notes,
                  List<String> assumptions, List<Rate> rates, List<String> unitPrices) {}

    /**
     * Prices every way, and names the cheapest and the crossovers among the ways the workload's hard limits leave:
     * a price for a way that cannot run the workload is shown, never recommended.
     */
    static Priced price(Estimator estimator, CostPlan.Plan plan, Workload w) {
        Estimator.Estimate at = estimator.estimate(plan.scenario(), plan.options());
        var ruledOut = new java.util.EnumMap<Way, List<String>>(Way.class);
        for (Constraint c : Advisor.constraints(w)) {
            ruledOut.computeIfAbsent(c.way(), k -> new ArrayList<>()).add(c.text());
        }
        List<Double> grid = Crossovers.volumes(Crossovers.CURVE_FROM, Crossovers.CURVE_TO, POINTS_PER_DECADE);
        java.util.function.DoubleFunction<Map<Way, Double>> costAt =
                v -> estimator.estimate(plan.scenario(), plan.options(), v).monthlyUsd();
        java.util.function.DoubleFunction<Map<Way, Double>> possible = v -> {
            var m = new java.util.EnumMap<>(costAt.apply(v));
            m.keySet().removeAll(ruledOut.keySet());
            return m;
        };
        boolean any = !possible.apply(at.requestsPerMonth()).isEmpty();
        var notes = new ArrayList<String>(plan.notes());
        notes.addAll(at.notes());
        var keys = new TreeSet<String>();
        at.bills().values().forEach(b -> b.lines().forEach(l -> keys.add(l.key())));
        var rates = estimator.book().rates(plan.options().region()).stream().filter(r -> keys.contains(r.key())).toList();
        var quantities = new java.util.HashMap<String, Double>();
        at.bills().values().forEach(b -> b.lines().forEach(l -> quantities.merge(l.key(), l.quantity(), Math::max)));
        int lambdaMb = plan.scenario().lambda() == null ? 0 : plan.scenario().lambda().memoryMb();
        var unitPrices = rates.stream().map(r -> unitPrice(r, quantities.getOrDefault(r.key(), 0.0), lambdaMb))
                .filter(java.util.Objects::nonNull).toList();
        // the plan's own choices go after the Estimator's line on Lambda's front door, which they explain
        var assumptions = new ArrayList<String>(Estimator.assumptions(plan.options()));
        int lambdaLine = java.util.stream.IntStream.range(0, assumptions.size())
                .filter(i -> assumptions.get(i).startsWith("Lambda:")).findFirst().orElse(assumptions.size() - 1);
        assumptions.addAll(lambdaLine + 1, plan.assumptions());
        return new Priced(at, ruledOut, any ? Crossovers.cheapest(possible.apply(at.requestsPerMonth())) : null,
                any ? Crossovers.find(possible, grid) : List.of(), Crossovers.curves(costAt, grid), notes,
                assumptions, rates, unitPrices);
    }

    static String costText(Workload w, Priced p) {
        Estimator.Estimate e = p.estimate();
        var s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "A month of %s requests in %s (price book %s)%n", Units.number(e.requestsPerMonth()),
                e.region().code(), e.priceBook()));
        boolean millions = e.requestsPerMonth() >= 1e6;
        s.append(String.format(Locale.ROOT, "%-52s %12s %14s%n", "", "per month", millions ? "per million" : "per request"));
        for (var entry : e.bills().entrySet()) {
            Bill bill = entry.getValue();
            String per = e.requestsPerMonth() == 0 ? "-" : millions ? money(bill.total() / (e.requestsPerMonth() / 1e6))
                    : String.format(Locale.ROOT, "$%.4f", bill.total() / e.requestsPerMonth());
            s.append(String.format(Locale.ROOT, "%-52s %12s %14s%n", entry.getKey().label()
                    + (p.ruledOut().containsKey(entry.getKey()) ? " (ruled out)" : ""), money(bill.total()), per));
            for (Line l : bill.lines()) {
                s.append(String.format(Locale.ROOT, "    %-48s %12s   %s %s%n", l.item(), money(l.usd()),
                        Units.number(round(l.quantity())), quantityUnit(l)));
            }
        }
        p.ruledOut().forEach((way, why) -> s.append("\n").append(way.label()).append(" is ruled out: ")
                .append(String.join("; ", why)));
        s.append(p.ruledOut().isEmpty() ? "" : "\n");
        s.append("\nCheapest at this volume").append(p.ruledOut().isEmpty() ? "" : " of the ways that can run it").append(": ")
                .append(p.cheapest() == null ? "none of them" : p.cheapest().label()).append('\n');
        if (p.crossovers().isEmpty()) {
            s.append(String.format(Locale.ROOT, "The cheapest way does not change between %s and %s requests a month.%n",
                    Units.number(Crossovers.CURVE_FROM), Units.number(Crossovers.CURVE_TO)));
        } else {
            s.append(String.format(Locale.ROOT, "Where the cheapest way changes (this traffic shape, %s to %s requests a month):%n",
                    Units.number(Crossovers.CURVE_FROM), Units.number(Crossovers.CURVE_TO)));
            for (var c : p.crossovers()) {
                s.append(String.format(Locale.ROOT, "  %s -> %s at %s requests a month%n", c.cheaperBelow().label(),
                        c.cheaperAbove().label(), Units.number(Math.round(c.requestsPerMonth()))));
            }
        }
        s.append("\nSizing:\n");
        p.notes().forEach(n -> s.append("  - ").append(n).append('\n'));
        s.append("Assumptions:\n");
        p.assumptions().forEach(a -> s.append("  - ").append(a).append('\n'));
        if (!p.unitPrices().isEmpty()) {
            s.append("Unit prices the bills use (AWS's pages also show each in another unit, rounded; a bill worked from"
                    + " that figure can differ slightly):\n");
            p.unitPrices().forEach(u -> s.append("  - ").append(u).append('\n'));
        }
        s.append("Prices used (advisor prices --region ").append(e.region().code()).append(" lists the whole book):\n");
        p.rates().forEach(r -> s.append("  ").append(describe(r)).append('\n'));
        s.append("\nWorkload: ").append(describe(w)).append('\n');
        return s.toString();
    }

    static Map<String, Object> costJson(Workload w, Priced p) {
        Estimator.Estimate e = p.estimate();
        var ways = new ArrayList<Map<String, Object>>();
        e.bills().forEach((way, bill) -> ways.add(ordered("way", way.name(), "label", way.label(),
                "ruledOut", p.ruledOut().getOrDefault(way, List.of()),
                "monthlyUsd", bill.total(), "monthlyUsdRounded", Bill.toCents(bill.total()),
                "perMillionUsd", e.requestsPerMonth() > 0 ? bill.total() / (e.requestsPerMonth() / 1e6) : null,
                "lines", bill.lines().stream().map(l -> ordered("item", l.item(), "key", l.key(), "quantity", l.quantity(),
                        "unit", l.unit(), "usd", l.usd())).toList())));
        var curve = new LinkedHashMap<String, Object>();
        p.curve().forEach((way, points) -> curve.put(way.name(), points));
        return ordered("region", e.region().code(), "priceBook", e.priceBook(), "requestsPerMonth", e.requestsPerMonth(),
                "ways", ways, "cheapest", p.cheapest() == null ? null : p.cheapest().name(),
                "crossovers", p.crossovers().stream().map(c -> ordered("cheaperBelow", c.cheaperBelow().name(),
                        "cheaperAbove", c.cheaperAbove().name(), "requestsPerMonth", c.requestsPerMonth())).toList(),
                "curve", curve, "notes", p.notes(), "assumptions", p.assumptions(),
                "unitPrices", p.unitPrices(), "prices", p.rates().stream().map(Output::rate).toList(),
                "workload", workload(w));
    }

    private static final java.util.regex.Pattern TIMED = java.util.regex.Pattern.compile("per (\\S+)-(second|hour)");

    /**
     * The unit price a Fargate or Lambda line was billed at, beside the figure AWS's page shows for it, which is rounded
     * from it or it from that: Fargate's table lists $0.04048 a vCPU-hour where its worked examples price $0.000011244 a
     * vCPU-second (and the Price List gives Tokyo per hour); Lambda's table lists a price per 1 ms for each memory size
     * where its worked examples price $0.0000166667 a GB-second. A tiered rate names the tiers the month reached.
     * Null for a rate of no such kind.
     *
     * @param quantity the most of the rate's unit one way's bill used
     * @param lambdaMb the function's memory, for Lambda's price per 1 ms
     */
    static String unitPrice(Rate r, double quantity, int lambdaMb) {
        var m = TIMED.matcher(r.unit());
        boolean lambda = r.key().startsWith("lambda.");
        if (!m.matches() || !(r.key().startsWith("fargate.") || lambda)) {
            return null;
        }
        String what = m.group(1);
        boolean perSecond = m.group(2).equals("second");
        var tiers = new ArrayList<String>();
        double below = 0;
        for (Tier t : r.tiers()) {
            if (!tiers.isEmpty() && quantity <= below) {
                break;
            }
            String other;
            // a function's GB-seconds, not ephemeral storage's: the page's table prices those per 1 ms a memory size
            if (lambda && !r.key().startsWith("lambda.ephemeral-storage") && perSecond && what.equals("GB") && lambdaMb > 0) {
                // to the tenth decimal place, as the page's table shows it
                other = "$" + java.math.BigDecimal.valueOf(t.usd() * lambdaMb / 1024 / 1000)
                        .setScale(10, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                        + " per 1 ms at " + Units.memoryMb(lambdaMb);
            } else if (perSecond) {
                other = "$" + sig(t.usd() * 3600, 4) + " per " + what + "-hour";
            } else {
                other = "$" + sig(t.usd() / 3600, 6) + " per " + what + "-second";
            }
            String unit = " " + what + "-" + m.group(2) + "s a month";
            String range = !r.tiered() ? "" : Double.isInfinite(t.upTo()) ? " over " + Units.number(below) + unit
                    : (below == 0 ? " for the first " : " to ") + Units.number(t.upTo()) + unit;
            tiers.add("$" + plain(t.usd()) + " per " + what + "-" + m.group(2) + range + " (≈ " + other + ")");
            below = t.upTo();
        }
        return r.what() + " priced at " + String.join(", then ", tiers);
    }

    private static String plain(double x) {
        return java.math.BigDecimal.valueOf(x).stripTrailingZeros().toPlainString();
    }

    private static String sig(double x, int digits) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(digits)).stripTrailingZeros().toPlainString();
    }

    // ---- prices ----------------------------------------------------------------------------------

    static Map<String, Object> rate(Rate r) {
        return ordered("key", r.key(), "what", r.what(), "unit", r.unit(),
                "tiers", r.tiers().stream().map(t -> ordered("upTo", Double.isInfinite(t.upTo()) ? null : t.upTo(),
                        "usd", t.usd())).toList(),
                "source", r.source(), "taken", r.taken());
    }

    static String describe(Rate r) {
        var tiers = new StringBuilder();
        double below = 0;
        for (Tier t : r.tiers()) {
            if (!tiers.isEmpty()) {
                tiers.append("; ");
            }
            tiers.append(java.math.BigDecimal.valueOf(t.usd()).stripTrailingZeros().toPlainString());
            if (r.tiered()) {
                tiers.append(Double.isInfinite(t.upTo()) ? " over " + Units.number(below)
                        : " to " + Units.number(t.upTo()));
            }
            below = t.upTo();
        }
        return String.format(Locale.ROOT, "%-36s %s %s — %s (%s, read %s)", r.key(), tiers, r.unit(), r.what(), r.source(),
                r.taken());
    }

    private static String quantityUnit(Line l) {
        String u = l.unit().startsWith("per ") ? l.unit().substring(4) : l.unit();
        return u.endsWith("s") || u.contains(" a ") || l.quantity() == 1 ? u : u + "s";
    }

    private static double round(double x) {
        if (x == 0 || Math.abs(x) >= 100) {
            return Math.round(x);
        }
        return Math.abs(x) >= 1 ? Math.round(x * 100) / 100.0 : Double.parseDouble(String.format(Locale.ROOT, "%.3g", x));
    }

    static String money(double usd) {
        return (usd < 0 ? "-$" : "$") + String.format(Locale.ROOT, "%,.2f", Math.abs(usd));
    }

    /** A map that keeps the order its pairs are given in (JSON output reads top-down). */
    private static Map<String, Object> ordered(Object... pairs) {
        var m = new LinkedHashMap<String, Object>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
