package dev.threeways.lambda;

import dev.threeways.core.PaymentLife;
import dev.threeways.core.TrainingSettings;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * at build time — then builds the app again as a deployed init does, with a queue nothing listens for
 * ({@link TrainingSettings}): its webhooks are signed and sent up to the connection, and answered 503.
 * Then it returns, and the JVM writes the cache.
 */
public final class StartupTraining {
    /** Payment lives handled: enough for every path to run many times. */
    public static final int ROUNDS = 20;
    /** hello, echo and the first webhook: enough to load the send path, each failed send costing its retries. */
    static final int DEPLOYED_REQUESTS = 3;

    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        Map<String, String> embedded = TrainingSettings.embedded(Map.of());
        AppConfig config = AppConfig.fromEnv(embedded);
        var handler = new HttpApiStreamHandler(LambdaApp.create(embedded, NO_SNAPSHOTS).app().handler());
        for (int round = 0; round < ROUNDS; round++) {
            for (HttpRequest request : life("pi_training_" + round + "_" + Long.toHexString(System.nanoTime()), config)) {
                int status = invoke(handler, request);
                if (status >= 500) {
                    throw new IllegalStateException("training: " + request.method() + " " + request.path()
                            + " answered " + status + "; the archive would hold an error path");
                }
            }
        }
        var asDeployed = new HttpApiStreamHandler(LambdaApp.create(TrainingSettings.withUnreachableQueue(embedded),
                NO_SNAPSHOTS).app().handler());
        for (HttpRequest request : life("pi_training_deployed", config).subList(0, DEPLOYED_REQUESTS)) {
            invoke(asDeployed, request);
        }
    }

    private static List<HttpRequest> life(String intent, AppConfig config) {
        return PaymentLife.requests(intent, config.webhookSecrets().getFirst(), config.readApiTokens().getFirst(),
                InstantSource.system());
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
                request.body().length == 0 ? null : new String(request.body(), StandardCharsets.UTF_8), false, List.of());
        var out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        return Json.MAPPER.readTree(out.toByteArray()).path("statusCode").asInt();
    }
}
