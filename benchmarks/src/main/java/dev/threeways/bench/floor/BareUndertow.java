package dev.threeways.bench.floor;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The server floor and ceiling: Undertow with one handler that answers every request with the bytes
 * the app's {@code GET /hello?name=bench} answers, on the IO thread. Nothing an app on Undertow does
 * can start sooner or serve more on the same machine; the ways are measured against it.
 */
public final class BareUndertow {
    static final byte[] BODY = "{\"message\":\"hello, bench\"}".getBytes(StandardCharsets.UTF_8);

    private BareUndertow() {}

    /** The bytes every floor answers with, so the floors and the app send the same response. */
    public static byte[] body() {
        return BODY.clone();
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        ByteBuffer body = ByteBuffer.allocateDirect(BODY.length).put(BODY).flip();
        Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(exchange -> {
                    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                    exchange.getResponseSender().send(body.duplicate());
                })
                .build()
                .start();
    }
}
