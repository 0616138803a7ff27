package dev.threeways.bench.floor;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The server floor and ceiling: Undertow with one handler that answers every request with the bytes
 * the app's {@code GET /hello?name=bench} answers, on the IO thread. Nothing an app on Undertow does
 * can start sooner or serve more on the same machine; the ways are measured against it.
 *
 * <p>With {@code DISPATCH=virtual} it answers the same bytes the way the app's server does: the request
 * dispatched from the IO thread to a new virtual thread, the response written through blocking I/O. That
 * is not a ceiling but a measured step between the bare handler and the app: what the dispatch model alone
 * costs, before any of the app's work.
 */
public final class BareUndertow {
    /** The value of {@code DISPATCH} that answers on a virtual thread with blocking I/O. */
    public static final String VIRTUAL = "virtual";
    static final byte[] BODY = "{\"message\":\"hello, bench\"}".getBytes(StandardCharsets.UTF_8);

    private BareUndertow() {}

    /** The bytes every floor answers with, so the floors and the app send the same response. */
    public static byte[] body() {
        return BODY.clone();
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        ByteBuffer body = ByteBuffer.allocateDirect(BODY.length).put(BODY).flip();
        HttpHandler onIoThread = exchange -> {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.getResponseSender().send(body.duplicate());
        };
        ExecutorService virtualThreads = Executors.newVirtualThreadPerTaskExecutor();
        // as the app's server answers (UndertowBridge, Exchanges.send): blocking mode, the body read (an empty one
        // too: left unread, Undertow's end of the exchange made this step five times slower), the length, one send
        HttpHandler blocking = exchange -> {
            exchange.startBlocking();
            exchange.getInputStream().readAllBytes();
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            exchange.setResponseContentLength(BODY.length);
            exchange.getResponseSender().send(ByteBuffer.wrap(BODY));
        };
        HttpHandler onVirtualThread = exchange -> exchange.dispatch(virtualThreads, blocking);
        Undertow.builder()
                .addHttpListener(port, "127.0.0.1")
                .setHandler(VIRTUAL.equals(System.getenv("DISPATCH")) ? onVirtualThread : onIoThread)
                .build()
                .start();
    }
}
