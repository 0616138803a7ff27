package dev.threeways.lambda;

import dev.threeways.core.PaymentLife;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Resource;

/**
 * The training run of the function's start-up archive, for the container image (see its Dockerfile):
 * {@code java -XX:AOTCacheOutput=... -cp <the image's class path> dev.threeways.lambda.StartupTraining}
 * runs the deployed handler in-process on HTTP API events as API Gateway sends them — a payment's
 * life ({@link PaymentLife}) applied with the embedded defaults, since there is no database or queue
 * at build time — and builds the app a second time as a deployed init does (a queue URL, so the SQS
 * client is built), whose webhooks are signed and sent to a port where nothing listens: the send path
 * up to the connection is trained, the answer (503, try later) too. Then it returns, and the JVM writes
 * the cache.
 */
public final class StartupTraining {
    /** Payment lives handled: enough for every path to run many times. */
    public static final int ROUNDS = 20;
    /** A queue the deployed init configures a client for; nothing is sent to it. */
    static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/000000000000/three-ways-training";

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> embedded = Map.of("LOG_LEVEL", "WARN");
        AppConfig config = AppConfig.fromEnv(embedded);
        var handler = new HttpApiStreamHandler(LambdaApp.create(embedded, NO_SNAPSHOTS).app().handler());
        for (int round = 0; round < ROUNDS; round++) {
            String intent = "pi_training_" + round + "_" + Long.toHexString(System.nanoTime());
            for (HttpRequest request : PaymentLife.requests(intent, config.webhookSecrets().getFirst(),
                    config.readApiTokens().getFirst(), InstantSource.system())) {
                int status = invoke(handler, request);
                if (status >= 500) {
                    throw new IllegalStateException("training: " + request.method() + " " + request.path()
                            + " answered " + status + "; the archive would hold an error path");
                }
            }
        }
        var deployed = new LinkedHashMap<>(embedded);
        deployed.put("QUEUE_URL", QUEUE_URL);
        deployed.put("AWS_REGION", "us-east-1");
        deployed.put("STRIPE_WEBHOOK_SECRETS", config.webhookSecrets().getFirst());
        deployed.put("READ_API_TOKENS", config.readApiTokens().getFirst());
        deployed.put("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:" + closedPort());
        // the SDK signs a request before sending it; at run time the credentials come from Lambda's environment
        System.setProperty("aws.accessKeyId", "training");
        System.setProperty("aws.secretAccessKey", "training");
        var asDeployed = new HttpApiStreamHandler(LambdaApp.create(deployed, NO_SNAPSHOTS).app().handler());
        List<HttpRequest> life = PaymentLife.requests("pi_training_deployed", config.webhookSecrets().getFirst(),
                config.readApiTokens().getFirst(), InstantSource.system());
        for (HttpRequest request : life.subList(0, DEPLOYED_REQUESTS)) {
            invoke(asDeployed, request);
        }
    }

    /** hello, echo and the first webhook: enough to load the send path, each failed send costing its retries. */
    static final int DEPLOYED_REQUESTS = 3;

    private static int closedPort() throws IOException {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Outside Lambda there is no snapshot to register with. */
    private static final Context<Resource> NO_SNAPSHOTS = new Context<>() {
        @Override
        public void register(Resource resource) {
            // no checkpoint will come
        }

        @Override
        public void beforeCheckpoint(Context<? extends Resource> context) {
            // nothing registered
        }

        @Override
        public void afterRestore(Context<? extends Resource> context) {
            // nothing registered
        }
    };

    private static int invoke(HttpApiStreamHandler handler, HttpRequest request) throws IOException {
        var headers = new LinkedHashMap<String, String>();
        for (String name : request.headers().names()) {
            headers.put(name, String.join(",", request.headers().all(name)));
        }
        String event = HttpApiEvents.event(request.method(), request.path(), request.rawQuery(), headers,
                request.body().length == 0 ? null : new String(request.body(), StandardCharsets.UTF_8), false,
                List.of());
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readTree(out.toByteArray()).path("statusCode").asInt();
    }
}
