package dev.threeways.lambda;

import dev.threeways.core.TrainingSettings;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Resource;

/**
 * The training run of the function's start-up archive, for the container image (see its Dockerfile):
 * {@code java -XX:AOTCacheOutput=... -cp <the image's class path> dev.threeways.lambda.StartupTraining}
 * runs the deployed handler in-process on HTTP API events as API Gateway sends them — payment lives
 * ({@link TrainingSettings#payments}) applied with the embedded defaults, since there is no database or queue
 * at build time — then builds the app again as a deployed init does, with a queue nothing listens for
 * ({@link TrainingSettings}): its webhooks are signed and sent up to the connection, and answered 503.
 * Then it returns, and the JVM writes the cache.
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) {
        Map<String, String> embedded = TrainingSettings.embedded(Map.of());
        var handler = new HttpApiStreamHandler(LambdaApp.create(embedded, NO_SNAPSHOTS).app().handler());
        TrainingSettings.payments(request -> invoke(handler, request), embedded);
        var asDeployed = new HttpApiStreamHandler(LambdaApp.create(TrainingSettings.withUnreachableQueue(embedded),
                NO_SNAPSHOTS).app().handler());
        TrainingSettings.queuePath(request -> invoke(asDeployed, request), embedded);
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

    /** The request as API Gateway's event, through the handler; the response's status code. */
    private static int invoke(HttpApiStreamHandler handler, HttpRequest request) {
        var headers = new LinkedHashMap<String, String>();
        for (String name : request.headers().names()) {
            headers.put(name, String.join(",", request.headers().all(name)));
        }
        String event = HttpApiEvents.event(request.method(), request.path(), request.rawQuery(), headers,
                request.body().length == 0 ? null : new String(request.body(), StandardCharsets.UTF_8), false, List.of());
        var out = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, null);
        } catch (IOException e) {
            throw new UncheckedIOException("training: " + request.method() + " " + request.path(), e);
        }
        return Json.MAPPER.readTree(out.toByteArray()).path("statusCode").asInt();
    }
}
