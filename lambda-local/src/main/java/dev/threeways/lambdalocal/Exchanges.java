package dev.threeways.lambdalocal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;

/** Writing an answer with the JDK's HTTP server, for both servers of this module. */
final class Exchanges {
    private Exchanges() {}

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
