package dev.threeways.bench.load;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;

/**
 * One HTTP endpoint with a bounded pool of keep-alive connections: as many requests are on the wire
 * at once as there are connections, the rest wait for one — and a waiting request's latency still
 * counts from when it was due.
 */
public final class HttpTarget implements AutoCloseable {
    /** How long one exchange may take before it counts as an error; generous, so only a hang hits it. */
    public static final Duration EXCHANGE_TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int port;
    private final boolean tls;
    private final Semaphore connections;
    private final ConcurrentLinkedDeque<HttpConnection> idle = new ConcurrentLinkedDeque<>();

    public HttpTarget(String host, int port, boolean tls, int maxConnections) {
        if (maxConnections <= 0) {
            throw new IllegalArgumentException("a target needs at least one connection: " + maxConnections);
        }
        this.host = host;
        this.port = port;
        this.tls = tls;
        this.connections = new Semaphore(maxConnections);
    }

    /** The scheme, host and port of {@code base}; its path is ignored (requests carry their own). */
    public static HttpTarget of(URI base, int maxConnections) {
        boolean tls = "https".equalsIgnoreCase(base.getScheme());
        if (!tls && !"http".equalsIgnoreCase(base.getScheme())) {
            throw new IllegalArgumentException("only http and https endpoints can be measured: " + base);
        }
        int port = base.getPort() > 0 ? base.getPort() : tls ? 443 : 80;
        return new HttpTarget(base.getHost(), port, tls, maxConnections);
    }

    public static HttpTarget loopback(int port, int maxConnections) {
        return new HttpTarget("127.0.0.1", port, false, maxConnections);
    }

    /** The Host header value for requests to this target. */
    public String host() {
        return (tls && port == 443) || (!tls && port == 80) ? host : host + ":" + port;
    }

    /** A response and when its request went on the wire (after waiting for a connection). */
    public record Exchange(HttpConnection.Response response, long sentNanos) {}

    public Exchange send(byte[] request) throws IOException, InterruptedException {
        connections.acquire();
        HttpConnection connection = null;
        try {
            connection = idle.pollFirst();
            if (connection == null) {
                connection = new HttpConnection(host, port, tls, EXCHANGE_TIMEOUT);
            }
            long sent = System.nanoTime();
            HttpConnection.Response response = connection.exchange(request);
            return new Exchange(response, sent);
        } catch (IOException e) {
            if (connection != null) {
                connection.close();
                connection = null;
            }
            throw e;
        } finally {
            if (connection != null) {
                if (connection.isOpen()) {
                    idle.addFirst(connection);
                } else {
                    connection.close();
                }
            }
            connections.release();
        }
    }

    @Override
    public void close() {
        HttpConnection c;
        while ((c = idle.pollFirst()) != null) {
            c.close();
        }
    }
}
