package dev.threeways.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.http.Json;
import dev.threeways.core.ledger.DataSourceSupport;
import dev.threeways.core.testing.CapturedLog;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.Waits;
import dev.threeways.server.testing.RawHttp;
import dev.threeways.server.testing.TestServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The bound on requests that block, at and past its edges: payment reads held at a database whose
 * connections wait behind a gate fill the workers and the waiting line; one more is shed at once with
 * 503, a problem and Retry-After, on a connection that stays open; one that waits past its limit is shed
 * then; and meanwhile the routes that need only the CPU and the probes answer at once.
 */
class WorkLimitTest {
    private static final String READ = "GET /payments/pi_gated HTTP/1.1\r\nHost: x\r\nAuthorization: "
            + Reads.AUTHORIZATION + "\r\n\r\n";
    private final Gate gate = new Gate(H2Database.fresh());
    private final List<RawHttp> clients = new ArrayList<>();
    private TestServer running;

    private void start(Map<String, String> serverEnv) {
        running = TestServer.start(Map.of(), serverEnv, gate);
    }

    @AfterEach
    void stop() throws Exception {
        gate.open();
        for (RawHttp c : clients) {
            c.close();
        }
        if (running != null) {
            running.server().drain();
        }
    }

    private RawHttp client() throws Exception {
        RawHttp c = RawHttp.connect(running.port(), Duration.ofSeconds(10));
        clients.add(c);
        return c;
    }

    /** With one worker and one place in line: a read held at the gate on the worker, and one waiting for it. */
    private void holdTheWorkerAndTheLine() throws Exception {
        start(Map.of("SERVER_WORKER_THREADS", "1", "SERVER_MAX_WAITING", "1", "SERVER_MAX_WAIT_MS", "60000"));
        client().send(READ);
        client().send(READ);
        Waits.until("the worker at the gate and one waiting", Duration.ofSeconds(5),
                () -> gate.waiting() == 1 && running.server().admitted() == 2);
    }

    @Test
    void atTheLimitRequestsWaitAndOnePastItIsShedAtOnceOnAConnectionThatStaysOpen() throws Exception {
        start(Map.of("SERVER_WORKER_THREADS", "2", "SERVER_MAX_WAITING", "2", "SERVER_MAX_WAIT_MS", "60000"));
        var held = new ArrayList<RawHttp>();
        for (int i = 0; i < 4; i++) {
            held.add(client().send(READ));
        }
        Waits.until("both workers at the gate", Duration.ofSeconds(5), () -> gate.waiting() == 2);
        Waits.until("two more waiting for a worker", Duration.ofSeconds(5), () -> running.server().admitted() == 4);
        // the two more wait for a worker; the fifth finds workers and line full
        RawHttp fifth = client();
        long sent = System.nanoTime();
        RawHttp.Response shed = fifth.send(READ).read();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertEquals(503, shed.status(), shed.body());
        assertTrue(tookMs < 1000, "shed at once, not after a wait: " + tookMs + " ms");
        assertEquals("1", shed.header("Retry-After"));
        assertEquals("application/problem+json", shed.header("Content-Type"));
        assertEquals("urn:three-ways:problem:overloaded", Json.MAPPER.readTree(shed.body()).get("type").stringValue());
        assertEquals(1, running.server().shedCount());
        // the shed connection serves on, and what needs only the CPU is answered while every worker is held
        fifth.send("GET /hello?name=busy HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, fifth.read().status());
        fifth.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
        assertEquals(200, fifth.read().status());
        gate.open();
        for (RawHttp c : held) {
            assertEquals(404, c.read().status(), "admitted requests are served once the database answers");
        }
        assertEquals(1, running.server().shedCount(), "nothing else was shed");
    }

    @Test
    void aShedRequestWithABodyIsAnsweredAndItsConnectionClosedInsteadOfItsBodyReadAndDiscarded() throws Exception {
        holdTheWorkerAndTheLine();
        RawHttp upload = client();
        // the head and a little of a large body: the rest never comes
        upload.startPost("/echo", "application/json", 60_000).send("{\"pad\":\"");
        RawHttp.Response shed = upload.read();
        assertEquals(503, shed.status());
        assertEquals("close", shed.header("Connection"));
        upload.timeout(Duration.ofSeconds(5));
        assertTrue(upload.closedByServer(), "the connection is closed, not held open to drain the rest of the body");
        Waits.until("its place given back", Duration.ofSeconds(5), () -> running.server().admitted() == 2);
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefusedWithoutAWorkerOrAPlaceInLine() throws Exception {
        holdTheWorkerAndTheLine();
        RawHttp upload = client().startPost("/echo", "application/json", 10_000_000);
        assertEquals(413, upload.read().status(), "too large, whatever the load");
        assertEquals(0, running.server().shedCount());
    }

    @Test
    void aRequestThatWaitsPastTheWaitLimitIsShedThenWhileTheWorkerIsStillBusy() throws Exception {
        start(Map.of("SERVER_WORKER_THREADS", "1", "SERVER_MAX_WAITING", "4", "SERVER_MAX_WAIT_MS", "300"));
        RawHttp first = client().send(READ);
        Waits.until("the worker at the gate", Duration.ofSeconds(5), () -> gate.waiting() == 1);
        RawHttp second = client();
        long sent = System.nanoTime();
        RawHttp.Response shed = second.send(READ).read();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertEquals(503, shed.status());
        assertTrue(tookMs >= 290 && tookMs < 2000, "shed at its wait limit: " + tookMs + " ms");
        assertEquals(1, gate.waiting(), "the worker is still held");
        gate.open();
        assertEquals(404, first.read().status());
        // a request after the shed one is served on the same worker
        assertEquals(404, second.send(READ).read().status());
    }

    @Test
    void aFloodOfShedRequestsIsCountedAndSaidInOneLine() throws Exception {
        holdTheWorkerAndTheLine();
        try (CapturedLog log = CapturedLog.start()) {
            RawHttp flood = client();
            for (int i = 0; i < 200; i++) {
                assertEquals(503, flood.send(READ).read().status());
            }
            assertEquals(200, running.server().shedCount());
            var lines = log.withMessage("requests shed: the instance is at its limit");
            assertEquals(1, lines.size(), "one line for 200 shed requests within " + WorkLimit.SHED_LOG_EVERY + ": " + lines);
            assertEquals("WARN", lines.getFirst().get("level").stringValue());
            assertTrue(log.withMessage("request").size() <= 1, "no access line per shed request");
        }
    }

    @Test
    void probesAnswerWhileEveryWorkerIsHeld() throws Exception {
        holdTheWorkerAndTheLine();
        RawHttp probe = client();
        for (int i = 0; i < 20; i++) {
            long sent = System.nanoTime();
            assertEquals(200, probe.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n").read().status());
            assertTrue(System.nanoTime() - sent < TimeUnit.SECONDS.toNanos(1));
        }
        // readiness asks the database, which is what is held: it answers "not ready" within its timeout, from
        // the I/O thread, without a worker
        long sent = System.nanoTime();
        RawHttp.Response ready = probe.send("GET /readyz HTTP/1.1\r\nHost: x\r\n\r\n").read();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        assertEquals(503, ready.status(), ready.body());
        assertTrue(tookMs < 3000, "within the readiness timeout: " + tookMs + " ms");
        assertEquals(0, running.server().shedCount(), "a probe is never shed");
    }

    /** A data source whose connections are handed out only once the gate opens; it counts who waits. */
    @Test
    void workersRunAtTheNiceValueSetBelowTheIoThreadsPriority() throws Exception {
        assertTrue(ThreadNice.available(), "setpriority is found on Linux (this test needs Linux): " + System.getProperty("os.name"));
        start(Map.of("SERVER_WORKER_NICE", "10"));
        gate.open();
        assertEquals(404, client().send(READ).read().status());
        assertEquals(List.of(10), gate.callersNice(), "the worker that read the payment runs at SERVER_WORKER_NICE");
        assertEquals(0, ThreadNice.ofCurrentThread().orElseThrow(), "the test's own thread (and the I/O threads) left at 0");
    }

    @Test
    void byDefaultWorkersRunAtTheIoThreadsPriority() throws Exception {
        start(Map.of());
        gate.open();
        assertEquals(404, client().send(READ).read().status());
        assertEquals(List.of(0), gate.callersNice());
    }

    private static final class Gate extends DataSourceSupport {
        private final DataSource database;
        private final CountDownLatch open = new CountDownLatch(1);
        private final AtomicInteger waiting = new AtomicInteger();
        private final List<Integer> callersNice = new java.util.concurrent.CopyOnWriteArrayList<>();

        Gate(DataSource database) {
            this.database = database;
        }

        void open() {
            open.countDown();
        }

        int waiting() {
            return waiting.get();
        }

        /** The nice value of each thread that asked for a connection (a worker), in order. */
        List<Integer> callersNice() {
            return callersNice;
        }

        @Override
        public Connection getConnection() throws SQLException {
            callersNice.add(ThreadNice.ofCurrentThread().orElse(-1));
            waiting.incrementAndGet();
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted at the gate");
            } finally {
                waiting.decrementAndGet();
            }
            return database.getConnection();
        }
    }
}
