package dev.threeways.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.threeways.bench.Budget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The generator against a real HTTP server on loopback (the JDK's), whose behaviour each test scripts. */
class LoadGeneratorTest {
    private HttpServer server;

    private interface Behaviour {
        void answer(HttpExchange exchange, int n) throws Exception;
    }

    private HttpTarget serve(Behaviour behaviour, int connections) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        var count = new AtomicInteger();
        server.createContext("/", exchange -> {
            try {
                behaviour.answer(exchange, count.incrementAndGet());
            } catch (Exception e) {
                exchange.close();
            }
        });
        server.start();
        return HttpTarget.loopback(server.getAddress().getPort(), connections);
    }

    private static void ok(HttpExchange exchange) throws IOException {
        byte[] body = "{\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Supplier<byte[]> hello(HttpTarget target) {
        byte[] request = Requests.get(target.host(), "/hello");
        return () -> request;
    }

    @Test
    void theOpenModelSendsAtTheAskedRateAndCountsStatuses() throws Exception {
        try (HttpTarget target = serve((exchange, n) -> ok(exchange), 16)) {
            LoadResult r = LoadGenerator.open(target, hello(target), 200, Duration.ofSeconds(1),
                    Budget.of(Duration.ofMinutes(1), 1_000_000));
            assertEquals(200, r.requests(), "one request every 5 ms for one second");
            assertEquals(200, r.good());
            assertEquals(200L, r.statuses().get("200"));
            assertTrue(r.corrected().getTotalCount() == 200 && r.serviceTime().getTotalCount() == 200);
            assertTrue(r.correctedMs(50) >= r.serviceMs(50) - 0.01, "latency from the due time is never shorter than from the send");
        }
    }

    @Test
    void aStallIsChargedToEveryRequestThatArrivedDuringIt() throws Exception {
        // one connection, 100 requests a second; the 50th answer takes a second: ~100 requests arrive meanwhile
        try (HttpTarget target = serve((exchange, n) -> {
            if (n == 50) {
                Thread.sleep(1000);
            }
            ok(exchange);
        }, 1)) {
            LoadResult r = LoadGenerator.open(target, hello(target), 100, Duration.ofSeconds(3),
                    Budget.of(Duration.ofMinutes(1), 1_000_000));
            assertEquals(300, r.requests());
            assertTrue(r.correctedMs(100) >= 950, "the stalled request itself waited a second: " + r.correctedMs(100));
            assertTrue(r.correctedMs(75) >= 150,
                    "about a third of the requests arrived during the stall and waited for it: corrected p75 " + r.correctedMs(75));
            assertTrue(r.serviceMs(75) < 100,
                    "from the wire, those same requests look fast — what a closed-loop tool would report: " + r.serviceMs(75));
        }
    }

    @Test
    void theClosedModelKeepsNClientsBusyAndNoMore() throws Exception {
        var concurrent = new AtomicInteger();
        var most = new AtomicInteger();
        try (HttpTarget target = serve((exchange, n) -> {
            most.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            Thread.sleep(5);
            concurrent.decrementAndGet();
            ok(exchange);
        }, 4)) {
            LoadResult r = LoadGenerator.closed(target, hello(target), 4, Duration.ofMillis(600),
                    Budget.of(Duration.ofMinutes(1), 1_000_000));
            assertEquals(4, most.get(), "four clients, never more than four requests in the server");
            assertTrue(r.requests() > 40, "four clients for 0.6 s at about 5 ms each: " + r.requests());
            assertEquals(0, r.offeredPerSecond(), "a closed model offers no rate");
        }
    }

    @Test
    void theRequestBudgetEndsTheRunAndSaysSo() throws Exception {
        try (HttpTarget target = serve((exchange, n) -> ok(exchange), 4)) {
            LoadResult r = LoadGenerator.open(target, hello(target), 1000, Duration.ofSeconds(5),
                    Budget.of(Duration.ofMinutes(1), 50));
            assertEquals(50, r.requests());
            assertTrue(r.cutByBudget());
        }
    }

    @Test
    void aConnectionTheServerDropsIsAnErrorNotAHang() throws Exception {
        try (HttpTarget target = serve((exchange, n) -> {
            if (n % 2 == 0) {
                exchange.close();
                return;
            }
            ok(exchange);
        }, 1)) {
            LoadResult r = LoadGenerator.closed(target, hello(target), 1, Duration.ofMillis(300),
                    Budget.of(Duration.ofMinutes(1), 20));
            assertEquals(20, r.requests());
            assertTrue(r.statuses().keySet().stream().anyMatch(s -> s.startsWith("error: ")), r.statuses().toString());
            assertTrue(r.good() >= 5, r.statuses().toString());
        }
    }

    @Test
    void chunkedBodiesAreReadWhole() throws Exception {
        try (HttpTarget target = serve((exchange, n) -> {
            exchange.sendResponseHeaders(201, 0); // length 0 means chunked in the JDK's server
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("first,".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("second".getBytes(StandardCharsets.UTF_8));
            }
        }, 1)) {
            for (int i = 0; i < 2; i++) { // the second proves the connection was left at a request boundary
                var exchange = target.send(Requests.get(target.host(), "/chunked"));
                assertEquals(201, exchange.response().status());
                assertEquals("first,second", exchange.response().bodyUtf8());
            }
        }
    }

    @Test
    void theHistogramSurvivesTheReportRoundTrip() throws Exception {
        try (HttpTarget target = serve((exchange, n) -> ok(exchange), 2)) {
            LoadResult r = LoadGenerator.open(target, hello(target), 100, Duration.ofMillis(300),
                    Budget.of(Duration.ofMinutes(1), 1000));
            var run = r.toRun("App Runner", "GET /hello");
            var decoded = LoadResult.decode(run.histogram());
            assertEquals(r.corrected().getTotalCount(), decoded.getTotalCount());
            assertEquals(r.corrected().getValueAtPercentile(99), decoded.getValueAtPercentile(99));
            assertEquals(100.0, run.offeredPerSecond());
            assertEquals(8, run.corrected().size());
        }
    }
}
