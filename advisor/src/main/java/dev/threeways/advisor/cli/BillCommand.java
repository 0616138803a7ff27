package dev.threeways.advisor.cli;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import dev.threeways.advisor.bill.Demand;
import dev.threeways.advisor.bill.Demands;
import dev.threeways.advisor.bill.DeploymentBill;
import dev.threeways.advisor.bill.Inventory;
import dev.threeways.advisor.price.Line;
import dev.threeways.advisor.price.PriceBook;
import dev.threeways.advisor.price.Region;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code advisor bill --assembly DIR}: a month of what a synthesized cloud assembly deploys, every resource with its
 * rule, and each way's whole bill.
 */
final class BillCommand {
    static final String HELP = """
            advisor bill --assembly DIR [--profile NAME] [--requests N] [--path webhook|hello] [--duration-ms MS]
                         [--region R] [--json]

              Prices every resource of every template in a synthesized cloud assembly (`cdk synth` writes infra-cdk/cdk.out;
              any -c runtimes=... and -c lambdaPackage=...): the way it serves or "shared", and its rule — a price from
              the price book, the way's compute, free (with the reason) or unpriced (with the reason). A resource type
              with no rule is an error naming it. Then each way's whole bill: compute, usage (queue requests, log lines,
              secret reads, its image), its own resources and the shared ones in full.

              --assembly DIR      the cloud assembly directory (required)
              --profile NAME      the month's shape: steady, spiky, mostly-idle or nightly-batch (default steady)
              --requests N        requests (or webhooks) a month (default: the profile's own volume)
              --path P            webhook (default: the app's work — applied in the request on App Runner and Express
                                  Mode, enqueued and applied from the queue on Lambda and Fargate) or hello
              --duration-ms MS    a request's billed duration on every way (default 20); servers serve their
                                  concurrency (100) over it. `compare` prices the measured figures instead
              --region R          the region to price in (default: the assembly's; the price book must have it)
              --json              every item and line, with its rule and quantity
            """;

    private BillCommand() {}

    static int run(List<String> args, PrintStream out) {
        Cli cli = Cli.parse(args, Set.of("--assembly", "--profile", "--requests", "--path", "--duration-ms", "--region"),
                Set.of("--json", "--help", "-h"));
        if (cli.has("--help") || cli.has("-h")) {
            out.print(HELP);
            return 0;
        }
        String dir = cli.string("--assembly", null);
        if (dir == null) {
            throw new Cli.UsageException("bill needs --assembly DIR, a synthesized cloud assembly (infra-cdk/cdk.out after `cdk synth`)");
        }
        Inventory inventory = Inventory.read(Path.of(dir));
        TrafficProfile profile = profile(cli.string("--profile", "steady"));
        double volume = cli.positiveLong("--requests", profile.requestsPerMonth());
        Demand.Path path = switch (cli.string("--path", "webhook")) {
            case "webhook" -> Demand.Path.WEBHOOK;
            case "hello" -> Demand.Path.HELLO;
            default -> throw new Cli.UsageException("--path must be webhook or hello: " + cli.string("--path", ""));
        };
        double ms = cli.positiveDouble("--duration-ms", 20);
        Region region;
        try {
            region = Region.of(cli.string("--region", inventory.region()));
        } catch (IllegalArgumentException e) {
            throw new Cli.UsageException(cli.values().containsKey("--region") ? e.getMessage() : "the assembly deploys to "
                    + inventory.region() + ", which price book " + PriceBook.CURRENT + " does not price; --region us-east-1 "
                    + "prices it as though it deployed there (or synthesize with -c region=us-east-1)");
        }
        PriceBook book = PriceBook.current();
        Demand demand = Demands.of(inventory, book, region, profile, volume, path, Demands.Figures.uniform(ms));
        DeploymentBill bill = DeploymentBill.of(inventory, book, book.in(region), demand);
        if (cli.has("--json")) {
            out.println(Output.json(json(bill, profile, ms)));
        } else {
            out.print(text(dir, bill, profile, ms, inventory));
        }
        return 0;
    }

    static TrafficProfile profile(String name) {
        for (TrafficProfile p : TrafficProfile.all()) {
            if (p.name().replace(' ', '-').equals(name)) {
                return p;
            }
        }
        throw new Cli.UsageException("--profile must be one of steady, spiky, mostly-idle, nightly-batch: " + name);
    }

    static String text(String dir, DeploymentBill bill, TrafficProfile profile, double ms, Inventory inventory) {
        var s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "Bill of %s: %d resources, priced in %s on price book %s%n", dir,
                bill.items().size(), bill.region(), bill.priceBook()));
        s.append(String.format(Locale.ROOT, "A month of %s: %,.0f in the %s shape (%s), %s ms each%n%n",
                bill.path().label(), bill.requestsPerMonth(), profile.name(), profile.description(), num(ms)));
        for (var e : bill.ways().entrySet()) {
            DeploymentBill.WayBill w = e.getValue();
            s.append(String.format(Locale.ROOT, "%s as deployed here: $%,.2f a month%n", e.getKey().label(), w.total()));
            section(s, "compute", w.compute());
            section(s, "usage", w.usage());
            items(s, "own resources", w.own(), w.ownUsd());
            s.append(String.format(Locale.ROOT, "  shared resources (network, database, secrets; in full, as the way "
                    + "deployed alone pays them): $%,.2f%n", w.sharedUsd()));
        }
        s.append(String.format(Locale.ROOT, "All %d ways as this assembly deploys them together (the shared resources "
                + "once): $%,.2f a month%n", bill.ways().size(), bill.together()));
        DeploymentBill.Item[] shared = bill.items().stream().filter(i -> i.resource().shared()).toArray(DeploymentBill.Item[]::new);
        s.append('\n');
        items(s, "shared resources", List.of(shared), List.of(shared).stream().mapToDouble(DeploymentBill.Item::usd).sum());
        s.append(String.format(Locale.ROOT, "%nEvery resource (%d), its way and rule:%n", bill.items().size()));
        for (DeploymentBill.Item i : bill.items()) {
            s.append(String.format(Locale.ROOT, "  %-12s %-46s %-44s %s%n",
                    i.resource().way() == null ? "shared" : i.resource().way().label(), i.resource().where(),
                    i.resource().type(), i.unpriced() != null ? "UNPRICED: " + i.unpriced() : i.rule()));
        }
        var unpriced = bill.unpriced();
        s.append(String.format(Locale.ROOT, "%n%d unpriced%s%n", unpriced.size(),
                unpriced.isEmpty() ? "" : ": billed by AWS, but not in the totals above (each says why)"));
        return s.toString();
    }

    private static void section(StringBuilder s, String name, List<Line> lines) {
        s.append(String.format(Locale.ROOT, "  %s: $%,.2f%n", name, lines.stream().mapToDouble(Line::usd).sum()));
        for (Line l : lines) {
            s.append(String.format(Locale.ROOT, "    %-70s %14s %-28s $%,10.2f%n", l.item(), qty(l.quantity()), l.unit(), l.usd()));
        }
    }

    private static void items(StringBuilder s, String name, List<DeploymentBill.Item> items, double usd) {
        s.append(String.format(Locale.ROOT, "  %s: $%,.2f%n", name, usd));
        for (DeploymentBill.Item i : items) {
            if (!i.lines().isEmpty() || i.unpriced() != null) {
                s.append(String.format(Locale.ROOT, "    %s (%s): %s%n", i.resource().where(), i.resource().type(),
                        i.unpriced() != null ? "UNPRICED: " + i.unpriced() : String.format(Locale.ROOT, "$%,.2f", i.usd())));
                for (Line l : i.lines()) {
                    s.append(String.format(Locale.ROOT, "      %-68s %14s %-28s $%,10.2f%n", l.item(), qty(l.quantity()), l.unit(), l.usd()));
                }
            }
        }
    }

    static Map<String, Object> json(DeploymentBill bill, TrafficProfile profile, double ms) {
        var root = new LinkedHashMap<String, Object>();
        root.put("region", bill.region());
        root.put("priceBook", bill.priceBook());
        root.put("path", bill.path().name().toLowerCase(Locale.ROOT));
        root.put("profile", profile.name());
        root.put("requestsPerMonth", bill.requestsPerMonth());
        root.put("durationMs", ms);
        var ways = new LinkedHashMap<String, Object>();
        bill.ways().forEach((way, w) -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("monthlyUsd", w.total());
            m.put("computeUsd", w.computeUsd());
            m.put("usageUsd", w.usageUsd());
            m.put("ownUsd", w.ownUsd());
            m.put("sharedUsd", w.sharedUsd());
            m.put("compute", lines(w.compute()));
            m.put("usage", lines(w.usage()));
            m.put("own", w.own().stream().map(i -> i.resource().where()).toList());
            ways.put(way.label(), m);
        });
        root.put("ways", ways);
        root.put("togetherUsd", bill.together());
        var items = new ArrayList<Object>();
        for (DeploymentBill.Item i : bill.items()) {
            var m = new LinkedHashMap<String, Object>();
            m.put("stack", i.resource().stack());
            m.put("id", i.resource().id());
            m.put("type", i.resource().type());
            m.put("way", i.resource().way() == null ? "shared" : i.resource().way().label());
            m.put("rule", i.rule());
            if (i.unpriced() != null) {
                m.put("unpriced", i.unpriced());
            }
            m.put("monthlyUsd", i.usd());
            m.put("lines", lines(i.lines()));
            items.add(m);
        }
        root.put("resources", items);
        return root;
    }

    private static List<Map<String, Object>> lines(List<Line> lines) {
        return lines.stream().map(l -> {
            var m = new LinkedHashMap<String, Object>();
            m.put("item", l.item());
            m.put("rule", l.key());
            m.put("quantity", l.quantity());
            m.put("unit", l.unit());
            m.put("usd", l.usd());
            return (Map<String, Object>) m;
        }).toList();
    }

    private static String qty(double q) {
        return q >= 1000 ? String.format(Locale.ROOT, "%,.0f", q) : String.format(Locale.ROOT, "%.4g", q);
    }

    private static String num(double x) {
        return x == Math.rint(x) ? String.valueOf((long) x) : String.valueOf(x);
    }
}
