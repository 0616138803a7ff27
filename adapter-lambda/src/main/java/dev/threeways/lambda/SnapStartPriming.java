package dev.threeways.lambda;

import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.Json;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.webhook.StripeEventParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart hooks. Before the snapshot: run the hot paths once so their classes are loaded and
 * initialised in the snapshot instead of in the first request after every restore — routing, JSON both
 * ways, the HTTP API event mapping of the stream handler, event parsing, TLS, and a read from each
 * dependency (the database with its driver and authentication, SQS with the SDK's signing and HTTP
 * client) — without side effects: nothing is written, nothing is sent to the queue. Then close the
 * database connection: a socket in a snapshot would be restored into many environments at once. After
 * the restore there is nothing to do: the connection reopens, validated, on first use.
 *
 * <p>The runtime's CRaC context holds registered resources weakly; {@link LambdaApp} keeps this one,
 * or it could be collected before the checkpoint and never run.
 */
final class SnapStartPriming implements Resource {
    private static final JsonLog LOG = JsonLog.of(SnapStartPriming.class);
    private static final Duration DEPENDENCY_TIMEOUT = Duration.ofSeconds(2);
    private static final byte[] SAMPLE_EVENT = """
            {"id":"evt_priming","object":"event","created":0,"livemode":false,"type":"payment_intent.succeeded",
             "data":{"object":{"id":"pi_priming","object":"payment_intent","amount":100,
             "amount_received":100,"currency":"usd","status":"succeeded"}}}""".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SAMPLE_HTTP_API_EVENT = """
            {"version":"2.0","routeKey":"$default","rawPath":"/hello","rawQueryString":"name=snapstart",
             "headers":{"accept":"application/json","host":"priming.execute-api.amazonaws.com"},
             "requestContext":{"http":{"method":"GET","path":"/hello","protocol":"HTTP/1.1","sourceIp":"127.0.0.1"},
             "requestId":"priming","routeKey":"$default","stage":"$default"},"isBase64Encoded":false}"""
            .getBytes(StandardCharsets.UTF_8);

    private final LambdaApp lambdaApp;

    SnapStartPriming(LambdaApp lambdaApp) {
        this.lambdaApp = lambdaApp;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime();
        lambdaApp.database().closeConnection();
        LOG.info("primed for snapshot", Map.of());
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        LOG.info("restored from snapshot", Map.of());
    }

    /** The side-effect-free part: routes that only read, parsing without applying, reads from each dependency. */
    void prime() {
        var app = lambdaApp.app();
        var handler = app.handler();
        handler.handle(HttpRequest.get("/hello?name=snapstart"));
        handler.handle(HttpRequest.get("/no-such-route"));
        StripeEventParser.parse(Json.readBody(SAMPLE_EVENT));
        Json.write(Map.of("primed", true));
        try {
            new HttpApiStreamHandler(handler).handleRequest(new ByteArrayInputStream(SAMPLE_HTTP_API_EVENT),
                    new ByteArrayOutputStream(), null);
            SSLContext.getDefault().createSSLEngine().getSupportedCipherSuites();
        } catch (IOException | GeneralSecurityException e) {
            LOG.warn("priming step failed", Map.of("step", "http-api-event", "error", String.valueOf(e.getMessage())));
        }
        // a dependency that does not answer at snapshot time costs this priming step, not the deploy
        read("database", () -> app.ledger().find("pi_priming"));
        read("queue", () -> app.queue().ping(DEPENDENCY_TIMEOUT));
    }

    private static void read(String dependency, Runnable read) {
        try {
            read.run();
        } catch (RuntimeException e) {
            LOG.warn("priming read failed", Map.of("dependency", dependency, "error", String.valueOf(e.getMessage())));
        }
    }
}
