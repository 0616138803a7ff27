package dev.threeways.server;

import dev.threeways.core.App;
import dev.threeways.core.log.JsonLog;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import org.xnio.Options;

/**
 * The app on Undertow, as both container runtimes run it: handlers off the I/O threads, the body
 * limit enforced while reading, stalled clients cut off, and a drain that lets in-flight requests
 * finish while new ones are turned away.
 */
public final class ResidentServer {
    private static final JsonLog LOG = JsonLog.of(ResidentServer.class);

    private final Undertow undertow;
    private final DrainHandler drainHandler;
    private final ExecutorService virtualThreads;
    private final App app;
    private final Duration drainTime;
    private final int port;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ResidentServer(Undertow undertow, DrainHandler drainHandler, ExecutorService virtualThreads, App app,
                           Duration drainTime) {
        this.undertow = undertow;
        this.drainHandler = drainHandler;
        this.virtualThreads = virtualThreads;
        this.app = app;
        this.drainTime = drainTime;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    public static ResidentServer start(ServerConfig config, App app) {
        return start(config, app, Map.of());
    }

    /**
     * Starts the server; {@code extraPaths} are served by their own Undertow handlers (a WebSocket
     * endpoint) behind the same drain: counted while in flight, refused once draining.
     */
    public static ResidentServer start(ServerConfig config, App app, Map<String, HttpHandler> extraPaths) {
        ExecutorService virtualThreads = config.workerThreads() == 0 ? Executors.newVirtualThreadPerTaskExecutor() : null;
        HttpHandler handler = new UndertowBridge(app.handler(), app.config().maxBodyBytes(), config.limits().requestDeadline());
        if (!extraPaths.isEmpty()) {
            var paths = new PathHandler(handler);
            extraPaths.forEach(paths::addExactPath);
            handler = paths;
        }
        var drainHandler = new DrainHandler(handler, virtualThreads);
        int readTimeoutMs = (int) config.readTimeout().toMillis();
        Undertow.Builder builder = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                .setIoThreads(config.effectiveIoThreads())
                .setHandler(drainHandler)
                // headers that stall or trickle: Undertow counts this from their first byte to their end
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT,
                        (int) Math.min(readTimeoutMs, config.limits().requestDeadline().toMillis()))
                // an idle keep-alive connection
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                // a client that stops sending its body
                .setSocketOption(Options.READ_TIMEOUT, readTimeoutMs)
                // the end of the headers, from which the bridge gives the body the request deadline
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, config.limits().maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_HEADERS, config.limits().maxHeaders())
                .setServerOption(UndertowOptions.MAX_PARAMETERS, config.limits().maxParameters())
                // at the limit the listener stops accepting (new clients wait in the kernel's backlog) and
                // accepts again as soon as one closes: a low water mark below it would keep them waiting longer
                .setSocketOption(Options.CONNECTION_HIGH_WATER, config.limits().maxConnections())
                .setSocketOption(Options.CONNECTION_LOW_WATER, config.limits().maxConnections());
        if (config.workerThreads() > 0) {
            builder.setWorkerThreads(config.workerThreads());
        }
        Undertow undertow = builder.build();
        undertow.start();
        var server = new ResidentServer(undertow, drainHandler, virtualThreads, app, config.drainTime());
        LOG.info("server started", Map.of("port", server.port(), "drainSeconds", config.drainTime().toSeconds(),
                "handlers", virtualThreads != null ? "virtual threads" : config.workerThreads() + " worker threads"));
        return server;
    }

    /** The port listened on (the one the OS chose when configured with 0). */
    public int port() {
        return port;
    }

    /** Turns unready and answers every new request 503: the first step of every drain. */
    public void refuseNewWork() {
        drainHandler.startDraining();
        app.readiness().startDraining();
    }

    /** Waits until no request is in flight, up to {@code timeout}; true when none is left. */
    public boolean awaitRequests(Duration timeout) throws InterruptedException {
        boolean idle = drainHandler.awaitIdle(timeout);
        if (!idle) {
            LOG.warn("requests still in flight at the deadline", Map.of("inFlight", drainHandler.inFlight()));
        }
        return idle;
    }

    /** Closes the listener and every connection; later calls do nothing. */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        undertow.stop();
        if (virtualThreads != null) {
            virtualThreads.shutdownNow();
        }
    }

    /** The whole HTTP drain: refuse new work, let requests in flight finish within {@code timeout}, close. */
    public boolean drain(Duration timeout) throws InterruptedException {
        refuseNewWork();
        try {
            return awaitRequests(timeout);
        } finally {
            stop();
        }
    }

    /** {@link #drain(Duration)} with the configured drain time. */
    public boolean drain() {
        try {
            return drain(drainTime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public Duration drainTime() {
        return drainTime;
    }

    public int inFlight() {
        return drainHandler.inFlight();
    }

    public boolean isDraining() {
        return drainHandler.isDraining();
    }

    /** The shutdown of a server alone: drain HTTP, then {@code release} (the pool, the queue client); 0 only if all was clean. */
    public Started started(Runnable release) {
        var sequence = new ShutdownSequence()
                .then("http", this::drain)
                .then("release", remaining -> {
                    release.run();
                    return true;
                });
        return new Started(port, () -> sequence.run(drainTime).exitCode());
    }
}
