package dev.threeways.core;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.HttpRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * A start-up archive's training run, whatever carries its requests (HTTP to a server, events to a
 * Lambda handler): there is no database and no queue at build time, so it runs with the embedded
 * defaults, and the deployed path again with a queue nothing listens for — its client is built and a
 * send runs up to the connection, so their classes go in the archive too.
 */
public final class TrainingSettings {
    /** A queue the deployed path configures a client for; nothing reaches it. */
    public static final String QUEUE_URL = "https://sqs.us-east-1.amazonaws.com/000000000000/three-ways-training";
    /** Payment lives sent: enough for every path to run many times, so the JIT's profiles are kept too. */
    public static final int ROUNDS = 20;
    /** hello, echo and the first webhook: enough to load the send path, each failed send costing its retries. */
    static final int QUEUE_PATH_REQUESTS = 3;

    private TrainingSettings() {}

    /**
     * {@link #ROUNDS} payment lives through {@code send} (which answers a status), the app configured by
     * {@code env}; an answer the life does not expect fails the training — an archive of error paths is
     * not what a start needs, and the image build should stop.
     */
    public static void payments(ToIntFunction<HttpRequest> send, Map<String, String> env) {
        AppConfig config = AppConfig.fromEnv(env);
        for (int round = 0; round < ROUNDS; round++) {
            String intent = "pi_training_" + round + "_" + Long.toHexString(System.nanoTime());
            for (PaymentLife.Exchange exchange : PaymentLife.exchanges(intent, config.webhookSecrets().getFirst(),
                    config.readApiTokens().getFirst(), InstantSource.system())) {
                int status = send.applyAsInt(exchange.request());
                if (!exchange.accepted().contains(status)) {
                    throw new IllegalStateException("training: " + exchange.request().method() + " "
                            + exchange.request().path() + " answered " + status + ", expected one of " + exchange.accepted()
                            + "; the archive would hold the wrong path");
                }
            }
        }
    }

    /**
     * hello, echo and the first webhook through {@code send}, to an app configured by
     * {@link #withUnreachableQueue}: the webhook is answered 503, which is what it should be, so the
     * answers are not checked.
     */
    public static void queuePath(ToIntFunction<HttpRequest> send, Map<String, String> embedded) {
        AppConfig config = AppConfig.fromEnv(embedded);
        PaymentLife.requests("pi_training_queue", config.webhookSecrets().getFirst(), config.readApiTokens().getFirst(),
                InstantSource.system()).subList(0, QUEUE_PATH_REQUESTS).forEach(send::applyAsInt);
    }

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
