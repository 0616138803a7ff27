package dev.threeways.bench.jmh;

import dev.threeways.core.App;
import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Json;
import dev.threeways.lambda.HttpApiEvents;
import dev.threeways.lambda.HttpApiStreamHandler;
import dev.threeways.lambda.servlet.ServletStreamHandler;
import dev.threeways.lambda.servlet.TestContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * What one warm Lambda invocation costs inside the function, per way of reading the event: the same
 * API Gateway HTTP API (payload 2.0) event bytes through the stream handler the deployed function uses,
 * through aws-serverless-java-container and the router servlet, and — the baseline of the same run —
 * the app's handler given the already-mapped request. The differences are the mapping's price.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class HttpApiBench {
    private static final String REQUEST_ID = "8f5d4c1e-jmh-0000-0000-000000000001";

    @State(Scope.Thread)
    public static class Invocation {
        /** GET /hello?name=… (no body) or POST /echo with a small JSON body. */
        @Param({"hello", "echo"})
        public String request;

        HttpApiStreamHandler direct;
        ServletStreamHandler servlet;
        Handler app;
        byte[] event;
        HttpRequest mapped;
        final TestContext context = new TestContext(REQUEST_ID);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);

        @Setup
        public void setUp() throws IOException {
            QuietLog.discard();
            // the embedded defaults whatever this JVM's environment holds; all three paths share that one app
            App lambdaApp = App.fromConfig(AppConfig.embedded());
            direct = new HttpApiStreamHandler(lambdaApp.handler());
            servlet = new ServletStreamHandler(lambdaApp);
            app = lambdaApp.handler();
            String body = "{\"order\":\"A-1042\",\"items\":[{\"sku\":\"tea\",\"qty\":2},{\"sku\":\"cup\",\"qty\":1}],\"gift\":false}";
            switch (request) {
                case "hello" -> {
                    event = bytes(HttpApiEvents.get("/hello", "name=Ada%20Lovelace"));
                    mapped = new HttpRequest("GET", "/hello", "name=Ada%20Lovelace",
                            Headers.of("accept", "application/json"), new byte[0], REQUEST_ID, Map.of());
                }
                case "echo" -> {
                    event = bytes(HttpApiEvents.post("/echo", Map.of("content-type", "application/json"), body));
                    mapped = new HttpRequest("POST", "/echo", "", Headers.of("content-type", "application/json"),
                            bytes(body), REQUEST_ID, Map.of());
                }
                default -> throw new IllegalArgumentException("request " + request);
            }
            expect200("direct", invokeDirect());
            expect200("servlet", invokeServlet());
            int status = app.handle(mapped).status();
            if (status != 200) {
                throw new IllegalStateException("router answered " + status);
            }
        }

        @TearDown
        public void tearDown() {
            QuietLog.restore();
        }

        ByteArrayOutputStream invokeDirect() throws IOException {
            out.reset();
            direct.handleRequest(new ByteArrayInputStream(event), out, context);
            return out;
        }

        ByteArrayOutputStream invokeServlet() throws IOException {
            out.reset();
            servlet.handleRequest(new ByteArrayInputStream(event), out, context);
            return out;
        }

        /** An error answer is cheaper than the real one: measuring it would flatter the path. */
        private static void expect200(String path, ByteArrayOutputStream response) {
            int status = Json.MAPPER.readTree(response.toByteArray()).path("statusCode").asInt();
            if (status != 200) {
                throw new IllegalStateException(path + " answered " + status + ": " + response);
            }
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The deployed function's handler: event JSON → app request → app → response JSON. */
    @Benchmark
    public ByteArrayOutputStream directStreamHandler(Invocation i) throws IOException {
        return i.invokeDirect();
    }

    /** The portability path: aws-serverless-java-container's HTTP API v2 reader, the servlet, its writer. */
    @Benchmark
    public ByteArrayOutputStream servletContainer(Invocation i) throws IOException {
        return i.invokeServlet();
    }

    /** No event at all: the app's handler with the request already mapped. */
    @Benchmark
    public HttpResponse routerOnly(Invocation i) {
        return i.app.handle(i.mapped);
    }
}
