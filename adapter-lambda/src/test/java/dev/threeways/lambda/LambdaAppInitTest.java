package dev.threeways.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.threeways.core.queue.SqsWebhookQueue;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What an init builds depends on whether a request is waiting for it. */
class LambdaAppInitTest {
    private static Map<String, String> deployed(String initializationType) {
        var env = new HashMap<>(Map.of("QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/init-test",
                "AWS_REGION", "us-east-1", "STRIPE_WEBHOOK_SECRETS", "whsec_init", "READ_API_TOKENS", "read_init",
                "LOG_LEVEL", "WARN"));
        if (initializationType != null) {
            env.put(LambdaApp.INITIALIZATION_TYPE, initializationType);
        }
        return env;
    }

    @ParameterizedTest(name = "{0}: SQS client built in init = {1}")
    @CsvSource({"on-demand, false", "provisioned-concurrency, true", "snap-start, true"})
    void theQueueClientIsBuiltInInitOnlyWhenNoRequestWaitsForIt(String initializationType, boolean builtInInit) {
        var queue = (SqsWebhookQueue) LambdaApp.create(deployed(initializationType)).app().queue();
        assertEquals(builtInInit, queue.clientBuilt());
    }

    @Test
    void withoutTheVariableAnInitIsOnDemand() {
        var queue = (SqsWebhookQueue) LambdaApp.create(deployed(null)).app().queue();
        assertEquals(false, queue.clientBuilt(), "a request waits: its first send builds the client");
    }
}
