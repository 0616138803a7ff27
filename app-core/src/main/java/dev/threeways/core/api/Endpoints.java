package dev.threeways.core.api;

import dev.threeways.core.config.AppConfig;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Json;
import dev.threeways.core.http.Problem;
import dev.threeways.core.http.ProblemException;
import dev.threeways.core.ledger.LedgerEntry;
import dev.threeways.core.ledger.Payment;
import dev.threeways.core.ledger.PaymentLedger;
import dev.threeways.core.ledger.PaymentStore;
import dev.threeways.core.ledger.StoreException;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.queue.QueueException;
import dev.threeways.core.queue.WebhookQueue;
import dev.threeways.core.webhook.StripeEventParser;
import dev.threeways.core.webhook.StripeWebhooks;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/** The handlers of the HTTP surface; identical on every runtime. */
public final class Endpoints {
    private static final JsonLog LOG = JsonLog.of(Endpoints.class);
    static final int MAX_NAME_LENGTH = 256;

    public record Message(String message) {}

    public record Echo(String message, JsonNode input) {}

    /**
     * A payment as the API shows it.
     *
     * @param amountRefunded Stripe's own figure from the newest charge event, null before one arrived
     * @param refunded       what the refund entries add up to (pending and succeeded refunds)
     * @param refundsAgree   whether the two agree, null while Stripe's figure is unknown
     */
    public record PaymentView(String id, String status, boolean livemode, long amount, long amountReceived,
                              String currency, long captured, long refunded, Long amountRefunded,
                              Boolean refundsAgree, List<EntryView> entries, Instant updatedAt) {
        public static PaymentView of(Payment p) {
            return new PaymentView(p.id(), p.status(), p.livemode(), p.amount(), p.amountReceived(), p.currency(),
                    p.captured(), p.refunded(), p.stripeAmountRefunded().orElse(null),
                    p.refundsAgree().orElse(null), p.entries().stream().map(EntryView::of).toList(), p.updatedAt());
        }
    }

    public record EntryView(String kind, String key, long amount, String currency, String status) {
        static EntryView of(LedgerEntry e) {
            return new EntryView(e.kind().dbName(), e.key(), e.amount(), e.currency(), e.status());
        }
    }

    private final StripeWebhooks webhooks;
    private final PaymentLedger ledger;
    private final PaymentStore store;
    private final WebhookQueue queue;
    private final Readiness readiness;
    private final Duration readinessTimeout;
    private final CachedCheck dependencyCheck;
    private final ReadAccess readAccess;

    public Endpoints(StripeWebhooks webhooks, PaymentLedger ledger, WebhookQueue queue, Readiness readiness,
                     Duration readinessTimeout, Duration readinessCache, ReadAccess readAccess) {
        this.webhooks = webhooks;
        this.ledger = ledger;
        this.store = ledger.store();
        this.queue = queue;
        this.readiness = readiness;
        this.readinessTimeout = readinessTimeout;
        this.dependencyCheck = new CachedCheck(this::checkDependency, readinessCache, readinessTimeout);
        this.readAccess = readAccess;
    }

    public HttpResponse hello(HttpRequest request) {
        String name = request.query().first("name").filter(n -> !n.isBlank()).orElse("world");
        if (name.length() > MAX_NAME_LENGTH) {
            throw new ProblemException(Problem.badRequest("invalid-parameter", "Invalid parameter",
                    "Parameter 'name' is longer than " + MAX_NAME_LENGTH + " characters."));
        }
        // {"message": ...} by hand, as the mapper writes a Message: the mapper was a tenth of a resident server's /hello
        return HttpResponse.json(200, Json.quote(new StringBuilder(16 + MAX_NAME_LENGTH).append("{\"message\":"), "hello, " + name)
                .append('}'));
    }

    public HttpResponse echo(HttpRequest request) {
        JsonNode input;
        if (request.body().length == 0) {
            input = JsonNodeFactory.instance.objectNode();
        } else if (!request.mediaType().equals("application/json")) {
            throw new ProblemException(Problem.of(415, "unsupported-media-type", "Unsupported media type",
                    "POST /echo takes application/json."));
        } else {
            input = Json.readBody(request.body());
        }
        return HttpResponse.json(200, new Echo("ok", input));
    }

    public HttpResponse stripeWebhook(HttpRequest request) {
        return whileDependenciesAnswer(() -> HttpResponse.json(200, webhooks.receive(request)));
    }

    public HttpResponse payment(HttpRequest request) {
        var denied = readAccess.deny(request.headers().first("Authorization"));
        if (denied.isPresent()) {
            return denied.get();
        }
        String id = request.pathParam("id");
        if (id.length() > StripeEventParser.MAX_ID_LENGTH || id.chars().anyMatch(Character::isISOControl)) {
            // no event can have stored such an id (PostgreSQL would even refuse a NUL in the query)
            throw new ProblemException(Problem.of(404, "payment-not-found", "Payment not found",
                    "The ledger holds no payment intent with that id."));
        }
        return whileDependenciesAnswer(() -> ledger.find(id)
                .map(p -> HttpResponse.json(200, PaymentView.of(p)))
                .orElseThrow(() -> new ProblemException(Problem.of(404, "payment-not-found", "Payment not found",
                        "The ledger holds no payment intent " + id + "."))));
    }

    /**
     * A database or queue that does not answer is a 503 the sender may retry (Stripe does, for days),
     * not a 500: nothing was stored, the transaction rolled back.
     */
    private static HttpResponse whileDependenciesAnswer(Supplier<HttpResponse> work) {
        try {
            return work.get();
        } catch (StoreException | QueueException e) {
            LOG.warn("dependency unavailable", Map.of("error", String.valueOf(e.getMessage())));
            return dependencyUnavailable();
        }
    }

    /** What a caller gets while something this service needs does not answer: a 503 worth retrying. */
    static HttpResponse dependencyUnavailable() {
        return Problem.of(503, "dependency-unavailable", "Service unavailable",
                        "A dependency of this service did not answer; retry later.")
                .toResponse()
                .withHeader("Retry-After", "5");
    }

    public HttpResponse liveness(HttpRequest request) {
        return HttpResponse.json(200, Map.of("status", "ok"));
    }

    /**
     * Ready when not draining and what taking a webhook needs answers: the store in apply mode, the queue
     * in enqueue mode (then a database blip only delays the consumer, and the load balancer keeps the
     * intake in rotation). The check is named in the answer.
     */
    public HttpResponse readiness(HttpRequest request) {
        return readinessWith(dependencyCheck.get());
    }

    /**
     * {@code /readyz} as a route: its {@link Handler#handleAsync} answers when the dependency check does,
     * without holding the calling thread, so a server can answer probes from its I/O thread however busy
     * its workers are.
     */
    public Handler readiness() {
        return new Handler() {
            @Override
            public HttpResponse handle(HttpRequest request) {
                return readiness(request);
            }

            @Override
            public CompletionStage<HttpResponse> handleAsync(HttpRequest request) {
                return dependencyCheck.answer().thenApply(Endpoints.this::readinessWith);
            }
        };
    }

    private HttpResponse readinessWith(String dependency) {
        String name = dependencyName();
        var checks = new LinkedHashMap<String, String>();
        // draining is this process's own state, never cached: a load balancer must see it at once
        checks.put("draining", readiness.isDraining() ? "yes" : "no");
        checks.put(name, dependency);
        boolean ready = !readiness.isDraining() && checks.get(name).equals("up");
        if (ready) {
            // ordered: Map.of's order changes from one JVM to the next, and the ways must answer alike
            var body = new LinkedHashMap<String, Object>();
            body.put("status", "ready");
            body.put("checks", checks);
            return HttpResponse.json(200, body);
        }
        return Problem.of(503, "not-ready", "Not ready",
                readiness.isDraining() ? "This instance is draining." : "A dependency is unreachable.")
                .with("checks", checks)
                .toResponse();
    }

    private String dependencyName() {
        return webhooks.mode() == AppConfig.WebhookMode.APPLY ? "database" : "queue";
    }

    /** The one dependency check: "up" or "down", within the readiness timeout. */
    private String checkDependency() {
        long deadline = System.nanoTime() + readinessTimeout.toNanos();
        String name = dependencyName();
        FutureTask<Void> dependency = name.equals("database")
                ? probe(name, () -> store.ping(readinessTimeout))
                : probe(name, () -> queue.ping(readinessTimeout));
        return outcome(name, dependency, deadline);
    }

    /**
     * Runs one probe on a platform thread of its own (as {@link CachedCheck} runs the check), so a dependency
     * that hangs (a connect to a dropped port, a stuck pool) makes the instance unready instead of making the
     * health checker time out.
     */
    private static FutureTask<Void> probe(String name, Runnable probe) {
        FutureTask<Void> task = new FutureTask<>(probe, null);
        Thread.ofPlatform().daemon().name("readyz-" + name).start(task);
        return task;
    }

    private String outcome(String name, FutureTask<Void> task, long deadlineNanos) {
        try {
            task.get(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
            return "up";
        } catch (TimeoutException e) {
            task.cancel(true);
            LOG.warn("readiness check timed out", Map.of("check", name, "timeoutMs", readinessTimeout.toMillis()));
            return "down";
        } catch (ExecutionException e) {
            LOG.warn("readiness check failed", Map.of("check", name, "error", String.valueOf(e.getCause().getMessage())));
            return "down";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "down";
        }
    }
}
