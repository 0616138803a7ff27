package dev.threeways.lambdalocal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Reading a request and writing an answer with the JDK's HTTP server, for both fronts of this module. */
final class Exchanges {
    /** The most of a refused body read (and dropped) before the answer. */
    private static final long DRAIN_BYTES = 64L * 1024 * 1024;

    private Exchanges() {}

    /** The body, or null when it is longer than {@code limit}. */
    static byte[] readAtMost(HttpExchange exchange, int limit) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                // read and dropped, so a client still sending hears the refusal instead of a reset connection
                in.skip(DRAIN_BYTES);
                return null;
            }
            return body;
        }
    }

    static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        // com.sun.net.httpserver reads a length of 0 as "chunked" and -1 as "no body"
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
