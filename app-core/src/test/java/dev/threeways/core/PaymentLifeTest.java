package dev.threeways.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.ledger.Migrations;
import dev.threeways.core.ledger.SimpleDataSource;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The training runs' payment lives, through the app as they ship it (the embedded defaults the image
 * build has): every answer is one the life expects, the webhooks are applied — not turned away, which
 * would train the archive on an error path —, and a changed answer fails the training.
 */
class PaymentLifeTest {
    private static App embeddedApp(Map<String, String> env) {
        AppConfig config = AppConfig.fromEnv(env);
        Migrations.migrate(new SimpleDataSource(config.databaseUrl(), config.databaseUser(), config.databasePassword()));
        return App.fromConfig(config);
    }

    @Test
    void everyAnswerIsOneTheLifeExpectsAndTheWebhooksAreApplied() {
        Map<String, String> env = TrainingSettings.embedded(Map.of());
        App app = embeddedApp(env);
        var bodies = new ArrayList<String>();
        TrainingSettings.payments(request -> {
            HttpResponse response = app.handler().handle(request);
            bodies.add(response.bodyAsString());
            return response.status();
        }, env);
        int perLife = bodies.size() / TrainingSettings.ROUNDS;
        assertEquals(12, perLife);
        long applied = bodies.stream().filter(b -> b.contains("\"outcome\":\"applied\"")).count();
        assertEquals(4L * TrainingSettings.ROUNDS, applied, "created, succeeded, charge.refunded and refund.created applied each round");
        assertTrue(bodies.stream().anyMatch(b -> b.contains("\"refunded\":500")), "the read shows the partial refund");
    }

    @Test
    void anAnswerTheLifeDoesNotExpectFailsTheTraining() {
        Map<String, String> env = TrainingSettings.embedded(Map.of());
        App app = embeddedApp(env);
        var e = assertThrows(IllegalStateException.class, () -> TrainingSettings.payments(request ->
                request.path().equals("/echo") ? 413 : app.handler().handle(request).status(), env));
        assertTrue(e.getMessage().contains("/echo answered 413"), e.getMessage());
    }
}
