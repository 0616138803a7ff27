package dev.threeways.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP proxy that a test can cut and restore, to take a real dependency (PostgreSQL) away
 * from the app and give it back, without touching the server other tests share.
 */
public final class TcpProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<ByteArrayOutputStream> fromClients = new CopyOnWriteArrayList<>();
    private final boolean recording;
    private volatile boolean cut;
    private volatile boolean blackholed;
    private volatile boolean closed;

    private TcpProxy(ServerSocket listener, String targetHost, int targetPort, boolean recording) {
        this.listener = listener;
        this.recording = recording;
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    public static TcpProxy to(String host, int port) throws IOException {
        return start(host, port, false);
    }

    /** A proxy that also keeps every byte the clients sent, one stream per connection: to see what goes on the wire. */
    public static TcpProxy recording(String host, int port) throws IOException {
        return start(host, port, true);
    }

    private static TcpProxy start(String host, int port, boolean recording) throws IOException {
        var proxy = new TcpProxy(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), host, port, recording);
        Thread.ofPlatform().daemon(true).name("tcp-proxy-accept").start(proxy::accept);
        return proxy;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** Drops every open connection and refuses new ones (they are closed as soon as accepted). */
    public void cut() {
        cut = true;
        open.forEach(TcpProxy::closeQuietly);
        open.clear();
    }

    /**
     * From now on nothing gets through and nothing is refused, as when a route drops packets: new
     * connections are accepted and never answered, open ones stall. Only timeouts notice.
     */
    public void blackhole() {
        blackholed = true;
    }

    /** Lets traffic through again; connections that stalled in a blackhole are closed, as their peer would have given up. */
    public void restore() {
        if (blackholed) {
            blackholed = false;
            open.forEach(TcpProxy::closeQuietly);
            open.clear();
        }
        cut = false;
    }

    /** Connections currently proxied. */
    public int openConnections() {
        return open.size() / 2;
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    closeQuietly(client);
                    continue;
                }
                if (blackholed) {
                    open.add(client);
                    Thread.ofVirtual().start(() -> swallow(client));
                    continue;
                }
                Socket server = new Socket(targetHost, targetPort);
                open.add(client);
                open.add(server);
                OutputStream toServer = server.getOutputStream();
                if (recording) {
                    var copy = new ByteArrayOutputStream();
                    fromClients.add(copy);
                    toServer = tee(toServer, copy);
                }
                OutputStream upstream = toServer;
                OutputStream downstream = client.getOutputStream();
                Thread.ofVirtual().start(() -> pump(client, upstream, client, server));
                Thread.ofVirtual().start(() -> pump(server, downstream, client, server));
            } catch (IOException e) {
                if (closed) {
                    return;
                }
            }
        }
    }

    /** What the clients sent so far, one array per connection, in the order they connected. */
    public List<byte[]> sentByClients() {
        if (!recording) {
            throw new IllegalStateException("not a recording proxy");
        }
        return fromClients.stream().map(b -> {
            synchronized (b) {
                return b.toByteArray();
            }
        }).toList();
    }

    private void swallow(Socket client) {
        try (InputStream in = client.getInputStream()) {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // closed by restore() or by the client
        } finally {
            closeQuietly(client);
            open.remove(client);
        }
    }

    private void pump(Socket from, OutputStream to, Socket client, Socket server) {
        try (InputStream in = from.getInputStream(); to) {
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (!blackholed) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            }
        } catch (IOException e) {
            // one side went away; close both below
        } finally {
            closeQuietly(client);
            closeQuietly(server);
            open.remove(client);
            open.remove(server);
        }
    }

    private static OutputStream tee(OutputStream out, ByteArrayOutputStream copy) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (copy) {
                    copy.write(b, off, len);
                }
                out.write(b, off, len);
            }

            @Override
            public void flush() throws IOException {
                out.flush();
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        cut();
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
