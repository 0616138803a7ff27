package dev.threeways.lambda;

import dev.threeways.core.log.JsonLog;
import dev.threeways.core.testing.LocalSecretsManager;
import dev.threeways.core.testing.TestDatabase;
import dev.threeways.lambdalocal.InvokeResult;
import dev.threeways.lambdalocal.LambdaLocal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cold start under lambda-local, the real runtime interface client in a fresh JVM per start: from the
 * invoke (which starts the JVM) to the first HTTP API response, for the direct handler, the same
 * router behind aws-serverless-java-container, and a handler of the same interface that returns a
 * constant — the baseline — plus a constant stream handler, which shows what the runtime client's
 * own event deserialization costs; and the deployed handler once more reading its two secrets from
 * Secrets Manager at init (a local stand-in on loopback, so what it shows is the SDK client's and the
 * calls' cost in the JVM, not the network's); alternating in one run. PostgreSQL as the database, as
 * deployed (no migration at init). Not a test: a measurement, printed as a table with the artifact's size.
 *
 * <pre>./mvnw -q install -DskipTests
 * ./mvnw -q -pl adapter-lambda exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.threeways.lambda.ColdStart -Dexec.args=10</pre>
 */
public final class ColdStart {
    private static final Map<String, String> HANDLERS = new LinkedHashMap<>();
    private static final String AS_DEPLOYED_SETTINGS = "HttpApiStreamHandler with QUEUE_URL, secrets as settings";
    private static final String AS_DEPLOYED_SECRETS = "HttpApiStreamHandler with QUEUE_URL, secrets read from Secrets Manager at init";

    static {
        HANDLERS.put("constant (baseline)", "dev.threeways.lambda.ConstantHttpHandler::handleRequest");
        HANDLERS.put("constant stream handler (no event classes)", "dev.threeways.lambda.ConstantStreamHandler::handleRequest");
        HANDLERS.put("direct HttpApiHandler (event classes)", "dev.threeways.lambda.HttpApiHandler::handleRequest");
        HANDLERS.put("direct HttpApiStreamHandler (the app's JSON)", "dev.threeways.lambda.HttpApiStreamHandler::handleRequest");
        HANDLERS.put("servlet behind aws-serverless-java-container", "dev.threeways.lambda.servlet.ServletStreamHandler::handleRequest");
        HANDLERS.put(AS_DEPLOYED_SETTINGS, "dev.threeways.lambda.HttpApiStreamHandler::handleRequest");
        HANDLERS.put(AS_DEPLOYED_SECRETS, "dev.threeways.lambda.HttpApiStreamHandler::handleRequest");
    }

    private ColdStart() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        // e.g. "-XX:TieredStopAtLevel=1", what AWS suggests in JAVA_TOOL_OPTIONS for short-lived Java functions
        List<String> jvmOptions = args.length > 1 ? List.of(args[1].split(" ")) : List.of();
        JsonLog.setThreshold(JsonLog.Level.WARN);
        String event = HttpApiEvents.get("/hello", "name=cold");
        var wall = new LinkedHashMap<String, List<Long>>();
        var init = new LinkedHashMap<String, List<Long>>();
        try (TestDatabase db = TestDatabase.postgres(); var secrets = LocalSecretsManager.start()) {
            Map<String, String> env = Map.of("DATABASE_URL", db.url(), "DATABASE_USER", db.user(),
                    "DATABASE_PASSWORD", db.password(), "LOG_LEVEL", "WARN",
                    "STRIPE_WEBHOOK_SECRETS", "whsec_cold_start");
            secrets.put("db", "{\"username\":\"" + db.user() + "\",\"password\":\"" + db.password() + "\"}")
                    .put("stripe", "whsec_cold_start");
            // as deployed, the HTTP function builds its SQS client in init too (/hello sends nothing)
            String queue = "https://sqs.eu-west-1.amazonaws.com/111122223333/cold-start";
            var settingsEnv = new java.util.HashMap<>(env);
            settingsEnv.put("QUEUE_URL", queue);
            Map<String, String> secretsEnv = Map.of("DATABASE_URL", db.url(), "DATABASE_SECRET_ID", "db",
                    "STRIPE_WEBHOOK_SECRETS_ID", "stripe", "LOG_LEVEL", "WARN", "QUEUE_URL", queue,
                    "AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString(),
                    "AWS_ACCESS_KEY_ID", "x", "AWS_SECRET_ACCESS_KEY", "x");
            for (int i = 0; i < runs; i++) {
                for (var handler : HANDLERS.entrySet()) {
                    var builder = LambdaFunctions.function(handler.getValue(), LambdaFunctions.withTestClasses(),
                            switch (handler.getKey()) {
                                case AS_DEPLOYED_SETTINGS -> settingsEnv;
                                case AS_DEPLOYED_SECRETS -> secretsEnv;
                                default -> env;
                            });
                    if (!jvmOptions.isEmpty()) {
                        builder.jvmOptions(jvmOptions);
                    }
                    try (LambdaLocal fn = builder.build()) {
                        long start = System.nanoTime();
                        InvokeResult r = fn.invoke(event);
                        long ms = (System.nanoTime() - start) / 1_000_000;
                        if (!r.isSuccess() || !r.payloadUtf8().contains("hello")) {
                            throw new IllegalStateException(handler.getKey() + ": " + r.status() + " " + r.errorJson() + r.payloadUtf8());
                        }
                        wall.computeIfAbsent(handler.getKey(), k -> new ArrayList<>()).add(ms);
                        init.computeIfAbsent(handler.getKey(), k -> new ArrayList<>())
                                .add(r.report().initDuration().orElseThrow().toMillis() + r.report().duration().toMillis());
                    }
                }
            }
        }
        Path artifact = LambdaFunctions.artifactClasspath().getFirst();
        System.out.printf("cold start under lambda-local, %d fresh JVMs each, alternating, java %s, %d cores, JVM options %s%n",
                runs, Runtime.version(), Runtime.getRuntime().availableProcessors(), jvmOptions.isEmpty() ? "(lambda-local's)" : jvmOptions);
        System.out.println("| handler | median ms | min ms | max ms | init+duration median ms | ratio to baseline |");
        System.out.println("|---|---|---|---|---|---|");
        long baseline = median(wall.values().iterator().next());
        for (var e : wall.entrySet()) {
            List<Long> ms = e.getValue();
            System.out.printf("| %s | %d | %d | %d | %d | %.2f |%n", e.getKey(), median(ms),
                    ms.stream().mapToLong(Long::longValue).min().orElseThrow(),
                    ms.stream().mapToLong(Long::longValue).max().orElseThrow(), median(init.get(e.getKey())),
                    (double) median(ms) / baseline);
        }
        System.out.printf("artifact %s: %.1f MB (Lambda: 50 MB zipped for direct upload, 250 MB unzipped)%n",
                artifact.getFileName(), Files.size(artifact) / 1_048_576.0);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
