package dev.threeways.resilience;

import dev.threeways.server.testing.JarProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;

/** App Runner's or Fargate's shipped jar as its own process, spoken to over HTTP. */
public final class ServerWay implements Way {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final JarProcess process;

    private ServerWay(String name, JarProcess process) {
        this.name = name;
        this.process = process;
    }

    /** Starts the jar with {@code env} and waits for its first 200 from /healthz. */
    static ServerWay start(String name, String jarProperty, Map<String, String> env, String... args) throws Exception {
        JarProcess process = JarProcess.start(Deployments.jar(jarProperty), env, name, args);
        try {
            process.awaitFirst200("/healthz", Duration.ofSeconds(60));
        } catch (Exception e) {
            process.close();
            throw e;
        }
        return new ServerWay(name, process);
    }

    @Override
    public String name() {
        return name;
    }

    public JarProcess process() {
        return process;
    }

    @Override
    public Answer send(String method, String path, Map<String, String> headers, byte[] body) {
        var request = HttpRequest.newBuilder(process.uri(path)).timeout(Duration.ofSeconds(30))
                .method(method, body.length == 0 && method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            var response = HTTP.send(request.build(), BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, String.valueOf(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }

    @Override
    public String logs() {
        return process.log();
    }

    /** Resident memory of the process now, from the kernel. */
    long residentBytes() {
        return Memory.residentBytes(process.pid());
    }

    @Override
    public void close() {
        process.close();
    }
}
