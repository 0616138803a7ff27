package dev.threeways.bench;

import dev.threeways.advisor.cli.Cli;
import dev.threeways.bench.jmh.JmhRun;
import dev.threeways.bench.report.Report;
import dev.threeways.bench.report.ReportFiles;
import dev.threeways.core.log.JsonLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The harness's command line: {@code compare}, {@code remote}, {@code render}, {@code jmh}. */
public final class BenchMain {
    static final String USAGE = """
            usage: three-ways-bench <command> [options]

            commands:
              compare   measure the three ways on this machine (Lambda under lambda-local and the real runtime
                        client, the App Runner and Fargate jars as processes, the queue path), each beside its
                        floor or ceiling, price them, and write report.json, report.md and report.html.
                        Needs PostgreSQL (127.0.0.1:5432/test, TEST_JDBC_URL, or Docker) and the built jars;
                        starts ElasticMQ itself. Each process at its deployed CPU (as root: cgroup
                        quotas; else taskset). About 27 minutes on two cores.
              remote    the same latency and first-request measurements against deployed endpoints read from
                        `cdk deploy --outputs-file`; only the URLs in that file are ever sent requests.
              render    re-render report.md and report.html from a report.json (and --screenshot it); with
                        --reprice, price its cost part again with the current prices from the figures it keeps.
              jmh       the JMH micro-benchmarks (router, HTTP API mapping, signature, parsing, ledger);
                        `jmh --help` for its options.

            compare options:
              --quick                 tiny parameters: checks every part runs; the figures mean nothing
              --parts LIST            comma-separated subset of lambda,servers,queue,cost (default all)
              --rounds N              fresh starts per variant (default 10)
              --warm-invokes N        invokes after each cold one, deployed Lambda variants (default 50)
              --step-seconds S        length of each load step (default 10)
              --warmup-seconds S      warm-up before each saturation run, at least (default 5; it goes on,
                                      to 35 s, while the server's throughput still rises)
              --events N              webhooks through each queue consumer (default 3000)
              --repetitions N         times each load and queue figure is taken, interleaved, for its spread
                                      (default 3; a ratio's range needs at least 3)
              --lambda-jvm-options S  extra JVM options for the Lambda runtime's JVM, space-separated

            remote options:
              --outputs FILE          the JSON `cdk deploy --outputs-file` wrote (required)
              --rates LIST            open-model rates in requests/s (default 5,10,20)
              --step-seconds S        length of each rate's step (default 10)
              --cold-starts N         first requests to time per endpoint (default 1)
              --lambda-cold-starts N  force N Lambda cold starts, each by a configuration change and a new
                                      version behind the `live` alias (AWS credentials with lambda:Update*,
                                      PublishVersion; the function drifts until the next cdk deploy)

            render options:
              --from FILE             the report.json to render (required)
              --screenshot            also render the page in headless Chromium and save report.png
              --screenshot-height N   only the top N pixels of the page in report.png (default: all of it)
              --reprice               price the cost part again with the advisor's current price book, from the
                                      measured figures report.json keeps, and write report.json again as well;
                                      a report from before the figures were kept must be measured again (compare)

            common options:
              --budget-minutes M      the run stops by itself after this (default: compare 60, remote 30)
              --max-requests N        and after this many requests (default: compare 40000000, remote 1000000)
              --out DIR               where the report goes (default benchmarks/target/report)
              --json                  print report.json to stdout as well
              --help                  this text
            """;

    private BenchMain() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("--help", "-h", "help").contains(args[0])) {
            out.print(USAGE);
            return args.length == 0 ? 2 : 0;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            if (rest.contains("--help") && !args[0].equals("jmh")) {
                out.print(USAGE);
                return 0;
            }
            return switch (args[0]) {
                case "compare" -> compare(rest, args, out, err);
                case "remote" -> remote(rest, args, out, err);
                case "render" -> render(rest, out);
                case "jmh" -> JmhRun.run(rest.toArray(String[]::new));
                default -> throw new Cli.UsageException("unknown command: " + args[0]);
            };
        } catch (Cli.UsageException e) {
            err.println("three-ways-bench: " + e.getMessage());
            err.println("run with --help for the commands and options");
            return 2;
        } catch (Exception e) {
            err.println("three-ways-bench: the run failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private static final Set<String> COMMON = Set.of("--budget-minutes", "--max-requests", "--out");

    private static Set<String> with(Set<String> base, String... more) {
        var all = new java.util.HashSet<>(base);
        all.addAll(List.of(more));
        return all;
    }

    private static int compare(List<String> rest, String[] args, PrintStream out, PrintStream err) throws Exception {
        Cli cli = Cli.parse(rest, with(COMMON, "--parts", "--rounds", "--warm-invokes", "--step-seconds", "--warmup-seconds", "--events",
                "--repetitions", "--lambda-jvm-options"), Set.of("--quick", "--json"));
        Compare.Plan base = cli.has("--quick") ? Compare.Plan.quick() : Compare.Plan.full();
        Duration warmUp = seconds(cli.positiveDouble("--warmup-seconds", base.warmUp().toMillis() / 1000.0));
        var plan = new Compare.Plan(parts(cli.string("--parts", null), base.parts()),
                cli.positiveInt("--rounds", base.rounds()), cli.positiveInt("--warm-invokes", base.warmInvokes()),
                warmUp, warmUp.compareTo(base.warmUpLimit()) > 0 ? warmUp : base.warmUpLimit(),
                seconds(cli.positiveDouble("--step-seconds", base.step().toMillis() / 1000.0)),
                cli.positiveInt("--events", base.events()),
                cli.positiveInt("--repetitions", base.repetitions()), base.rateFractions(),
                cli.string("--lambda-jvm-options", "").isBlank() ? base.jvmOptions()
                        : List.of(cli.string("--lambda-jvm-options", "").trim().split("\\s+")),
                seconds(60 * cli.positiveDouble("--budget-minutes", base.timeBudget().toSeconds() / 60.0)),
                cli.positiveLong("--max-requests", base.requestBudget()));
        JsonLog.setThreshold(JsonLog.Level.WARN);
        Report report = new Compare(new Progress(err)).run(plan, "three-ways-bench " + String.join(" ", args));
        return write(report, cli, out, err);
    }

    private static int remote(List<String> rest, String[] args, PrintStream out, PrintStream err) throws Exception {
        Cli cli = Cli.parse(rest, with(COMMON, "--outputs", "--rates", "--step-seconds", "--cold-starts",
                "--lambda-cold-starts"), Set.of("--json"));
        String outputs = cli.string("--outputs", null);
        if (outputs == null) {
            throw new Cli.UsageException("remote needs --outputs FILE (what `cdk deploy --outputs-file FILE` wrote)");
        }
        double[] rates = Arrays.stream(cli.string("--rates", "5,10,20").split(",")).mapToDouble(r -> {
            try {
                double v = Double.parseDouble(r.trim());
                if (!(v > 0)) {
                    throw new NumberFormatException();
                }
                return v;
            } catch (NumberFormatException e) {
                throw new Cli.UsageException("--rates takes positive numbers, comma-separated: " + r);
            }
        }).toArray();
        var plan = new Remote.Plan(Path.of(outputs), rates, seconds(cli.positiveDouble("--step-seconds", 10)),
                cli.positiveInt("--cold-starts", 1), cli.nonNegativeInt("--lambda-cold-starts", 0),
                LambdaColdStarts::fromEnvironment,
                Budget.of(seconds(60 * cli.positiveDouble("--budget-minutes", 30)), cli.positiveLong("--max-requests", 1_000_000)));
        Report report = new Remote(new Progress(err)).run(plan, "three-ways-bench " + String.join(" ", args));
        return write(report, cli, out, err);
    }

    private static int render(List<String> rest, PrintStream out) throws Exception {
        Cli cli = Cli.parse(rest, Set.of("--from", "--out", "--screenshot-height"), Set.of("--screenshot", "--reprice"));
        String from = cli.string("--from", null);
        if (from == null) {
            throw new Cli.UsageException("render needs --from report.json");
        }
        Report report = ReportFiles.read(Path.of(from));
        if (cli.has("--reprice")) {
            // before anything is written: a report that cannot be re-priced is left as it was
            report = CostStep.reprice(report);
        }
        Path dir = Path.of(cli.string("--out", Path.of(from).toAbsolutePath().getParent().toString()));
        var written = ReportFiles.write(report, dir);
        out.println("wrote " + written);
        if (cli.has("--screenshot")) {
            var shot = dev.threeways.bench.report.Chromium.render(dir.resolve("report.html"), dir.resolve("report.png"),
                    cli.positiveInt("--screenshot-height", dev.threeways.bench.report.Chromium.MAX_SCREENSHOT_HEIGHT));
            out.println("screenshot " + shot);
        }
        return 0;
    }

    private static int write(Report report, Cli cli, PrintStream out, PrintStream err) throws Exception {
        Path dir = Path.of(cli.string("--out", dev.threeways.bench.ways.Lab.findRepo().resolve("benchmarks/target/report").toString()));
        var written = ReportFiles.write(report, dir);
        if (cli.has("--json")) {
            out.println(java.nio.file.Files.readString(dir.resolve("report.json")));
        } else {
            out.println(java.nio.file.Files.readString(dir.resolve("report.md")));
        }
        err.println("report written: " + written);
        return 0;
    }

    static Duration seconds(double s) {
        return Duration.ofMillis(Math.round(s * 1000));
    }

    static Set<Compare.Part> parts(String list, Set<Compare.Part> fallback) {
        if (list == null) {
            return fallback;
        }
        var parts = EnumSet.noneOf(Compare.Part.class);
        for (String p : list.split(",")) {
            try {
                parts.add(Compare.Part.valueOf(p.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new Cli.UsageException("--parts takes lambda, servers, queue, cost; not: " + p);
            }
        }
        return parts;
    }
}
