package dev.threeways.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Json;
import dev.threeways.core.testing.H2Database;
import dev.threeways.core.testing.SlowQueue;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * /readyz under a flood: the dependency is asked once per READINESS_CACHE_MS however many probes
 * arrive, probes that arrive during a check wait for that check, and draining shows at once. The
 * queue here only counts its pings, since what is counted is the cache, not the queue.
 */
class ReadinessCacheTest {
    private static App app(SlowQueue queue, Map<String, String> env) {
        AppConfig config = AppConfig.fromEnv(env).withWebhookMode(AppConfig.WebhookMode.ENQUEUE);
        return new App(config, H2Database.fresh(), queue, InstantSource.system());
    }

    /** {@code n} probes released at once; their statuses. */
    private static List<Integer> flood(App app, int n) throws Exception {
        var go = new CountDownLatch(1);
        var answers = new ArrayList<Future<Integer>>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                answers.add(threads.submit(() -> {
                    go.await();
                    return app.handler().handle(HttpRequest.get("/readyz")).status();
                }));
            }
            go.countDown();
        }
        var statuses = new ArrayList<Integer>();
        for (Future<Integer> a : answers) {
            statuses.add(a.get());
        }
        return statuses;
    }

    @Test
    void probesArrivingDuringACheckShareItAndLaterOnesReuseItsAnswerForThePeriod() throws Exception {
        var queue = new SlowQueue(Duration.ofMillis(300));
        App app = app(queue, Map.of());
        long start = System.nanoTime();
        List<Integer> statuses = flood(app, 200);
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(List.of(200), statuses.stream().distinct().toList());
        int allowed = 1 + (int) (tookMs / Long.parseLong(dev.threeways.core.config.Setting.READINESS_CACHE_MS.defaultValue()));
        assertTrue(queue.pings() <= allowed, queue.pings() + " checks for 200 probes in " + tookMs + " ms");
        int before = queue.pings();
        assertEquals(200, app.handler().handle(HttpRequest.get("/readyz")).status());
        assertEquals(before, queue.pings(), "within the period the answer is reused");
    }

    @Test
    void afterThePeriodTheDependencyIsAskedAgain() throws Exception {
        var queue = new SlowQueue(Duration.ZERO);
        App app = app(queue, Map.of("READINESS_CACHE_MS", "200"));
        app.handler().handle(HttpRequest.get("/readyz"));
        app.handler().handle(HttpRequest.get("/readyz"));
        assertEquals(1, queue.pings());
        Thread.sleep(250);
        app.handler().handle(HttpRequest.get("/readyz"));
        assertEquals(2, queue.pings(), "one period later");
    }

    @Test
    void anAnswerThatMustNotWaitGetsTheLastOneForAPeriodAndACheckMoreWhileTheNextCheckRunsBehindIt() throws Exception {
        var queue = new SlowQueue(Duration.ofMillis(300));
        App app = app(queue, Map.of("READINESS_CACHE_MS", "500", "READINESS_TIMEOUT_MS", "500"));
        var first = app.handler().handleAsync(HttpRequest.get("/readyz")).toCompletableFuture();
        assertTrue(!first.isDone(), "the first probe waits for the first check");
        assertEquals(200, first.get().status());
        Thread.sleep(600);
        var stale = app.handler().handleAsync(HttpRequest.get("/readyz")).toCompletableFuture();
        assertTrue(stale.isDone(), "a period past fresh: answered at once");
        assertEquals(200, stale.get().status());
        dev.threeways.core.testing.Waits.until("the check behind it", Duration.ofSeconds(5), () -> queue.pings() == 2);
        Thread.sleep(2100);
        assertTrue(!app.handler().handleAsync(HttpRequest.get("/readyz")).toCompletableFuture().isDone(),
                "a period and a check's time past fresh: it waits for a check again");
    }

    @Test
    void zeroChecksOnEveryProbe() {
        var queue = new SlowQueue(Duration.ZERO);
        App app = app(queue, Map.of("READINESS_CACHE_MS", "0"));
        for (int i = 0; i < 3; i++) {
            app.handler().handle(HttpRequest.get("/readyz"));
        }
        assertEquals(3, queue.pings());
    }

    @Test
    void theCachePeriodIsFrom0To60Seconds() {
        assertEquals(Duration.ofSeconds(1), AppConfig.embedded().readinessCache(), "the shipped default");
        assertEquals(Duration.ofMinutes(1), AppConfig.fromEnv(Map.of("READINESS_CACHE_MS", "60000")).readinessCache());
        for (String past : List.of("-1", "60001")) {
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.threeways.core.config.ConfigException.class,
                    () -> AppConfig.fromEnv(Map.of("READINESS_CACHE_MS", past)));
            assertTrue(e.getMessage().contains("READINESS_CACHE_MS"), e.getMessage());
        }
    }

    @Test
    void drainingIsReportedAtOnceThoughTheCheckIsCached() {
        var queue = new SlowQueue(Duration.ZERO);
        App app = app(queue, Map.of("READINESS_CACHE_MS", "60000"));
        assertEquals(200, app.handler().handle(HttpRequest.get("/readyz")).status());
        app.readiness().startDraining();
        HttpResponse draining = app.handler().handle(HttpRequest.get("/readyz"));
        assertEquals(503, draining.status());
        assertEquals("yes", Json.MAPPER.readTree(draining.body()).get("checks").get("draining").stringValue());
        assertEquals(1, queue.pings());
    }

    @Test
    void aFailedCheckIsNotCachedAsUpAndTheNextRunIsNotBlocked() {
        var calls = new AtomicInteger();
        var check = new CachedCheck(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("boom");
            }
            return "up";
        }, Duration.ofSeconds(60), Duration.ofSeconds(2));
        try {
            check.get();
        } catch (IllegalStateException expected) {
            // the first run failed
        }
        assertEquals("up", check.get());
        assertEquals("up", check.get());
        assertEquals(2, calls.get());
    }
}
