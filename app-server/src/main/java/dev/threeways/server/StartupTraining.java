package dev.threeways.server;

import dev.threeways.core.TrainingSettings;
import dev.threeways.core.http.HttpRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * The training run of a container image's start-up archive (the JDK's AOT cache, JEP 483/514/515):
 * {@code java -XX:AOTCacheOutput=app.aot -jar app.jar train} starts the way as its entry point does,
 * serves it payment lives over HTTP ({@link TrainingSettings#payments}), runs its SIGTERM drain and
 * returns, so the JVM exits normally — the only exit at which it writes the cache. The image build runs it on the image's
 * own JDK (a cache is valid only on the JDK build that made it), with nothing but the embedded defaults:
 * there is no database or queue at build time, and none is needed to load and link what a request touches.
 */
public final class StartupTraining {
    /** The argument that makes an entry point train instead of serve. */
    public static final String ARGUMENT = "train";

    private StartupTraining() {}

    /** The environment of the training run: the embedded defaults, on a port the OS picks, logging warnings only. */
    public static Map<String, String> environment() {
        return TrainingSettings.embedded(Map.of("PORT", "0"));
    }

    /** Trains {@code start} on {@link TrainingSettings#payments}; returns the exit code of its drain. */
    public static int run(Function<Map<String, String>, Started> start) {
        Map<String, String> env = environment();
        Started started = start.apply(env);
        TrainingSettings.payments(request -> send(started.port(), request), env);
        return started.shutdown().getAsInt();
    }

    /**
     * As {@link #run}, then once more as deployed with a queue ({@link TrainingSettings#withUnreachableQueue}):
     * the way's SQS clients are built, its worker polls, and a webhook is sent up to the connection and
     * answered 503, so what a start with a queue loads is in the archive too.
     */
    public static int runWithQueue(Function<Map<String, String>, Started> start) {
        int embedded = run(start);
        if (embedded != 0) {
            return embedded;
        }
        Started started = start.apply(TrainingSettings.withUnreachableQueue(environment()));
        TrainingSettings.queuePath(request -> send(started.port(), request), environment());
        // the queue was never there: a drain that reports it is still what the training wants to have run
        started.shutdown().getAsInt();
        return 0;
    }

    /** One request on its own connection; a plain socket, so no HTTP client's classes end up in the archive. */
    static int send(int port, HttpRequest request) {
        String target = request.path() + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        var head = new StringBuilder(request.method()).append(' ').append(target.replace(" ", "%20"))
                .append(" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: ")
                .append(request.body().length).append("\r\n");
        for (String name : request.headers().names()) {
            request.headers().all(name).forEach(v -> head.append(name).append(": ").append(v).append("\r\n"));
        }
        head.append("\r\n");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(request.body());
            out.flush();
            String response = readAll(socket.getInputStream());
            // "HTTP/1.1 200 OK"
            return Integer.parseInt(response.substring(9, 12));
        } catch (IOException e) {
            throw new UncheckedIOException("training: " + request.method() + " " + target, e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        var bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }
}
