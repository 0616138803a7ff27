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
import org.xnio.Options;
import sun.misc.Signal;

/**
 * The app on Undertow, as both container runtimes run it: handlers off the I/O threads, the body
 * limit enforced while reading, stalled clients cut off, and a drain that lets in-flight requests
 * finish while new ones are turned away.
 */
public final class ResidentServer {
    private static final JsonLog LOG = JsonLog.of(ResidentServer.class);

    /** How a drain ended: clean when nothing was still in flight at the deadline. */
    public record DrainResult(boolean clean, int abandoned, Duration took) {}

    private final Undertow undertow;
    private final DrainHandler drainHandler;
    private final ExecutorService virtualThreads;
    private final App app;
    private final Duration drainTime;
    private final int port;
    private DrainResult drained;

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
        ExecutorService virtualThreads = config.workerThreads() == 0 ? Executors.newVirtualThreadPerTaskExecutor() : null;
        var bridge = new UndertowBridge(app.handler(), app.config().maxBodyBytes());
        var drainHandler = new DrainHandler(bridge, virtualThreads);
        int readTimeoutMs = (int) config.readTimeout().toMillis();
        Undertow.Builder builder = Undertow.builder()
                .addHttpListener(config.port(), config.host())
                .setIoThreads(config.effectiveIoThreads())
                .setHandler(drainHandler)
                // a client that sends part of its headers and stops
                .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, readTimeoutMs)
                // an idle keep-alive connection
                .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
                // a client that stops sending its body
                .setSocketOption(Options.READ_TIMEOUT, readTimeoutMs);
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

    /**
     * Turns unready, refuses new requests, waits up to the drain time for the ones in flight, then
     * closes every connection. Calling it again returns the first result.
     */
    public synchronized DrainResult drain() {
        if (drained != null) {
            return drained;
        }
        long start = System.nanoTime();
        LOG.info("drain started", Map.of("inFlight", drainHandler.inFlight(), "drainSeconds", drainTime.toSeconds()));
        drainHandler.startDraining();
        app.readiness().startDraining();
        boolean idle;
        try {
            idle = drainHandler.awaitIdle(drainTime);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            idle = false;
        }
        int abandoned = drainHandler.inFlight();
        undertow.stop();
        if (virtualThreads != null) {
            virtualThreads.shutdownNow();
        }
        drained = new DrainResult(idle, abandoned, Duration.ofNanos(System.nanoTime() - start));
        LOG.info("drain finished", Map.of("clean", drained.clean(), "abandoned", abandoned,
                "tookMs", drained.took().toMillis()));
        return drained;
    }

    public boolean isDraining() {
        return drainHandler.isDraining();
    }

    /**
     * On SIGTERM (what ECS, App Runner and Express Mode send) or SIGINT: drain, run {@code release}
     * (close the pool and the queue client), and exit 0 after a clean drain, 1 otherwise. A JVM
     * shutdown hook would exit 143 whatever happened; handling the signal lets the exit code tell.
     */
    public void exitOnSignal(Runnable release) {
        for (String name : new String[] {"TERM", "INT"}) {
            // the signal thread is a daemon, and so would be a thread it starts: then the JVM would end as
            // soon as Undertow's threads stop, before the release and the exit code below
            Signal.handle(new Signal(name), signal -> Thread.ofPlatform().name("drain").daemon(false).start(() -> {
                LOG.info("signal received", Map.of("signal", "SIG" + name));
                DrainResult result = drain();
                try {
                    release.run();
                } catch (RuntimeException e) {
                    LOG.error("release failed", e, Map.of());
                }
                System.exit(result.clean() ? 0 : 1);
            }));
        }
    }
}
