package dev.threeways.lambdalocal;

import java.io.File;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a function locally behind the runtime-interface-emulator-compatible invoke endpoint until Ctrl-C:
 *
 * <pre>
 * java -jar lambda-local.jar --handler com.example.Handler::handleRequest --classpath app.jar:lib/* ...
 * curl -d '{}' http://127.0.0.1:9000/2015-03-31/functions/function/invocations
 * </pre>
 *
 * Each invoke's logs (the function's output and the START/END/REPORT lines) are printed to stdout.
 */
public final class LambdaLocalMain {

    static final String USAGE = """
            usage: lambda-local --handler <handler> --classpath <path>[%1$s<path>...] [options]

              --handler <h>            the handler string, e.g. com.example.Handler::handleRequest
              --classpath <cp>         the function's jars and directories, separated by '%1$s'; a directory
                                       ending in /* means every jar in it. Must include
                                       com.amazonaws:aws-lambda-java-runtime-interface-client
              --port <n>               port of the invoke endpoint (default 9000; 0 = any free port)
              --host <address>         address to listen on (default 127.0.0.1)
              --timeout-seconds <s>    function timeout (default 30)
              --memory-mb <n>          AWS_LAMBDA_FUNCTION_MEMORY_SIZE, sizes the heap too (default 512)
              --function-name <name>   AWS_LAMBDA_FUNCTION_NAME (default function)
              --env <NAME=value>       a function environment variable; repeat for more
              --max-concurrency <n>    most environments at once (default 10)
              --http-api               serve the function as API Gateway's HTTP API would (payload format 2.0):
                                       plain HTTP in, an HTTP API event to the function, its response back

            then: curl -d '{}' http://127.0.0.1:9000/2015-03-31/functions/function/invocations
             or, with --http-api: curl http://127.0.0.1:9000/any/path?and=query
            """.formatted(File.pathSeparator);

    // held here because java.util.logging keeps loggers only weakly, and with them the level set on them
    private static final Logger LIBRARY_LOG = Logger.getLogger(LambdaLocal.class.getName());

    private LambdaLocalMain() {
    }

    /** The command line, parsed. */
    record Options(String handler, List<Path> classpath, String host, int port, Duration timeout, int memoryMb,
                   String functionName, Map<String, String> environment, int maxConcurrency, boolean httpApi) {

        static Options parse(String... args) {
            String handler = null;
            List<Path> classpath = new ArrayList<>();
            String host = "127.0.0.1";
            int port = 9000;
            Duration timeout = Duration.ofSeconds(30);
            int memoryMb = 512;
            String functionName = "function";
            Map<String, String> environment = new LinkedHashMap<>();
            int maxConcurrency = 10;
            boolean httpApi = false;
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--help") || option.equals("-h")) {
                    throw new UsageException("");
                }
                if (option.equals("--http-api")) {
                    httpApi = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new UsageException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--handler" -> handler = value;
                    case "--classpath", "-cp" -> classpath.addAll(classpathEntries(value));
                    case "--host" -> host = value;
                    case "--port" -> port = number(option, value, 0, 65_535);
                    case "--timeout-seconds" -> timeout = seconds(option, value);
                    case "--memory-mb" -> memoryMb = number(option, value, 128, 10_240);
                    case "--function-name" -> functionName = value;
                    case "--env" -> {
                        int equals = value.indexOf('=');
                        if (equals <= 0) {
                            throw new UsageException("--env wants NAME=value, got " + value);
                        }
                        environment.put(value.substring(0, equals), value.substring(equals + 1));
                    }
                    case "--max-concurrency" -> maxConcurrency = number(option, value, 1, 1_000);
                    default -> throw new UsageException("unknown option " + option);
                }
            }
            if (handler == null || handler.isBlank()) {
                throw new UsageException("--handler is required");
            }
            if (classpath.isEmpty()) {
                throw new UsageException("--classpath is required");
            }
            return new Options(handler, List.copyOf(classpath), host, port, timeout, memoryMb, functionName,
                    Map.copyOf(environment), maxConcurrency, httpApi);
        }

        LambdaLocal.Builder toBuilder() {
            return LambdaLocal.builder()
                    .functionName(functionName)
                    .handler(handler)
                    .classpath(classpath)
                    .timeout(timeout)
                    .memoryMb(memoryMb)
                    .env(environment)
                    .maxConcurrency(maxConcurrency);
        }

        /** Like java's -cp: "dir/*" stands for the jars in dir. */
        private static List<Path> classpathEntries(String value) {
            List<Path> entries = new ArrayList<>();
            for (String entry : value.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                if (entry.endsWith("/*") || entry.equals("*")) {
                    File directory = new File(entry.length() == 1 ? "." : entry.substring(0, entry.length() - 2));
                    File[] jars = directory.listFiles((dir, name) -> name.endsWith(".jar"));
                    if (jars == null) {
                        throw new UsageException("--classpath: " + directory + " is not a directory");
                    }
                    Arrays.sort(jars);
                    for (File jar : jars) {
                        entries.add(jar.toPath());
                    }
                } else {
                    entries.add(Path.of(entry));
                }
            }
            return entries;
        }

        private static int number(String option, String value, int min, int max) {
            try {
                int number = Integer.parseInt(value);
                if (number < min || number > max) {
                    throw new UsageException(option + " must be " + min + ".." + max + ", was " + value);
                }
                return number;
            } catch (NumberFormatException e) {
                throw new UsageException(option + " wants a whole number, got " + value);
            }
        }

        private static Duration seconds(String option, String value) {
            try {
                double seconds = Double.parseDouble(value);
                if (!(seconds > 0 && seconds <= 900)) {
                    throw new UsageException(option + " must be more than 0 and at most 900 (Lambda's limit), was " + value);
                }
                return Duration.ofMillis(Math.round(seconds * 1000));
            } catch (NumberFormatException e) {
                throw new UsageException(option + " wants a number of seconds, got " + value);
            }
        }
    }

    /** A command line that cannot be run; the message says why. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (UsageException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println("lambda-local: " + e.getMessage());
            }
            System.err.print(USAGE);
            System.exit(e.getMessage().isEmpty() ? 0 : 2);
            return;
        }

        InetSocketAddress address;
        try {
            address = new InetSocketAddress(InetAddress.getByName(options.host()), options.port());
        } catch (UnknownHostException e) {
            System.err.println("lambda-local: unknown --host " + options.host());
            System.exit(2);
            return;
        }
        LambdaLocal function;
        try {
            function = options.toBuilder().build();
        } catch (RuntimeException e) {
            System.err.println("lambda-local: " + e.getMessage());
            System.exit(2);
            return;
        }
        // each invoke's printed logs end in its REPORT line already; the library's own INFO copy would repeat it
        LIBRARY_LOG.setLevel(Level.WARNING);
        PrintStream out = System.out;
        Consumer<InvokeResult> printLogs = result -> {
            synchronized (out) { // one invoke's lines together, even when invokes overlap
                out.print(result.logs());
                out.flush();
            }
        };
        AutoCloseable endpoint;
        String listening;
        if (options.httpApi()) {
            HttpApiGateway gateway = HttpApiGateway.start(function, address, printLogs);
            endpoint = gateway;
            listening = gateway.uri() + " (as an HTTP API)";
        } else {
            InvokeEndpoint invoke = InvokeEndpoint.start(function, address, printLogs);
            endpoint = invoke;
            listening = invoke.invocationsUri().toString();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(() -> {
            try {
                endpoint.close();
            } catch (Exception e) {
                System.err.println("lambda-local: " + e.getMessage());
            }
            function.close();
            stopped.countDown();
        }));
        out.println("lambda-local: " + options.handler() + " (timeout " + options.timeout().toMillis() / 1000.0
                + " s, " + options.memoryMb() + " MB) listening on " + listening);
        out.println("lambda-local: Ctrl-C to stop");
        out.flush();
        stopped.await();
    }
}
