package dev.threeways.lambda;

import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.Json;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.webhook.StripeEventParser;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.crac.Context;
import org.crac.Resource;

/**
 * SnapStart hooks. Before the snapshot: run the hot paths once (routing, JSON both ways, event
 * parsing) so their classes are loaded and initialised in the snapshot instead of in the first
 * request after every restore — without side effects: nothing is written, nothing is sent. And close
 * the database connection: a socket in a snapshot would be restored into many environments at once.
 * After the restore there is nothing to do: the connection reopens on first use.
 */
final class SnapStartPriming implements Resource {
    private static final JsonLog LOG = JsonLog.of(SnapStartPriming.class);
    private static final byte[] SAMPLE_EVENT = """
            {"id":"evt_priming","object":"event","created":0,"livemode":false,"type":"payment_intent.succeeded",
             "data":{"object":{"id":"pi_priming","object":"payment_intent","amount":100,
             "amount_received":100,"currency":"usd","status":"succeeded"}}}""".getBytes(StandardCharsets.UTF_8);

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

    /** The side-effect-free part: routes that only read, and parsing without applying. */
    void prime() {
        var handler = lambdaApp.app().handler();
        handler.handle(HttpRequest.get("/hello?name=snapstart"));
        handler.handle(HttpRequest.get("/no-such-route"));
        StripeEventParser.parse(Json.readBody(SAMPLE_EVENT));
        Json.write(Map.of("primed", true));
    }
}
