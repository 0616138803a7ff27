package dev.threeways.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.threeways.bench.Budget;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** wrk itself (Debian's package; .ci/run installs it) against the JDK's HTTP server, and its output read back. */
class WrkTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Wrk wrk() {
        return Wrk.find().orElseThrow(() -> new AssertionError(
                "wrk is not on the PATH: install Debian's wrk (apt-get install wrk); .ci/run installs it"));
    }

    private int serve(int status) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body = "{\"message\":\"hello\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    @Test
    void aRunIsReadBackWithEveryLatencyItRecordedAndItsRequestsTakenFromTheBudget() throws Exception {
        int port = serve(200);
        Budget budget = Budget.of(Duration.ofMinutes(1), 10_000_000);

        LoadResult r = wrk().closed(List.of(), port, "/hello?name=x", 4, Duration.ofSeconds(1), budget);

        assertTrue(r.requests() > 100, "a second of a local server answers more than 100 requests: " + r.requests());
        assertEquals(r.requests(), r.good(), "every answer was a 200: " + r.statuses());
        assertTrue(r.seconds() >= 0.9 && r.seconds() < 2, "wrk ran for the second asked: " + r.seconds());
        // one latency a response, plus the samples wrk's own correction adds for responses slower than the mean
        long recorded = r.corrected().getTotalCount();
        assertTrue(recorded >= r.requests() && recorded <= 2 * r.requests(),
                "the histogram holds wrk's latencies: " + recorded + " for " + r.requests() + " responses");
        assertTrue(r.correctedMs(50) > 0 && r.correctedMs(50) <= r.correctedMs(100));
        assertEquals(r.requests(), budget.spentRequests());
    }

    @Test
    void aPacedRunSendsAboutItsRateAndSaysSo() throws Exception {
        int port = serve(200);
        Budget budget = Budget.of(Duration.ofMinutes(1), 10_000_000);

        LoadResult r = wrk().paced(List.of(), port, "/hello", 2_000, Duration.ofSeconds(2), budget);

        assertEquals(40, Wrk.connectionsFor(2_000), "one request a connection each " + Wrk.PACED_INTERVAL_MS + " ms");
        assertEquals(2_000, r.offeredPerSecond());
        // a closed loop would send tens of thousands a second to this server; paced, each connection waits its interval
        assertTrue(r.achievedPerSecond() > 1_600 && r.achievedPerSecond() <= 2_050,
                "sent within 20 % below the rate, never much above: " + r.achievedPerSecond());
        assertEquals(r.requests(), r.good(), r.statuses().toString());
    }

    @Test
    void answersOf400AndAboveAreCountedApartFromTheGoodOnes() throws Exception {
        int port = serve(503);

        LoadResult r = wrk().closed(List.of(), port, "/hello", 2, Duration.ofSeconds(1), Budget.of(Duration.ofMinutes(1), 1_000_000));

        assertTrue(r.requests() > 0);
        assertEquals(0, r.good(), r.statuses().toString());
        assertEquals(r.requests(), r.statuses().get(Wrk.FROM_400));
    }

    @Test
    void aRunPastTheBudgetMarksItCutAndTheNextRequestIsRefused() throws Exception {
        int port = serve(200);
        Budget budget = Budget.of(Duration.ofMinutes(1), 50);

        wrk().closed(List.of(), port, "/hello", 2, Duration.ofSeconds(1), budget);

        assertTrue(budget.wasCut());
        assertTrue(!budget.tryTake(), "nothing more is sent once wrk's requests passed the budget");
        LoadResult refused = wrk().closed(List.of(), port, "/hello", 2, Duration.ofSeconds(1), budget);
        assertTrue(refused.requests() == 0 && refused.cutByBudget(), "nor is another wrk run started");
    }

    @Test
    void outputWithoutTheScriptsSummaryIsAnErrorNotAnEmptyRun() {
        var e = assertThrows(IllegalStateException.class, () -> Wrk.parse("Running 1s test @ http://127.0.0.1:1/\n"));
        assertTrue(e.getMessage().contains("no summary"), e.getMessage());
    }

    @Test
    void theSummaryAndLatencyLinesBecomeCountsAndAHistogram() {
        LoadResult r = Wrk.parse("""
                Running 1s test @ http://127.0.0.1:8080/hello
                three-ways-summary 10 1000000 2 1
                three-ways-latency 100 7
                three-ways-latency 2000 3
                """);

        assertEquals(10, r.requests());
        assertEquals(1.0, r.seconds());
        assertEquals(8, r.good());
        assertEquals(2, r.statuses().get(Wrk.FROM_400));
        assertEquals(1, r.statuses().get(Wrk.SOCKET_ERROR));
        assertEquals(10, r.corrected().getTotalCount());
        assertEquals(0.1, r.correctedMs(50), 0.001);
        assertEquals(2.0, r.correctedMs(100), 0.01);
    }
}
