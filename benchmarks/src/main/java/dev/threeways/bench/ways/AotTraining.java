package dev.threeways.bench.ways;

import dev.threeways.server.testing.JarProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * A floor's start-up archive, trained as the images train theirs (JDK 25's {@code -XX:AOTCacheOutput}: run
 * the program on its real work, end it, and the JVM writes the cache): a floor started without one would
 * be beaten by an image that has one, and a floor that can be beaten is not a floor. Like the images', the
 * training runs unplaced (it is the build), and the cache is then used by a run placed as measured.
 */
final class AotTraining {
    /** Requests a training run serves: enough for every class of the answering path to be loaded and linked. */
    static final int TRAINING_REQUESTS = 500;

    private AotTraining() {}

    /**
     * Trains a server: {@code command} given the option that writes {@code cache} starts it, it serves
     * {@link #TRAINING_REQUESTS} requests of {@code path}, and SIGTERM ends it, which is when the JVM writes
     * the cache.
     *
     * @param command the server's command, from the option's text ({@code -XX:AOTCacheOutput=FILE}, or with a
     *                launcher's prefix such as jwebserver's {@code -J}) and the port it must listen on (also
     *                given to it as {@code PORT})
     */
    static Path trainServer(BiFunction<String, Integer, List<String>> command, Map<String, String> env, String path,
                            Path cache, String name) throws Exception {
        Files.deleteIfExists(cache);
        int port = JarProcess.freePort();
        List<String> training = command.apply("-XX:AOTCacheOutput=" + cache, port);
        var withPort = new java.util.HashMap<>(env);
        withPort.put("PORT", String.valueOf(port));
        try (JarProcess server = JarProcess.launch(training, withPort, name + "-training")) {
            server.awaitFirst200(path, Servers.START_TIMEOUT);
            HttpClient client = HttpClient.newHttpClient();
            URI uri = server.uri(path);
            for (int i = 0; i < TRAINING_REQUESTS; i++) {
                client.send(HttpRequest.newBuilder(uri).build(), BodyHandlers.discarding());
            }
            server.sigterm();
            server.awaitExit(Duration.ofSeconds(120)); // the cache is assembled by a child JVM before the exit
            if (!Files.isRegularFile(cache) || Files.size(cache) == 0) {
                throw new IllegalStateException(name + ": the training run wrote no AOT cache:\n" + server.log());
            }
        }
        return cache;
    }

    /** {@code options} with the cache used: any option that trains or uses another cache replaced. */
    static List<String> using(List<String> options, Path cache) {
        var out = new ArrayList<String>();
        for (String o : options) {
            if (!o.startsWith("-XX:AOTCache")) {
                out.add(o);
            }
        }
        out.add("-XX:AOTCache=" + cache);
        return out;
    }
}
