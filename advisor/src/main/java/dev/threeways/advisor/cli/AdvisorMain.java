package dev.threeways.advisor.cli;

import dev.threeways.advisor.decide.Advisor;
import dev.threeways.advisor.decide.Limit;
import dev.threeways.advisor.decide.Limits;
import dev.threeways.advisor.decide.Recommendation;
import dev.threeways.advisor.decide.Workload;
import dev.threeways.advisor.price.Estimator;
import dev.threeways.advisor.price.PriceBook;
import dev.threeways.advisor.price.Region;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code advisor recommend | cost | limits | prices}: the reference article's decision tree and the three
 * services' pricing from the command line. A workload comes from options, from a file of {@code key=value}
 * lines ({@code --file}), or both (options win). Exit 0 on an answer, 2 on input it cannot take.
 */
public final class AdvisorMain {
    static final int USAGE = 2;

    private AdvisorMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return USAGE;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "--help", "-h", "help" -> {
                    out.print(usage());
                    yield 0;
                }
                case "recommend" -> recommend(rest, out);
                case "cost" -> cost(rest, out);
                case "limits" -> limits(rest, out);
                case "prices" -> prices(rest, out);
                case "bill" -> BillCommand.run(rest, out);
                default -> throw new Cli.UsageException("unknown command: " + args[0] + " (recommend, cost, limits, prices or bill)");
            };
        } catch (Cli.UsageException | IllegalArgumentException e) {
            err.println("advisor: " + e.getMessage());
            err.println("(advisor " + (args.length > 0 && isCommand(args[0]) ? args[0] + " " : "") + "--help lists what it takes)");
            return USAGE;
        }
    }

    private static boolean isCommand(String s) {
        return Set.of("recommend", "cost", "limits", "prices", "bill").contains(s);
    }

    static String usage() {
        return """
                advisor: which of Lambda, App Runner / ECS Express Mode and ECS on Fargate fits a workload, and what it costs

                  advisor recommend [workload options] [--file workload.properties] [--json]
                      walks the reference article's five questions and checks every service limit
                  advisor cost [workload options] [cost options] [--file workload.properties] [--json]
                      a month of the workload on each way, line by line, and where the cheapest way changes
                  advisor limits [--json]          the limits the advice rests on, with source and date
                  advisor prices [--region R] [--json]   the price book, every figure with its page and date
                  advisor bill --assembly DIR [--profile NAME] [--path webhook|hello] [--json]
                      every resource a synthesized cloud assembly deploys, priced or free with the reason,
                      and each way's whole bill

                  advisor <command> --help (or -h) the options of a command
                """;
    }

    private static String workloadHelp() {
        var help = new StringBuilder("Workload options (also as key=value lines in --file; options win):\n");
        Workload.OPTIONS.forEach((k, v) -> help.append("  --").append(k).append("  ").append(v).append('\n'));
        return help.toString();
    }

    private static int recommend(List<String> args, PrintStream out) {
        Cli cli = Cli.parse(args, valued(Workload.OPTIONS.keySet(), "file"), Set.of("--json", "--help", "-h"));
        if (wantsHelp(cli)) {
            out.print("advisor recommend [options] [--file F] [--json]\n\n" + workloadHelp());
            return 0;
        }
        Workload workload = Workload.fromOptions(workloadOptions(cli, Set.of()));
        Recommendation r = new Advisor().recommend(workload);
        if (cli.has("--json")) {
            out.println(Output.json(Output.recommendation(workload, r)));
        } else {
            out.print(Output.text(workload, r));
        }
        return 0;
    }

    private static int cost(List<String> args, PrintStream out) {
        var bare = new HashSet<String>(Set.of("--json", "--help", "-h"));
        CostPlan.FLAGS.keySet().forEach(f -> bare.add("--" + f));
        var costKeys = CostPlan.OPTIONS.keySet();
        var valuedKeys = new HashSet<String>(Workload.OPTIONS.keySet());
        valuedKeys.addAll(costKeys);
        Cli cli = Cli.parse(args, valued(valuedKeys, "file"), bare);
        if (wantsHelp(cli)) {
            var help = new StringBuilder("advisor cost [options] [--file F] [--json]\n\n").append(workloadHelp())
                    .append("\nCost options:\n");
            CostPlan.OPTIONS.forEach((k, v) -> help.append("  --").append(k).append("  ").append(v).append('\n'));
            CostPlan.FLAGS.forEach((k, v) -> help.append("  --").append(k).append("  ").append(v).append('\n'));
            out.print(help);
            return 0;
        }
        Map<String, String> all = workloadOptions(cli, Set.copyOf(costKeys));
        var workloadOnly = new LinkedHashMap<String, String>();
        var costOnly = new LinkedHashMap<String, String>();
        all.forEach((k, v) -> (costKeys.contains(k) ? costOnly : workloadOnly).put(k, v));
        Workload workload = Workload.fromOptions(workloadOnly);
        var flags = new HashSet<String>();
        CostPlan.FLAGS.keySet().forEach(f -> {
            if (cli.has("--" + f)) {
                flags.add(f);
            }
        });
        CostPlan.Plan plan = CostPlan.of(workload, costOnly, flags);
        var estimator = new Estimator(PriceBook.current());
        Output.Priced priced = Output.price(estimator, plan, workload);
        if (cli.has("--json")) {
            out.println(Output.json(Output.costJson(workload, priced)));
        } else {
            out.print(Output.costText(workload, priced));
        }
        return 0;
    }

    private static int limits(List<String> args, PrintStream out) {
        Cli cli = Cli.parse(args, Set.of(), Set.of("--json", "--help", "-h"));
        if (wantsHelp(cli)) {
            out.println("advisor limits [--json]: the limits the advice rests on, each with its source and date");
            return 0;
        }
        if (cli.has("--json")) {
            out.println(Output.json(Limits.all()));
            return 0;
        }
        for (Limit l : Limits.all()) {
            out.printf("%-26s %-44s %-18s %s (%s)%n", l.service(), l.name(), l.display(), l.source(), l.asOf());
        }
        return 0;
    }

    private static int prices(List<String> args, PrintStream out) {
        Cli cli = Cli.parse(args, Set.of("--region"), Set.of("--json", "--help", "-h"));
        if (wantsHelp(cli)) {
            out.println("advisor prices [--region us-east-1|ap-northeast-1] [--json]: the price book "
                    + PriceBook.CURRENT + ", every figure with its page and date");
            return 0;
        }
        Region region = Region.of(cli.string("--region", "us-east-1"));
        var rates = PriceBook.current().rates(region);
        if (cli.has("--json")) {
            out.println(Output.json(rates.stream().map(Output::rate).toList()));
            return 0;
        }
        out.println("Price book " + PriceBook.CURRENT + ", " + region.code() + " (" + region.label() + ")");
        rates.forEach(r -> out.println("  " + Output.describe(r)));
        return 0;
    }

    /** --help or -h, as every command takes them. */
    private static boolean wantsHelp(Cli cli) {
        return cli.has("--help") || cli.has("-h");
    }

    private static Set<String> valued(Set<String> keys, String... more) {
        var out = new HashSet<String>();
        keys.forEach(k -> out.add("--" + k));
        for (String m : more) {
            out.add("--" + m);
        }
        return out;
    }

    /** The file's key=value lines, then the options given (which win), keys without their dashes. */
    private static Map<String, String> workloadOptions(Cli cli, Set<String> extraKeys) {
        var merged = new LinkedHashMap<String, String>();
        String file = cli.string("--file", null);
        if (file != null) {
            merged.putAll(readFile(Path.of(file), extraKeys));
        }
        cli.values().forEach((k, v) -> {
            if (!k.equals("--file")) {
                merged.put(k.substring(2), v);
            }
        });
        return merged;
    }

    static Map<String, String> readFile(Path path, Set<String> extraKeys) {
        List<String> lines;
        try {
            lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no workload file " + path);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read workload file " + path + ": " + e.getMessage());
        }
        var out = new LinkedHashMap<String, String>();
        int n = 0;
        for (String raw : lines) {
            n++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(path + " line " + n + ": key=value expected: " + raw);
            }
            String key = line.substring(0, eq).strip();
            if (!Workload.OPTIONS.containsKey(key) && !extraKeys.contains(key)) {
                throw new IllegalArgumentException(path + " line " + n + ": unknown key " + key + " (known: "
                        + String.join(", ", Workload.OPTIONS.keySet()) + (extraKeys.isEmpty() ? "" : ", "
                        + String.join(", ", extraKeys)) + ")");
            }
            out.put(key, line.substring(eq + 1).strip());
        }
        if (out.isEmpty()) {
            throw new Cli.UsageException("workload file " + path + " has no key=value lines ("
                    + (lines.stream().allMatch(String::isBlank) ? "it is empty" : "only comments")
                    + "): give at least one, e.g. requests-per-month=1M, or leave out --file for the defaults");
        }
        return out;
    }
}
