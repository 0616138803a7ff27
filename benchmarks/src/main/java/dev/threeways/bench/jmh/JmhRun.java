package dev.threeways.bench.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code three-ways-bench jmh [args]}: the micro-benchmarks of this package with this project's
 * defaults — all of them, the GC profiler on (allocation per operation is half of what these paths
 * are about), results as JSON — and every JMH command-line option on top, parsed by JMH itself so
 * that its flags mean what its documentation says.
 */
public final class JmhRun {
    static final String DEFAULT_INCLUDE = "^" + JmhRun.class.getPackageName().replace(".", "\\.") + "\\.";
    static final String DEFAULT_RESULTS = "benchmarks/target/jmh/results.json";

    private static final String USAGE = """
            Usage: three-ways-bench jmh [BENCHMARK-REGEX...] [--results PATH] [--no-gc] [JMH options]

            Runs the JMH micro-benchmarks of the app's hot paths:
              RouterBench   the app's handler: GET /hello, POST /echo, a 404, a 405
                            (-p logLevel=INFO,WARN: with and without the access log line)
              AccessLogBench  GET /hello with its access line written to a file: none (WARN), a write
                            a line, or buffered as the resident servers write it
              HttpApiBench  one Lambda invocation: direct stream handler vs aws-serverless-java-container
                            vs the router alone (-p request=hello,echo)
              WebhookBench  Stripe-Signature verification and event parsing
              LedgerBench   applying a new payment event and a duplicate delivery
                            (-p database=h2,postgresql; PostgreSQL on 127.0.0.1:5432/test or TEST_JDBC_URL)

            Defaults: every benchmark above; -prof gc; each class's own fork/warmup/measurement
            (1 fork, 3 x 1 s warmup, 5 x 1 s measurement: a full run takes a few minutes);
            JSON results in %s.

              BENCHMARK-REGEX   run the benchmarks whose full name matches (e.g. RouterBench, 'Ledger.*New')
              --results PATH    where the results go (same as -rff PATH)
              --no-gc           without the GC profiler
              -f N              forks (0: in this JVM, for a quick look only)
              -wi N / -i N      warmup / measurement iterations
              -w T / -r T       warmup / measurement iteration time (e.g. 1s, 500ms)
              -p NAME=V1,V2     benchmark parameters
              -l                list the benchmarks; --help-jmh: every JMH option

            Example: three-ways-bench jmh HttpApiBench -p request=hello -f 1 -wi 2 -i 3
            """.formatted(DEFAULT_RESULTS);

    private JmhRun() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the benchmarks: 0 when they gave results, 1 when none did or JMH failed, 2 for bad arguments.
     * One benchmark that fails (no PostgreSQL, say) does not stop the others: JMH prints its error and
     * it is missing from the results.
     */
    public static int run(String[] args) {
        return run(args, System.out);
    }

    static int run(String[] args, PrintStream out) {
        var jmhArgs = new ArrayList<String>();
        String results = null;
        boolean gc = true;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h", "help" -> {
                    out.print(USAGE);
                    return 0;
                }
                case "--help-jmh" -> jmhArgs.add("-h");
                case "--no-gc" -> gc = false;
                case "--results" -> {
                    if (i + 1 == args.length) {
                        out.println("--results needs a path\n\n" + USAGE);
                        return 2;
                    }
                    results = args[++i];
                }
                default -> jmhArgs.add(args[i]);
            }
        }
        CommandLineOptions cli;
        try {
            cli = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            out.println(e.getMessage() + "\n\n" + USAGE);
            return 2;
        }
        try {
            if (cli.shouldHelp()) {
                cli.showHelp();
                return 0;
            }
            if (cli.shouldListProfilers()) {
                cli.listProfilers();
                return 0;
            }
            if (cli.shouldListResultFormats()) {
                cli.listResultFormats();
                return 0;
            }
        } catch (IOException e) {
            out.println("cannot show JMH's help: " + e.getMessage());
            return 2;
        }

        // the builder's own settings win over its parent's, so only what the command line left open is set
        ChainedOptionsBuilder options = new OptionsBuilder().parent(cli);
        if (cli.getIncludes().isEmpty()) {
            options.include(DEFAULT_INCLUDE);
        }
        if (gc && cli.getProfilers().stream().noneMatch(p -> isGcProfiler(p.getKlass()))) {
            options.addProfiler(GCProfiler.class);
        }
        if (!cli.getJvmArgsAppend().hasValue()) {
            // JMH 1.37 reaches for sun.misc.Unsafe, and JDK 24+ warns about it in every fork's output
            options.jvmArgsAppend("--sun-misc-unsafe-memory-access=allow");
        }
        Path resultFile = Path.of(results != null ? results : cli.getResult().orElse(DEFAULT_RESULTS));
        options.result(resultFile.toString());
        if (!cli.getResultFormat().hasValue()) {
            options.resultFormat(ResultFormatType.JSON);
        }

        // JMH's console output goes where this run's messages go, so a caller capturing one gets both
        Runner runner = new Runner(options.build(),
                OutputFormatFactory.createFormatInstance(out, cli.verbosity().orElse(VerboseMode.NORMAL)));
        if (cli.shouldList() || cli.shouldListWithParams()) {
            if (cli.shouldListWithParams()) {
                runner.listWithParams(cli);
            } else {
                runner.list();
            }
            return 0;
        }
        try {
            Path parent = resultFile.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Collection<RunResult> runs = runner.run();
            if (runs.isEmpty()) {
                out.println("No benchmark gave a result (see the errors above, or check the pattern with -l).");
                return 1;
            }
            out.println("JMH results: " + resultFile.toAbsolutePath());
            return 0;
        } catch (RunnerException | IOException e) {
            out.println("JMH failed: " + e.getMessage());
            return 1;
        }
    }

    private static boolean isGcProfiler(String name) {
        return List.of("gc", GCProfiler.class.getName(), GCProfiler.class.getSimpleName()).contains(name);
    }
}
