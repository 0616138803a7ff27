package dev.threeways.advisor.bill;

import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.Way;
import dev.threeways.advisor.price.Bill;
import dev.threeways.advisor.price.Line;
import dev.threeways.advisor.price.PriceBook;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A month of what a cloud assembly deploys, resource by resource: every resource with its rule and lines, and each
 * way's whole bill — its compute, its usage beyond compute (queue requests, log lines, secret reads, its image), its
 * own resources, and the shared ones (network, database, secrets) in full, as a way deployed on its own pays them.
 */
public record DeploymentBill(String region, String priceBook, Demand.Path path, double requestsPerMonth,
                             List<Item> items, Map<Way, WayBill> ways) {

    /**
     * Bytes of the access line the app writes a request (JSON, INFO, as deployed): the App Runner jar answering
     * {@code GET /hello} wrote 235 and 238 bytes with the newline (2026-12-07); a webhook's line is of the same kind.
     */
    public static final double APP_LOG_LINE_BYTES = 240;
    /**
     * Lambda's START, END and REPORT lines an invocation: a request id (36 characters) on each, the REPORT line's four
     * or five durations and sizes; about 270 bytes.
     */
    public static final double LAMBDA_PLATFORM_LOG_BYTES = 270;
    /** The HTTP API's access line a request in the stage's format (LambdaStack): seven short JSON fields, about 130 bytes. */
    public static final double API_ACCESS_LOG_BYTES = 130;
    /**
     * SQS requests a queued webhook costs: SendMessage, then the receive and the delete that carry it. Batches of up to
     * ten share a receive and a delete, but at these rates a poll mostly finds one message: three is the bound taken.
     */
    public static final double SQS_REQUESTS_PER_WEBHOOK = 3;
    /**
     * Long polls of an idle queue consumer, each up to 20 s, every one a ReceiveMessage request: Lambda's SQS event
     * source keeps polling whatever the traffic, with five pollers at the least (the model's reading of AWS's
     * description of how it scales from five concurrent batches; the pollers are not metered apart), Fargate's worker
     * with its one.
     */
    public static final int LAMBDA_IDLE_POLLERS = 5;
    public static final int FARGATE_IDLE_POLLERS = 1;
    static final double LONG_POLLS_A_MONTH = Rules.HOURS * 3600 / 20;
    /** Each way's image in the CDK assets repository (ECR), compressed: the JRE base, the jar and its AOT cache. */
    public static final double IMAGE_GB = 0.3;

    /** One resource and what it costs. {@code unpriced} holds the reason where it could not be priced, else null. */
    public record Item(Resource resource, String rule, List<Line> lines, String unpriced) {
        public Item {
            lines = List.copyOf(lines);
        }

        public double usd() {
            return lines.stream().mapToDouble(Line::usd).sum();
        }
    }

    /** One way's month. */
    public record WayBill(Way way, List<Line> compute, List<Line> usage, List<Item> own, List<Item> shared) {
        public WayBill {
            compute = List.copyOf(compute);
            usage = List.copyOf(usage);
            own = List.copyOf(own);
            shared = List.copyOf(shared);
        }

        public double computeUsd() {
            return compute.stream().mapToDouble(Line::usd).sum();
        }

        public double usageUsd() {
            return usage.stream().mapToDouble(Line::usd).sum();
        }

        public double ownUsd() {
            return own.stream().mapToDouble(Item::usd).sum();
        }

        public double sharedUsd() {
            return shared.stream().mapToDouble(Item::usd).sum();
        }

        /** Everything the way costs deployed here on its own. */
        public double total() {
            return computeUsd() + usageUsd() + ownUsd() + sharedUsd();
        }
    }

    public DeploymentBill {
        items = List.copyOf(items);
        ways = Collections.unmodifiableMap(new EnumMap<>(ways));
    }

    /** Everything the assembly deploys for the month, every way's own and the shared ones once: what one account pays. */
    public double together() {
        double shared = items.stream().filter(i -> i.resource().shared()).mapToDouble(Item::usd).sum();
        return shared + ways.values().stream().mapToDouble(w -> w.computeUsd() + w.usageUsd() + w.ownUsd()).sum();
    }

    public List<Item> unpriced() {
        return items.stream().filter(i -> i.unpriced() != null).toList();
    }

    public Map<Way, Double> totals() {
        var out = new EnumMap<Way, Double>(Way.class);
        ways.forEach((w, b) -> out.put(w, b.total()));
        return out;
    }

    /** Prices every resource of {@code inventory} and each way it deploys, for {@code demand}. */
    public static DeploymentBill of(Inventory inventory, PriceBook book, PriceBook.Prices prices, Demand demand) {
        var context = new Rules.Context(inventory, prices);
        var items = new ArrayList<Item>();
        for (Resource r : inventory.resources()) {
            items.add(item(r, context));
        }
        var ways = new EnumMap<Way, WayBill>(Way.class);
        List<Item> shared = items.stream().filter(i -> i.resource().shared()).toList();
        for (Way way : inventory.ways()) {
            Bill compute = demand.compute().get(way);
            require(compute != null, "no compute priced for " + way.label() + ", which the assembly deploys");
            List<Item> own = items.stream().filter(i -> i.resource().way() == way).toList();
            ways.put(way, new WayBill(way, compute.lines(), usage(way, inventory, prices, demand), own, shared));
        }
        return new DeploymentBill(inventory.region(), book.version(), demand.path(), demand.requestsPerMonth(), items, ways);
    }

    private static Item item(Resource r, Rules.Context c) {
        Rule rule = Rules.of(r);
        return switch (rule) {
            case Rule.Free f -> new Item(r, f.says(), List.of(), null);
            case Rule.Compute k -> new Item(r, k.says(), List.of(), null);
            case Rule.Unpriced u -> new Item(r, u.says(), List.of(), u.reason());
            case Rule.Priced p -> {
                try {
                    yield new Item(r, p.says(), p.lines().apply(r, c), null);
                } catch (IllegalArgumentException e) {
                    // a price the book lacks, or a property not given as a literal: shown, never guessed
                    yield new Item(r, p.says(), List.of(), e.getMessage());
                }
            }
        };
    }

    /** What the way's traffic uses beyond compute: queue requests, log lines, secret reads, and its image's storage. */
    static List<Line> usage(Way way, Inventory inventory, PriceBook.Prices prices, Demand d) {
        var lines = new ArrayList<Line>();
        double n = d.requestsPerMonth();
        boolean queued = way == Way.LAMBDA || way == Way.FARGATE;
        if (queued) {
            int pollers = way == Way.LAMBDA ? LAMBDA_IDLE_POLLERS : FARGATE_IDLE_POLLERS;
            double requests = pollers * LONG_POLLS_A_MONTH
                    + (d.path() == Demand.Path.WEBHOOK ? n * SQS_REQUESTS_PER_WEBHOOK : 0);
            lines.add(relabel(Line.of(prices.rate("sqs.standard-requests"), requests / 1e6),
                    "SQS requests: the consumer's long polls" + (d.path() == Demand.Path.WEBHOOK ? " and each webhook's send, receive and delete" : "")));
        }
        double bytes = n * APP_LOG_LINE_BYTES;
        if (way == Way.LAMBDA) {
            double invocations = n + d.queueInvocations();
            bytes += invocations * LAMBDA_PLATFORM_LOG_BYTES + n * API_ACCESS_LOG_BYTES;
        }
        double gb = bytes / 1e9;
        lines.add(relabel(Line.of(prices.rate("logs.ingestion"), gb), "CloudWatch Logs written: an access line a request"
                + (way == Way.LAMBDA ? ", Lambda's platform lines an invocation, the HTTP API's access line" : "")));
        // kept a month (every log group's retention): a month's lines are stored at any time; uncompressed, a bound
        lines.add(relabel(Line.of(prices.rate("logs.storage"), gb), "CloudWatch Logs kept (a month's retention)"));
        int secrets = inventory.ofType("AWS::SecretsManager::Secret").size();
        lines.add(relabel(Line.of(prices.rate("secretsmanager.api"), secrets * d.activeMinutes() / 1e4),
                "Secrets Manager reads: each secret at most once a minute while requests arrive, one instance or environment"));
        boolean image = way != Way.LAMBDA || inventory.of(Way.LAMBDA).stream()
                .anyMatch(r -> "Image".equals(r.facts().get("package")));
        if (image) {
            lines.add(relabel(Line.of(prices.rate("ecr.storage"), IMAGE_GB), "ECR: the way's image in the CDK assets repository"));
        }
        return lines;
    }

    private static Line relabel(Line l, String item) {
        return new Line(item, l.quantity(), l.unit(), l.usd(), l.key());
    }
}
