package dev.threeways.lambda;

import dev.threeways.lambdalocal.HttpApiGateway;
import dev.threeways.lambdalocal.InvokeEndpoint;
import dev.threeways.lambdalocal.InvokeResult;
import dev.threeways.lambdalocal.LambdaLocal;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Serves one of the artifact's handlers locally, under the real runtime interface client, on the
 * runtime interface emulator's invoke URL, so a person can {@code curl} it:
 *
 * <pre>./mvnw -q install -DskipTests
 * ./mvnw -q -pl adapter-lambda exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.threeways.lambda.LocalFunction -Dexec.args="HttpApiHandler 9000"
 * curl -d @adapter-lambda/events/hello.json http://127.0.0.1:9000/2015-03-31/functions/function/invocations</pre>
 *
 * With a third argument {@code http-api} the HTTP handler is served as API Gateway's HTTP API serves it
 * ({@code -Dexec.args="HttpApiStreamHandler 9000 http-api"}, then {@code curl 127.0.0.1:9000/hello?name=you}).
 * The function's environment is this process's (DATABASE_URL, QUEUE_URL, ...; embedded defaults when unset).
 */
public final class LocalFunction {
    private LocalFunction() {}

    public static void main(String[] args) throws Exception {
        String handler = args.length > 0 ? args[0] : "HttpApiHandler";
        if (!handler.contains(".")) {
            handler = "dev.threeways.lambda." + handler + "::handleRequest";
        }
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 9000;
        LambdaLocal function = LambdaFunctions.function(handler, LambdaFunctions.artifactClasspath(), Map.copyOf(System.getenv()))
                .build();
        var address = new InetSocketAddress("127.0.0.1", port);
        Consumer<InvokeResult> report =
                result -> System.out.println(result.report().toLogLine());
        AutoCloseable endpoint;
        if (args.length > 2 && args[2].equals("http-api")) {
            HttpApiGateway gateway = HttpApiGateway.start(function, address, report);
            endpoint = gateway;
            System.out.println(handler + " as an HTTP API at " + gateway.uri());
        } else {
            InvokeEndpoint invoke = InvokeEndpoint.start(function, address, report);
            endpoint = invoke;
            System.out.println(handler + " at " + invoke.invocationsUri());
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                endpoint.close();
            } catch (Exception e) {
                System.err.println(e);
            }
            function.close();
        }));
        Thread.currentThread().join();
    }
}
