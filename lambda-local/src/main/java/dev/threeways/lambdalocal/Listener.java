package dev.threeways.lambdalocal;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK's HTTP server on virtual threads, listening for one of a function's fronts (the Invoke API, an HTTP API). */
final class Listener implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService exchanges = Executors.newVirtualThreadPerTaskExecutor();

    private Listener(HttpServer server) {
        this.server = server;
        server.setExecutor(exchanges);
    }

    /** Listens on {@code address} (port 0 for any free port), every path to {@code handler}. */
    static Listener start(InetSocketAddress address, HttpHandler handler, LambdaLocal function) {
        try {
            var listener = new Listener(HttpServer.create(address, 0));
            listener.server.createContext("/", handler);
            listener.server.start();
            return listener;
        } catch (IOException e) {
            throw new UncheckedIOException("could not listen on " + address + " for function "
                    + function.config().functionName(), e);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code path} on this listener, as a URL a client can use. */
    URI uri(String path) {
        String host = server.getAddress().getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + path);
    }

    /** Where work that outlives an exchange runs (an asynchronous invoke, an invoke API Gateway stopped waiting for). */
    ExecutorService exchanges() {
        return exchanges;
    }

    @Override
    public void close() {
        server.stop(0);
        exchanges.shutdownNow();
    }
}
