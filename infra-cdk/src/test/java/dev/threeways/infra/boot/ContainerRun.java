package dev.threeways.infra.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.Waits;
import dev.threeways.server.testing.ImageRoot;
import dev.threeways.server.testing.JarProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;

/**
 * One container as the platform starts it: the image's ENTRYPOINT followed by the template's command
 * (or the image's CMD), the image's ENV overlaid by the template's environment, in the image's
 * WORKDIR; the container port published on a free local port, as {@code docker run -p} would.
 */
final class ContainerRun implements AutoCloseable {
    private final ImageRoot image;
    private final Map<String, String> env;
    private final JarProcess process;

    private ContainerRun(ImageRoot image, Map<String, String> env, JarProcess process) {
        this.image = image;
        this.env = env;
        this.process = process;
    }

    static ContainerRun start(BootFromTemplateIT test, String stack, ImageRoot image, JsonNode command,
                              Map<String, String> templateEnv, int containerPort, String name) throws IOException {
        assertTrue(image.from().startsWith("eclipse-temurin:" + Runtime.version().feature() + "-"),
                "the image's JDK is this JVM's: " + image.from());
        var argv = new ArrayList<>(image.entrypoint());
        if (command.isArray() && !command.isEmpty()) {
            command.forEach(c -> argv.add(c.asString()));
        } else if (command.isString() && !command.asString().isEmpty()) {
            argv.add(command.asString());
        } else {
            argv.addAll(image.cmd());
        }
        var env = new LinkedHashMap<>(image.env());
        env.putAll(templateEnv);
        String port = env.get("PORT");
        assertEquals(String.valueOf(containerPort), port,
                "the app listens on $PORT, which must be the port the template routes to");
        env.putAll(test.localAccess());
        env.put("PORT", String.valueOf(JarProcess.freePort()));
        // the image's java: the JDK this test runs on, which the FROM line above matched
        env.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        var local = test.postgres().equivalent(env);
        JarProcess process = JarProcess.launch(image.map(argv), local, stack + "-" + name, image.workdir());
        return new ContainerRun(image, local, process);
    }

    JarProcess process() {
        return process;
    }

    int get(String path) {
        return BootFromTemplateIT.status(process.uri(path));
    }

    void awaitHttp200(String path, Duration timeout) throws Exception {
        process.awaitFirst200(path, timeout);
    }

    /**
     * The container health check as ECS runs it: {@code CMD} exec form directly, {@code CMD-SHELL}
     * with {@code /bin/sh -c} (dash, as in the image), each try bounded by the check's timeout, until it
     * passes or the start period plus the retries are used up.
     */
    void passesHealthCheck(JsonNode check) throws Exception {
        var command = new ArrayList<String>();
        check.path("Command").forEach(c -> command.add(c.asString()));
        List<String> argv = switch (command.getFirst()) {
            case "CMD" -> image.map(command.subList(1, command.size()));
            case "CMD-SHELL" -> List.of("dash", "-c", String.join(" ", command.subList(1, command.size())));
            default -> throw new AssertionError("ECS knows CMD and CMD-SHELL, not " + command.getFirst());
        };
        int interval = check.path("Interval").asInt(30);
        int timeout = check.path("Timeout").asInt(5);
        int retries = check.path("Retries").asInt(3);
        int startPeriod = check.path("StartPeriod").asInt(0);
        long deadline = System.nanoTime() + Duration.ofSeconds(startPeriod + (long) interval * retries).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            var builder = new ProcessBuilder(argv).directory(image.workdir().toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            long start = System.nanoTime();
            Process p = builder.start();
            boolean finished = p.waitFor(timeout, TimeUnit.SECONDS);
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            last = new String(p.getInputStream().readAllBytes()) + (finished ? " exit " + p.exitValue() : " timed out");
            if (finished && p.exitValue() == 0) {
                System.out.printf("health check %s passed in %d ms%n", argv, tookMs);
                return;
            }
            p.destroyForcibly();
            Thread.sleep(1_000);
        }
        throw new AssertionError("the container health check never passed: " + argv + "\nlast try: " + last
                + "\n" + process.log());
    }

    /** A webhook signed as Stripe signs it; the payment must then show as succeeded, read back over HTTP. */
    void appliesASignedWebhook(String intentId) throws Exception {
        String event = StripeEvents.paymentIntent("evt_" + intentId, "payment_intent.succeeded", 1, intentId, 1200, 1200, "succeeded");
        var request = HttpRequest.newBuilder(process.uri("/webhooks/stripe")).timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(event));
        var headers = StripeEvents.signed(event);
        for (String name : headers.names()) {
            headers.all(name).forEach(value -> request.header(name, value));
        }
        var response = BootFromTemplateIT.http().send(request.build(), BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body() + "\n" + process.log());
        URI payment = process.uri("/payments/" + intentId);
        Waits.until(intentId + " in the ledger", Duration.ofSeconds(60), () -> {
            try {
                var r = BootFromTemplateIT.http().send(HttpRequest.newBuilder(payment)
                        .header("Authorization", Reads.AUTHORIZATION).build(), BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("\"succeeded\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
    }

    @Override
    public void close() {
        process.close();
    }
}
