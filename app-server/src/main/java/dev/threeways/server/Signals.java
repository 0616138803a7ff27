package dev.threeways.server;

import dev.threeways.core.log.JsonLog;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import sun.misc.Signal;

/**
 * SIGTERM (what ECS, App Runner and Express Mode send) and SIGINT run a shutdown and exit with the
 * code it returns. A JVM shutdown hook would exit 143 whatever happened; handling the signal lets
 * the exit code tell a clean drain from a forced one.
 */
public final class Signals {
    private static final JsonLog LOG = JsonLog.of(Signals.class);

    private Signals() {}

    public static void exitOnTermination(IntSupplier shutdown) {
        var started = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            // the signal thread is a daemon, and so would be a thread it starts: the JVM would then end as
            // soon as the server's threads stop, before the rest of the shutdown and the exit code
            Signal.handle(new Signal(name), signal -> {
                if (!started.compareAndSet(false, true)) {
                    // a second signal (TERM then INT, or a repeated TERM) must not run the drain again
                    LOG.info("signal received while shutting down: ignored", Map.of("signal", "SIG" + name));
                    return;
                }
                Thread.ofPlatform().name("shutdown").daemon(false).start(() -> run(shutdown, name));
            });
        }
    }

    private static void run(IntSupplier shutdown, String name) {
        LOG.info("signal received", Map.of("signal", "SIG" + name));
        int code;
        try {
            code = shutdown.getAsInt();
        } catch (RuntimeException e) {
            LOG.error("shutdown failed", e, Map.of());
            code = 1;
        }
        System.exit(code);
    }
}
