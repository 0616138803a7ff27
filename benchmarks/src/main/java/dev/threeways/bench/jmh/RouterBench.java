package dev.threeways.bench.jmh;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The app's handler — what every adapter calls: access log, body limit, router, endpoint — for the
 * requests that make up most traffic and the two the router answers itself (404, 405). At LOG_LEVEL
 * INFO (the default) every request builds a JSON access line; WARN, a setting a deployment may choose,
 * skips it, and the difference is what that line costs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBench {

    @State(Scope.Benchmark)
    public static class Requests {
        @Param({"INFO", "WARN"})
        public String logLevel;

        Handler app;
        HttpRequest hello;
        HttpRequest echo;
        HttpRequest notFound;
        HttpRequest methodNotAllowed;

        @Setup
        public void setUp() {
            QuietLog.discard();
            // embedded: a data source that is never opened, since none of these routes reads the ledger
            app = App.fromConfig(AppConfig.fromEnv(Map.of("LOG_LEVEL", logLevel))).handler();
            Headers accept = Headers.of("Accept", "application/json");
            hello = request("GET", "/hello", "name=Ada%20Lovelace", accept, "");
            echo = request("POST", "/echo", "", Headers.of("Content-Type", "application/json"),
                    "{\"order\":\"A-1042\",\"items\":[{\"sku\":\"tea\",\"qty\":2},{\"sku\":\"cup\",\"qty\":1}],\"gift\":false}");
            notFound = request("GET", "/no/such/route", "", accept, "");
            methodNotAllowed = request("DELETE", "/hello", "", accept, "");
            expect(200, hello);
            expect(200, echo);
            expect(404, notFound);
            expect(405, methodNotAllowed);
        }

        @TearDown
        public void tearDown() {
            QuietLog.restore();
        }

        /** With a request id, as every adapter passes one from its runtime. */
        private static HttpRequest request(String method, String path, String query, Headers headers, String body) {
            return new HttpRequest(method, path, query, headers, body.getBytes(StandardCharsets.UTF_8),
                    "jmh-router", Map.of());
        }

        /** A benchmark of the wrong answer would measure nothing useful: fail the trial instead. */
        private void expect(int status, HttpRequest request) {
            int actual = app.handle(request).status();
            if (actual != status) {
                throw new IllegalStateException(request + " answered " + actual + ", not " + status);
            }
        }
    }

    @Benchmark
    public HttpResponse helloGet(Requests r) {
        return r.app.handle(r.hello);
    }

    @Benchmark
    public HttpResponse echoPost(Requests r) {
        return r.app.handle(r.echo);
    }

    @Benchmark
    public HttpResponse notFound404(Requests r) {
        return r.app.handle(r.notFound);
    }

    @Benchmark
    public HttpResponse methodNotAllowed405(Requests r) {
        return r.app.handle(r.methodNotAllowed);
    }
}
