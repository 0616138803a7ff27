package dev.threeways.advisor.decide;

import static dev.threeways.advisor.Checks.finite;
import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.TrafficProfile;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the advisor needs to know about a workload: the answers to the article's five questions and the
 * figures its constraints are stated in. Messages name the component and, in parentheses, the option key
 * that sets it, so the same message serves code and the command line.
 *
 * @param maxExecution       the longest single execution (a request, an event, a batch run)
 * @param protocols          what it serves; HTTP stands for HTTP and HTTPS
 * @param requestBytes       the largest request body, event or queue message
 * @param responseBytes      the largest response body (only a caller that waits receives one)
 * @param meanDurationMs     the mean execution time, at most {@code maxExecution}
 * @param memoryMb           memory per execution environment or task (1 GB = 1024 MB)
 * @param minimalOps         whether shipping with the least operations matters most (the article's Q5)
 * @param appRunnerAvailable whether the account can still create App Runner services; false for a new
 *                           account, as App Runner closed to new customers on 2026-04-30
 * @param spiky              the answer to Q4 when the caller knows it; null to derive it from {@code traffic}
 */
public record Workload(Duration maxExecution, Set<Protocol> protocols, Invocation invocation, long requestBytes,
                       long responseBytes, Network network, TrafficProfile traffic, double meanDurationMs, long memoryMb,
                       boolean gpu, boolean minimalOps, boolean appRunnerAvailable, Boolean spiky) {

    /**
     * The default cold-start share: a fraction of a percent, which AWS reports for production traffic. Only the
     * Provisioned Concurrency note and the pricing use it; set cold-start-share when you know your own.
     */
    public static final double DEFAULT_COLD_START_SHARE = 0.001;

    /**
     * The default cold-start share when requests come {@link #SPARSE_GAP_SECONDS} or more apart in the active
     * hours: an idle execution environment lives minutes (5–15 observed, not documented), so about half the
     * requests find none, the reasoning of {@link TrafficProfile#MOSTLY_IDLE}.
     */
    public static final double SPARSE_COLD_START_SHARE = 0.5;

    public static final double SPARSE_GAP_SECONDS = 300;

    /** 1 M requests a month, evenly around the clock. */
    public static final TrafficProfile DEFAULT_TRAFFIC = new TrafficProfile("default",
            "1 M requests a month spread evenly around the clock (≈ 0.38 requests/s)",
            1_000_000L, 24, 24, 1, DEFAULT_COLD_START_SHARE);

    private static final Duration DEFAULT_MAX_EXECUTION = Duration.ofSeconds(30);

    /**
     * The default a request/response HTTP API gets: the longest execution 30 s (a common HTTP client timeout,
     * within every way's limits), 1 KB each way, public, 1 M requests a month around the clock, 100 ms mean,
     * 512 MB, no GPU, minimal ops not the priority, App Runner not available, Q4 derived.
     */
    public static final Workload DEFAULT = new Workload(DEFAULT_MAX_EXECUTION, Set.of(Protocol.HTTP), Invocation.SYNC,
            Units.KB, Units.KB, Network.PUBLIC, DEFAULT_TRAFFIC, 100, 512, false, false, false, null);

    /** The option keys {@link #fromOptions} accepts, in the order --help lists them, each with its help line. */
    public static final SequencedMap<String, String> OPTIONS;

    static {
        var o = new LinkedHashMap<String, String>();
        o.put("max-duration", "longest single execution (request, event, batch run): 250ms, 900s, 20m, 1h"
                + " (default: 30s, or the mean duration if longer)");
        o.put("protocols", "comma-separated: http, websocket, grpc, tcp, udp; https counts as http (default: http)");
        o.put("invocation", "sync (request/response), async (event pushed to the function; 1 MB on Lambda),"
                + " queue (polled from a queue, batch invoked synchronously; 6 MB) (default: sync)");
        o.put("request-size", "largest request body, event or message: 512 (bytes), 256KB, 8MB; KB/MB/GB are"
                + " 1024-based, as Lambda counts its 6 MB (default: 1KB)");
        o.put("response-size", "largest response body, same units (default: 1KB)");
        o.put("network", "public, private-vpc (reaches resources in a VPC, as Lambda in a VPC and App Runner's VPC"
                + " connector can), fine-grained (per-service security groups, ENI or address control) (default: public)");
        o.put("requests-per-month", "2500, 150k, 10M, 1.5B (default: 1M)");
        o.put("active-hours", "hours a day in which requests arrive, more than 0 and at most 24 (default: 24)");
        o.put("peak-hours", "hours a day at the peak rate, at most active-hours (default: all active hours for a"
                + " flat load, else 12 / peak-to-mean, so the peak carries half the day's requests)");
        o.put("peak-to-mean", "peak rate over the month's mean rate, at least 24 / active-hours (default: 24 /"
                + " active-hours, a flat load over the active hours)");
        o.put("cold-start-share", "share of Lambda invocations that start a new environment, 0 to 1 (default: 0.001,"
                + " or 0.5 when requests come 5 minutes or more apart in the active hours)");
        o.put("duration", "mean execution time: 120ms, 2s (default: 100ms)");
        o.put("memory", "memory per environment or task: 512MB, 2GB; a bare number is MB (default: 512MB)");
        o.put("gpu", "true if it needs a GPU (default: false)");
        o.put("minimal-ops", "true if shipping with the least operations matters most (default: false)");
        o.put("app-runner-available", "true if this account can still create App Runner services (default: false:"
                + " App Runner closed to new customers on 2026-04-30)");
        o.put("spiky", "true, false or auto: is traffic spiky/irregular with much idle time, the article's Q4 (default:"
                + " auto: yes if the peak is " + Units.number(Advisor.SPIKY_PEAK_TO_MEAN) + "× the mean or more, requests"
                + " arrive " + Units.number(Advisor.IDLE_ACTIVE_HOURS) + " h a day or fewer, fewer than one a minute, or"
                + " they keep an instance busy less than " + Units.percent(Advisor.IDLE_BUSY_SHARE) + " of the active"
                + " hours (requests-per-month × duration / the active hours' seconds: 50k requests of 200ms around the"
                + " clock are 0.38 %); else no, steady)");
        OPTIONS = Collections.unmodifiableSequencedMap(o);
    }

    public Workload {
        require(maxExecution != null, "maxExecution (max-duration) is required");
        require(maxExecution.isPositive(), "maxExecution (max-duration) must be more than zero: " + Units.duration(maxExecution));
        require(protocols != null && !protocols.isEmpty(), "protocols must name at least one protocol: " + protocols);
        for (Protocol p : protocols) {
            require(p != null, "protocols must not contain null: " + protocols);
        }
        protocols = Collections.unmodifiableSet(EnumSet.copyOf(protocols));
        require(invocation != null, "invocation is required: sync, async or queue");
        require(requestBytes >= 0, "requestBytes (request-size) must be 0 or more: " + requestBytes);
        require(responseBytes >= 0, "responseBytes (response-size) must be 0 or more: " + responseBytes);
        require(network != null, "network is required: public, private-vpc or fine-grained");
        require(traffic != null, "traffic is required");
        require(finite(meanDurationMs) && meanDurationMs > 0, "meanDurationMs (duration) must be more than zero: " + meanDurationMs);
        require(Duration.ofNanos(Math.round(meanDurationMs * 1e6)).compareTo(maxExecution) <= 0,
                "meanDurationMs (duration) " + Units.number(meanDurationMs) + " ms must not exceed maxExecution (max-duration) "
                        + Units.duration(maxExecution));
        require(memoryMb > 0, "memoryMb (memory) must be more than zero: " + memoryMb);
    }

    /** Builds a workload from option key/values as the CLI takes them; what is not given keeps {@link #DEFAULT}'s value. */
    public static Workload fromOptions(Map<String, String> options) {
        require(options != null, "options must not be null");
        var unknown = new TreeSet<String>();
        for (var e : options.entrySet()) {
            require(e.getKey() != null, "an option has no name; known options: " + String.join(", ", OPTIONS.keySet()));
            if (!OPTIONS.containsKey(e.getKey())) {
                unknown.add(e.getKey());
            }
            require(e.getValue() != null, e.getKey() + " has no value");
        }
        require(unknown.isEmpty(), "unknown option" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                + "; known options: " + String.join(", ", OPTIONS.keySet()));

        Workload d = DEFAULT;
        double meanMs = d.meanDurationMs;
        if (options.containsKey("duration")) {
            Duration mean = Units.parseDuration("duration", options.get("duration"));
            require(mean.isPositive(), "duration must be more than zero: " + options.get("duration"));
            meanMs = mean.getSeconds() * 1e3 + mean.getNano() / 1e6;
        }
        Duration max;
        if (options.containsKey("max-duration")) {
            max = Units.parseDuration("max-duration", options.get("max-duration"));
            require(max.isPositive(), "max-duration must be more than zero: " + options.get("max-duration"));
        } else {
            Duration mean = Duration.ofNanos(Math.round(meanMs * 1e6));
            max = mean.compareTo(DEFAULT_MAX_EXECUTION) > 0 ? mean : DEFAULT_MAX_EXECUTION;
        }
        require(Duration.ofNanos(Math.round(meanMs * 1e6)).compareTo(max) <= 0, "duration (the mean, "
                + Units.number(meanMs) + " ms) must not exceed max-duration (the longest, " + Units.duration(max) + ")");

        Set<Protocol> protocols = d.protocols;
        if (options.containsKey("protocols")) {
            var set = EnumSet.noneOf(Protocol.class);
            for (String p : options.get("protocols").split(",")) {
                set.add(Protocol.parse("protocols", p));
            }
            protocols = set;
        }
        Invocation invocation = options.containsKey("invocation")
                ? Invocation.parse("invocation", options.get("invocation")) : d.invocation;
        long request = options.containsKey("request-size") ? size("request-size", options.get("request-size")) : d.requestBytes;
        long response = options.containsKey("response-size") ? size("response-size", options.get("response-size")) : d.responseBytes;
        Network network = options.containsKey("network") ? Network.parse("network", options.get("network")) : d.network;
        long memory = d.memoryMb;
        if (options.containsKey("memory")) {
            memory = Units.parseMemoryMb("memory", options.get("memory"));
            require(memory > 0, "memory must be more than zero: " + options.get("memory"));
        }
        boolean gpu = options.containsKey("gpu") ? Units.parseBoolean("gpu", options.get("gpu")) : d.gpu;
        boolean minimalOps = options.containsKey("minimal-ops")
                ? Units.parseBoolean("minimal-ops", options.get("minimal-ops")) : d.minimalOps;
        boolean appRunner = options.containsKey("app-runner-available")
                ? Units.parseBoolean("app-runner-available", options.get("app-runner-available")) : d.appRunnerAvailable;
        Boolean spiky = options.containsKey("spiky") ? spiky(options.get("spiky")) : d.spiky;
        return new Workload(max, protocols, invocation, request, response, network, traffic(options), meanMs, memory,
                gpu, minimalOps, appRunner, spiky);
    }

    /** true, false, or null for auto (derive Q4 from the traffic); the error names all three. */
    private static Boolean spiky(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            case "auto" -> null;
            default -> throw new IllegalArgumentException("spiky must be true, false or auto: " + text);
        };
    }

    private static long size(String key, String text) {
        long bytes = Units.parseBytes(key, text);
        require(bytes >= 0, key + " must be 0 or more: " + text);
        return bytes;
    }

    /** The traffic options as a profile; see {@link #OPTIONS} for how missing peak figures are filled in. */
    private static TrafficProfile traffic(Map<String, String> options) {
        List<String> keys = List.of("requests-per-month", "active-hours", "peak-hours", "peak-to-mean", "cold-start-share");
        if (keys.stream().noneMatch(options::containsKey)) {
            return DEFAULT_TRAFFIC;
        }
        long requests = DEFAULT_TRAFFIC.requestsPerMonth();
        if (options.containsKey("requests-per-month")) {
            requests = Units.parseCount("requests-per-month", options.get("requests-per-month"));
            require(requests > 0, "requests-per-month must be more than zero: " + options.get("requests-per-month"));
        }
        double active = 24;
        if (options.containsKey("active-hours")) {
            active = Units.parseNumber("active-hours", options.get("active-hours"));
            require(active > 0 && active <= 24, "active-hours must be more than 0 and at most 24: " + options.get("active-hours"));
        }
        // requests spread evenly over the active hours run at 24 / active times the month's mean
        double flat = 24 / active;
        double peakToMean = flat;
        if (options.containsKey("peak-to-mean")) {
            peakToMean = Units.parseNumber("peak-to-mean", options.get("peak-to-mean"));
            require(peakToMean >= flat - 1e-9, "peak-to-mean must be at least 24 / active-hours = " + Units.number(flat)
                    + " (requests in " + Units.number(active) + " h a day run at least that far above the month's mean): "
                    + options.get("peak-to-mean"));
        }
        boolean isFlat = Math.abs(peakToMean - flat) < 1e-9;
        double peakHours = isFlat ? active : 12 / peakToMean;
        if (options.containsKey("peak-hours")) {
            peakHours = Units.parseNumber("peak-hours", options.get("peak-hours"));
            require(peakHours > 0 && peakHours <= active, "peak-hours must be more than 0 and at most active-hours ("
                    + Units.number(active) + "): " + options.get("peak-hours"));
        }
        if (isFlat) {
            peakToMean = flat; // exactly, so the profile's own check that the peak carries the whole day holds
        }
        double perSecondWhenActive = requests / (TrafficProfile.DAYS_PER_MONTH * active * 3600);
        double coldStarts = 1 / perSecondWhenActive >= SPARSE_GAP_SECONDS ? SPARSE_COLD_START_SHARE : DEFAULT_COLD_START_SHARE;
        if (options.containsKey("cold-start-share")) {
            coldStarts = Units.parseNumber("cold-start-share", options.get("cold-start-share"));
            require(coldStarts >= 0 && coldStarts <= 1, "cold-start-share must be between 0 and 1: " + options.get("cold-start-share"));
        }
        String description = "%s requests a month in %s active hours a day, %s h at %s× the mean".formatted(
                Units.number(requests), Units.number(active), Units.number(peakHours), Units.number(peakToMean));
        try {
            return new TrafficProfile("custom", description, requests, active, peakHours, peakToMean, coldStarts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("peak-hours and peak-to-mean do not fit together: " + e.getMessage(), e);
        }
    }

    /** The protocols other than HTTP/HTTPS: what the article's Q2 asks about. */
    public Set<Protocol> nonHttpProtocols() {
        var other = EnumSet.copyOf(protocols);
        other.remove(Protocol.HTTP);
        return Collections.unmodifiableSet(other);
    }

    /**
     * How busy the workload keeps one instance in the hours requests arrive: requests × mean duration over those
     * hours' seconds, the mean number of requests in flight (Little's law). Below 1 it is the share of the active
     * hours that one instance, or one concurrent request, is busy; 1 or more means requests overlap.
     */
    public double busyShare() {
        double activeSeconds = TrafficProfile.DAYS_PER_MONTH * traffic.activeHoursPerDay() * 3600;
        return traffic.requestsPerMonth() * (meanDurationMs / 1000) / activeSeconds;
    }

    /** The mean request rate over the month (requests/s). */
    public double meanPerSecond() {
        return TrafficProfile.meanPerSecond(traffic.requestsPerMonth());
    }

    public Workload withMaxExecution(Duration d) {
        return new Workload(d, protocols, invocation, requestBytes, responseBytes, network, traffic, meanDurationMs,
                memoryMb, gpu, minimalOps, appRunnerAvailable, spiky);
    }

    public Workload withProtocols(Protocol... ps) {
        require(ps != null && ps.length > 0, "protocols must name at least one protocol");
        var set = EnumSet.noneOf(Protocol.class);
        for (Protocol p : ps) {
            require(p != null, "protocols must not contain null");
            set.add(p);
        }
        return new Workload(maxExecution, set, invocation, requestBytes, responseBytes, network, traffic,
                meanDurationMs, memoryMb, gpu, minimalOps, appRunnerAvailable, spiky);
    }

    public Workload withInvocation(Invocation i) {
        return new Workload(maxExecution, protocols, i, requestBytes, responseBytes, network, traffic, meanDurationMs,
                memoryMb, gpu, minimalOps, appRunnerAvailable, spiky);
    }

    public Workload withRequestBytes(long bytes) {
        return new Workload(maxExecution, protocols, invocation, bytes, responseBytes, network, traffic, meanDurationMs,
                memoryMb, gpu, minimalOps, appRunnerAvailable, spiky);
    }

    public Workload withResponseBytes(long bytes) {
        return new Workload(maxExecution, protocols, invocation, requestBytes, bytes, network, traffic, meanDurationMs,
                memoryMb, gpu, minimalOps, appRunnerAvailable, spiky);
    }

    public Workload withNetwork(Network n) {
        return new Workload(maxExecution, protocols, invocation, requestBytes, responseBytes, n, traffic, meanDurationMs,
                memoryMb, gpu, minimalOps, appRunnerAvailable, spiky);
    }

    public Workload withTraffic(TrafficProfile t) {
        return new Workload(maxExecution, protocols, invocation, requestBytes, responseBytes, network, t, meanDurationMs,
                memoryMb, gpu, minimalOps, appRunnerAvailable, spiky);
    }

    /** The mean and the longest execution at once, as they are checked against each other. */
    public Workload withDurations(Duration mean, Duration max) {
        require(mean != null, "meanDurationMs (duration) is required");
        return new Workload(max, protocols, invocation, requestBytes, responseBytes, network, traffic,
                mean.getSeconds() * 1e3 + mean.getNano() / 1e6, memoryMb, gpu, minimalOps, appRunnerAvailable, spiky);
    }

    public Workload withMemoryMb(long mb) {
        return new Workload(maxExecution, protocols, invocation, requestBytes, responseBytes, network, traffic,
                meanDurationMs, mb, gpu, minimalOps, appRunnerAvailable, spiky);
    }

    public Workload withGpu(boolean g) {
        return new Workload(maxExecution, protocols, invocation, requestBytes, responseBytes, network, traffic,
                meanDurationMs, memoryMb, g, minimalOps, appRunnerAvailable, spiky);
    }

    public Workload withMinimalOps(boolean m) {
        return new Workload(maxExecution, protocols, invocation, requestBytes, responseBytes, network, traffic,
                meanDurationMs, memoryMb, gpu, m, appRunnerAvailable, spiky);
    }

    public Workload withAppRunnerAvailable(boolean a) {
        return new Workload(maxExecution, protocols, invocation, requestBytes, responseBytes, network, traffic,
                meanDurationMs, memoryMb, gpu, minimalOps, a, spiky);
    }

    public Workload withSpiky(Boolean s) {
        return new Workload(maxExecution, protocols, invocation, requestBytes, responseBytes, network, traffic,
                meanDurationMs, memoryMb, gpu, minimalOps, appRunnerAvailable, s);
    }
}
