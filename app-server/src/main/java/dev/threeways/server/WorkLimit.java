package dev.threeways.server;

import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Problem;
import dev.threeways.core.log.JsonLog;
import io.undertow.server.Connectors;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.xnio.XnioExecutor;

/**
 * The bound on requests that block (webhooks, payment reads): a fixed set of worker threads runs them,
 * a bounded number more wait for one, each no longer than its wait limit, and every request beyond is
 * answered at once, from the I/O thread, with 503 and {@code Retry-After}. Without it every request got
 * a thread of its own and waited its turn at the database pool however long the queue grew, so an
 * overloaded instance answered nothing in time and grew until it was killed. Shed requests are counted,
 * and said in the log once per {@link #SHED_LOG_EVERY} at most, however many there are.
 */
final class WorkLimit implements AutoCloseable {
    private static final JsonLog LOG = JsonLog.of(WorkLimit.class);
    /** How often at most the log says that requests were shed: a flood of 503s must not become a flood of lines. */
    static final Duration SHED_LOG_EVERY = Duration.ofSeconds(10);
    /** What a shed request is told to wait before it tries again (a retry on another instance needs none). */
    static final String RETRY_AFTER_SECONDS = "1";

    /** Built once: shedding must cost less than serving, or an overloaded instance spends itself on its 503s. */
    private static final HttpResponse OVERLOADED = Problem.of(503, "overloaded", "Overloaded",
            "This instance is at its limit of requests in progress; retry shortly.").toResponse()
            .withHeader("Retry-After", RETRY_AFTER_SECONDS);
    private static final HttpResponse OVERLOADED_CLOSE = OVERLOADED.withHeader("Connection", "close");

    /** Said once a process: every worker would say the same. */
    private static final AtomicBoolean NICE_REFUSED = new AtomicBoolean();

    private final int workers;
    private final int maxAdmitted;
    private final long maxWaitNanos;
    private final ThreadPoolExecutor pool;
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicLong shed = new AtomicLong();
    private final AtomicLong shedSinceLogged = new AtomicLong();
    private final AtomicLong lastLoggedNanos = new AtomicLong(System.nanoTime() - SHED_LOG_EVERY.toNanos());

    /**
     * @param nice the workers' nice value (0: as the I/O threads), so that where the CPU is short the I/O threads
     *             that accept, shed and answer the probes come first; see {@code SERVER_WORKER_NICE}
     */
    WorkLimit(int workers, int nice, int maxWaiting, Duration maxWait) {
        this.workers = workers;
        this.maxAdmitted = workers + maxWaiting;
        this.maxWaitNanos = maxWait.toNanos();
        var counter = new AtomicInteger();
        // platform threads that live as long as the server: Undertow keeps a buffer cache per thread, which a
        // thread per request would allocate afresh for each and leave to the garbage collector
        this.pool = new ThreadPoolExecutor(workers, workers, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().name("blocking-" + counter.incrementAndGet()).daemon().unstarted(() -> {
                    if (nice > 0 && !ThreadNice.setForCurrentThread(nice) && NICE_REFUSED.compareAndSet(false, true)) {
                        LOG.warn("workers left at the I/O threads' priority", Map.of("nice", nice, "reason",
                                ThreadNice.available() ? "setpriority refused" : "not Linux, or native access denied"));
                    }
                    r.run();
                }));
    }

    /**
     * Runs {@code handler} on a worker when one is free within the wait limit; else, or when too many wait
     * already, answers 503. On the I/O thread.
     */
    void dispatch(HttpServerExchange exchange, HttpHandler handler) {
        if (admitted.incrementAndGet() > maxAdmitted) {
            admitted.decrementAndGet();
            shed(exchange, "too many requests waiting");
            return;
        }
        exchange.addExchangeCompleteListener((ex, next) -> {
            admitted.decrementAndGet();
            next.proceed();
        });
        // the ticket runs the handler itself, so that however the wait ends, the exchange does: Undertow's own
        // dispatch task returns without ending it when the connection has closed meanwhile
        exchange.dispatch(undertowsTask -> new Ticket(exchange, handler).enqueue(), handler);
    }

    /** Requests answered 503 because the limit was reached, since the start. */
    long shedCount() {
        return shed.get();
    }

    /** Requests on a worker or waiting for one, now. */
    int admitted() {
        return admitted.get();
    }

    int workers() {
        return workers;
    }

    private void shed(HttpServerExchange exchange, String why) {
        shed.incrementAndGet();
        long unlogged = shedSinceLogged.incrementAndGet();
        long last = lastLoggedNanos.get();
        long now = System.nanoTime();
        if (now - last >= SHED_LOG_EVERY.toNanos() && lastLoggedNanos.compareAndSet(last, now)) {
            shedSinceLogged.addAndGet(-unlogged);
            LOG.warn("requests shed: the instance is at its limit", Map.of("shed", unlogged, "shedTotal", shed.get(),
                    "reason", why, "workers", workers, "maxWaiting", maxAdmitted - workers,
                    "maxWaitMs", TimeUnit.NANOSECONDS.toMillis(maxWaitNanos)));
        }
        if (Exchanges.hasBody(exchange)) {
            // its body is unread: the connection is closed after the answer instead of reading the body to discard it
            exchange.setPersistent(false);
            Exchanges.send(exchange, OVERLOADED_CLOSE);
        } else {
            Exchanges.send(exchange, OVERLOADED);
        }
    }

    /** One dispatched request: run by a worker, or shed by its timer if none took it in time; never both. */
    private final class Ticket implements Runnable {
        private static final int WAITING = 0;
        private static final int RUNNING = 1;
        private static final int EXPIRED = 2;

        private final HttpServerExchange exchange;
        private final HttpHandler handler;
        private final AtomicInteger state = new AtomicInteger(WAITING);
        private volatile XnioExecutor.Key timer;

        Ticket(HttpServerExchange exchange, HttpHandler handler) {
            this.exchange = exchange;
            this.handler = handler;
        }

        void enqueue() {
            timer = exchange.getIoThread().executeAfter(this::expire, maxWaitNanos, TimeUnit.NANOSECONDS);
            pool.execute(this);
        }

        @Override
        public void run() {
            if (!state.compareAndSet(WAITING, RUNNING)) {
                return;
            }
            XnioExecutor.Key key = timer;
            if (key != null) {
                key.remove();
            }
            Connectors.executeRootHandler(handler, exchange);
        }

        /** On the I/O thread, when the wait limit passed. */
        private void expire() {
            if (state.compareAndSet(WAITING, EXPIRED)) {
                pool.remove(this);
                Connectors.executeRootHandler(ex -> shed(ex, "waited past the limit"), exchange);
            }
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
