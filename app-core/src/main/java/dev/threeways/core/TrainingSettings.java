package dev.threeways.core;

import dev.threeways.core.config.AppConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a start-up archive's training run, which has no database and no queue at build
 * time: the embedded defaults, and for the deployed path, the same with a queue nothing listens for —
 * its client is built and a send runs up to the connection, so their classes go in the archive too.
 */
public final class TrainingSettings {
    /** A queue the deployed path configures a client for; nothing reaches it. */
    public static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/000000000000/three-ways-training";

    private TrainingSettings() {}

    /** The embedded defaults, logging warnings only, with {@code extra} (a port) added. */
    public static Map<String, String> embedded(Map<String, String> extra) {
        var env = new LinkedHashMap<String, String>();
        env.put("LOG_LEVEL", "WARN");
        env.putAll(extra);
        return Map.copyOf(env);
    }

    /**
     * {@code embedded} as deployed with a queue: its URL, an endpoint on a loopback port nothing listens
     * on, and the embedded defaults' secrets given as settings (a queue URL turns the development
     * defaults off). The SDK signs before it sends, so credentials are set as system properties, which
     * it reads first and a platform never sets.
     */
    public static Map<String, String> withUnreachableQueue(Map<String, String> embedded) {
        AppConfig defaults = AppConfig.fromEnv(embedded);
        var env = new LinkedHashMap<>(embedded);
        env.put("QUEUE_URL", QUEUE_URL);
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_ENDPOINT_URL_SQS", "http://127.0.0.1:" + closedPort());
        env.put("STRIPE_WEBHOOK_SECRETS", defaults.webhookSecrets().getFirst());
        env.put("READ_API_TOKENS", defaults.readApiTokens().getFirst());
        System.setProperty("aws.accessKeyId", "training");
        System.setProperty("aws.secretAccessKey", "training");
        return Map.copyOf(env);
    }

    private static int closedPort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no loopback port to leave closed", e);
        }
    }
}
