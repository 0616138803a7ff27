package dev.threeways.server;

import dev.threeways.core.App;
import dev.threeways.core.log.JsonLog;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import org.xnio.Options;

/**
 * The app on Undertow, as both container runtimes run it: what needs only the CPU answered on the I/O
 * threads, what blocks on a bounded set of workers with overload shed as 503 ({@link WorkLimit}), the body
 * limit enforced while reading, stalled clients cut off, idle connections kept longer than a load balancer
 * keeps them, and a drain that lets in-flight requests finish while new ones are turned away.
 */
public final class ResidentServer {
    private static final JsonLog LOG = JsonLog.of(ResidentServer.class);

    private final Undertow undertow;
    private final DrainHandler drainHandler;
    private final WorkLimit limit;
    private final App app;
    private final Duration drainTime;
    private final int port;
    private final AtomicBoolean stopped = new AtomicBoolean();

    private ResidentServer(Undertow undertow, DrainHandler drainHandler, WorkLimit limit, App app, Duration drainTime) {
        this.undertow = undertow;
        this.drainHandler = drainHandler;
        this.limit = limit;
        this.app = app;
        this.drainTime = drainTime;
        this.port = ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
    }

    public static ResidentServer start(ServerConfig config, App app) {
        return start(config, app, Map.of());
    }

    /**
     * Starts the server; {@code extraPaths} are served by their own Undertow handlers (a WebSocket
     * endpoint) on the I/O thread, behind the same drain: counted while in flight, refused once draining.
     */
    public static ResidentServer start(ServerConfig config, App app, Map<String, HttpHandler> extraPaths) {
        var limit = new WorkLimit(config.effectiveWorkerThreads(), config.workerNice(), config.effectiveMaxWaiting(),
                config.maxWait());
        HttpHandler blocking = new UndertowBridge(app.handler(), app.config().maxBodyBytes(), config.readTimeout(),
                config.limits().requestDeadline(), config.idleTimeout());
        HttpHandler handler = new AppHandler(app, blocking, limit);
        if (!extraPaths.isEmpty()) {
            var paths = new PathHandler(handler);
            extraPaths.forEach(paths::addExactPath);
            handler = paths;
        }
        var drainHandler = new DrainHandler(handler);
        int readTimeoutMs = (int) config.readTimeout().toMillis();
        int idleTimeoutMs = (int) config.idleTimeout().toMillis();
        Undertow undertow = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                .setIoThreads(config.effectiveIoThreads())
                // the workers are the WorkLimit's; Undertow's own pool is left with nothing to run
                .setWorkerThreads(1)
                .setHandler(drainHandler)
                // headers that stall or trickle: Undertow counts this from their first byte to their end
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT,
                        (int) Math.min(readTimeoutMs, config.limits().requestDeadline().toMillis()))
                // an idle keep-alive connection, and any read that waits this long (a WebSocket sets its own)
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, idleTimeoutMs)
                .setSocketOption(Options.READ_TIMEOUT, idleTimeoutMs)
                // the end of the headers, from which the bridge gives the body the request deadline
                .setServerOption(UndertowOptions.RECORD_REQUEST_START_TIME, true)
                .setServerOption(UndertowOptions.MAX_HEADER_SIZE, config.limits().maxHeaderBytes())
                .setServerOption(UndertowOptions.MAX_HEADERS, config.limits().maxHeaders())
                .setServerOption(UndertowOptions.MAX_PARAMETERS, config.limits().maxParameters())
                // at the limit the listener stops accepting (new clients wait in the kernel's backlog) and
                // accepts again as soon as one closes: a low water mark below it would keep them waiting longer
                .setSocketOption(Options.CONNECTION_HIGH_WATER, config.limits().maxConnections())
                .setSocketOption(Options.CONNECTION_LOW_WATER, config.limits().maxConnections())
                .build();
        undertow.start();
        var server = new ResidentServer(undertow, drainHandler, limit, app, config.drainTime());
        LOG.info("server started", Map.of("port", server.port(), "drainSeconds", config.drainTime().toSeconds(),
                "workers", limit.workers(), "maxWaiting", config.effectiveMaxWaiting(), "maxWaitMs", config.maxWait().toMillis(),
                "idleTimeoutMs", idleTimeoutMs));
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
        limit.close();
        JsonLog.flush();
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

    /** Requests to the routes that block on a worker or waiting for one, now. */
    public int admitted() {
        return limit.admitted();
    }

    /** Requests answered 503 because the server was at its limit, since it started. */
    public long shedCount() {
        return limit.shedCount();
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
