package dev.threeways.parity;

import dev.threeways.server.testing.RawHttp;
import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * A way reached over plain HTTP on a port: App Runner's and Fargate's servers, and the Lambda function behind
 * the HTTP API front. The request goes out byte for byte as {@link Request#wire()} has it, on a socket of its
 * own; it is written while the answer is read, so a server that answers before the body is all sent (a 413 on
 * the declared length) is heard, as a client would hear it.
 */
final class HttpWay extends StartedWay {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final int port;

    HttpWay(Kind kind, int port, Supplier<String> logs, AutoCloseable stop) {
        super(kind, logs, stop);
        this.port = port;
    }

    @Override
    public Answer send(Request request) {
        try (RawHttp http = RawHttp.connect(port, READ_TIMEOUT)) {
            Thread writer = Thread.startVirtualThread(() -> {
                try {
                    http.send(request.wire());
                } catch (IOException closedEarly) {
                    // the server answered and closed before the body was all sent: its answer is what counts
                }
            });
            RawHttp.Response response = http.read();
            writer.join(READ_TIMEOUT.toMillis());
            return new Answer(response.status(), response.headers(), response.body());
        } catch (IOException e) {
            return new Answer(0, java.util.Map.of(), "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, java.util.Map.of(), "interrupted");
        }
    }
}
