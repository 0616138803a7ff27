package dev.threeways.advisor.decide;

import static dev.threeways.advisor.Checks.require;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The reference article's decision tree as code. It asks Q1 to Q5 in order and stops where the tree decides,
 * recording each question asked. Beside the tree it checks the workload against every documented limit
 * ({@link Limits}); a way a limit rules out is never the answer: the tree moves on to the next way the
 * article would take for that case, ending at Fargate, the way with the fewest limits, and past it at EC2 or
 * SageMaker (a GPU, or more memory than Fargate has).
 */
public final class Advisor {

    /*
     * Q4 asks whether traffic is "spiky/irregular, with much idle time". The article gives no numbers; these
     * are the advisor's reading of it. Either half is enough: a spike leaves capacity sized for it idle the rest
     * of the day, and idle hours are idle whatever the shape.
     */

    /**
     * Spiky: the peak runs at 4× the month's mean or more. Capacity sized for such a peak is three-quarters
     * idle on average; a working day spread evenly over 10 hours (2.4×) is a shape, not a spike.
     */
    public static final double SPIKY_PEAK_TO_MEAN = 4;

    /** Idle: requests arrive in 6 hours a day or fewer, so a resident instance waits three-quarters of the day. */
    public static final double IDLE_ACTIVE_HOURS = 6;

    /**
     * Idle: fewer than one request a minute on average. Between such requests a resident instance does nothing
     * and is billed for it, while Lambda bills nothing.
     */
    public static final double IDLE_MEAN_PER_SECOND = 1.0 / 60;

    /**
     * Idle: in the hours requests arrive, they keep one instance busy less than 1 % of the time
     * ({@link Workload#busyShare()}: requests × mean duration / those hours' seconds). Whatever its shape, such a
     * workload leaves a resident instance waiting more than 99 % of the hours it is billed for, while Lambda bills only
     * the busy time: the article's "much idle time". At 1 % the line sits a decade below an API of the default shape
     * (1 M requests a month of 100 ms around the clock: 3.8 %) and a decade above one used now and then (50 000
     * requests of 200 ms: 0.38 %; a request every 53 s, which the one-a-minute line above does not catch). Counted
     * over the active hours, not the month, as {@link #IDLE_ACTIVE_HOURS} already judges the hours without requests:
     * a working day of light use (150 000 requests of 100 ms in 10 h: 1.4 %) stays steady.
     */
    public static final double IDLE_BUSY_SHARE = 0.01;

    /**
     * Steady and high enough to price Lambda Managed Instances, the advisor's reading of AWS's "steady,
     * high-volume": 50 requests/s is 130 M requests a month, where per-request pricing adds up and a few
     * instances stay busy.
     */
    public static final double MANAGED_INSTANCES_MEAN_PER_SECOND = 50;

    /** The article's five questions, Q1 first. */
    public static final List<String> QUESTIONS = List.of(
            "Does the maximum execution time fit within 15 minutes?",
            "Do you need a protocol other than HTTP/HTTPS (WebSocket, gRPC, UDP, etc.)?",
            "Do you need fine-grained SG control for resources inside a private VPC, or ENI-attached address management?",
            "Is the traffic spiky/irregular, with much idle time expected?",
            "Do you want to skip writing an ALB, ECS cluster, task definition and IaC, and ship an HTTP API the fastest?");

    private static final String GPU = "needs GPU: none of the three; EC2 or SageMaker";
    private static final Duration LAMBDA_TIMEOUT = seconds(Limits.LAMBDA_MAX_TIMEOUT);
    private static final Duration API_GATEWAY_TIMEOUT = seconds(Limits.API_GATEWAY_HTTP_API_TIMEOUT);
    private static final Duration APP_RUNNER_TIMEOUT = seconds(Limits.APP_RUNNER_REQUEST_TIMEOUT);
    private static final long LAMBDA_SYNC_BYTES = mb(Limits.LAMBDA_SYNC_REQUEST);
    private static final long LAMBDA_SYNC_RESPONSE_BYTES = mb(Limits.LAMBDA_SYNC_RESPONSE);
    private static final long LAMBDA_ASYNC_BYTES = mb(Limits.LAMBDA_ASYNC_PAYLOAD);
    private static final long LAMBDA_MAX_MEMORY_MB = (long) Limits.LAMBDA_MAX_MEMORY.value();
    private static final long APP_RUNNER_MAX_MEMORY_MB = (long) (Limits.APP_RUNNER_MAX_MEMORY.value() * 1024);
    private static final long FARGATE_MAX_MEMORY_MB = (long) (Limits.FARGATE_MAX_TASK_MEMORY.value() * 1024);

    public Recommendation recommend(Workload w) {
        require(w != null, "a workload is required");
        List<Constraint> constraints = constraints(w);
        Set<Way> ruledOut = EnumSet.noneOf(Way.class);
        constraints.forEach(c -> ruledOut.add(c.way()));
        TrafficAnswer q4 = trafficAnswer(w);
        var steps = new ArrayList<Step>();
        Way choice = walk(w, q4, constraints, ruledOut, steps);
        return new Recommendation(choice, steps, constraints, ruledOut, notes(w, choice, q4));
    }

    /** Whether a day of this traffic peaks at {@link #SPIKY_PEAK_TO_MEAN} times the mean or more. */
    public static boolean spiky(TrafficProfile t) {
        return t.peakToMean() >= SPIKY_PEAK_TO_MEAN;
    }

    /**
     * Whether this traffic leaves a resident instance idle most of the time, from its shape alone; Q4 also asks
     * {@link #underused}, which needs the workload's duration.
     */
    public static boolean mostlyIdle(TrafficProfile t) {
        return fewActiveHours(t) || sparse(t);
    }

    private static boolean fewActiveHours(TrafficProfile t) {
        return t.activeHoursPerDay() <= IDLE_ACTIVE_HOURS;
    }

    private static boolean sparse(TrafficProfile t) {
        return TrafficProfile.meanPerSecond(t.requestsPerMonth()) < IDLE_MEAN_PER_SECOND;
    }

    /** Whether the workload keeps an instance busy less than {@link #IDLE_BUSY_SHARE} of its active hours. */
    public static boolean underused(Workload w) {
        return w.busyShare() < IDLE_BUSY_SHARE;
    }

    /** Every hard limit the workload hits, whatever the tree says, grouped by the way each rules out. */
    public static List<Constraint> constraints(Workload w) {
        require(w != null, "a workload is required");
        var cs = new ArrayList<Constraint>();
        String memory = "memory " + Units.memoryMb(w.memoryMb());
        Set<Protocol> other = w.nonHttpProtocols();
        String triggered = w.invocation() == Invocation.QUEUE ? "consumes a queue" : "is triggered by pushed events";

        // Lambda
        if (w.maxExecution().compareTo(LAMBDA_TIMEOUT) > 0) {
            cs.add(new Constraint(Way.LAMBDA, "runs " + Units.durationInSeconds(w.maxExecution()) + " > Lambda's "
                    + Limits.LAMBDA_MAX_TIMEOUT.display() + " limit"));
        }
        switch (w.invocation()) {
            case SYNC -> {
                if (w.requestBytes() > LAMBDA_SYNC_BYTES) {
                    cs.add(new Constraint(Way.LAMBDA, "request body " + Units.bytes(w.requestBytes()) + " > Lambda's "
                            + Limits.LAMBDA_SYNC_REQUEST.display() + " synchronous limit"));
                }
                if (w.responseBytes() > LAMBDA_SYNC_RESPONSE_BYTES) {
                    cs.add(new Constraint(Way.LAMBDA, "response body " + Units.bytes(w.responseBytes()) + " > Lambda's "
                            + Limits.LAMBDA_SYNC_RESPONSE.display() + " synchronous limit"));
                }
            }
            case QUEUE -> {
                if (w.requestBytes() > LAMBDA_SYNC_BYTES) {
                    cs.add(new Constraint(Way.LAMBDA, "message " + Units.bytes(w.requestBytes()) + " > Lambda's "
                            + Limits.LAMBDA_SYNC_REQUEST.display() + " limit for a queue's batch (invoked synchronously)"));
                }
            }
            case ASYNC -> {
                if (w.requestBytes() > LAMBDA_ASYNC_BYTES) {
                    cs.add(new Constraint(Way.LAMBDA, "event " + Units.bytes(w.requestBytes()) + " > Lambda's "
                            + Limits.LAMBDA_ASYNC_PAYLOAD.display() + " asynchronous limit"));
                }
            }
        }
        if (w.memoryMb() > LAMBDA_MAX_MEMORY_MB) {
            cs.add(new Constraint(Way.LAMBDA, memory + " > Lambda's " + Limits.LAMBDA_MAX_MEMORY.display()));
        }
        // WebSocket is left out: API Gateway's WebSocket API can front Lambda, at the cost the article describes
        var notOnLambda = EnumSet.noneOf(Protocol.class);
        notOnLambda.addAll(other);
        notOnLambda.remove(Protocol.WEBSOCKET);
        if (!notOnLambda.isEmpty()) {
            cs.add(new Constraint(Way.LAMBDA, "needs " + labels(notOnLambda)
                    + ": Lambda is reached over HTTP/HTTPS (API Gateway, ALB, function URL) or by events"));
        }
        if (w.gpu()) {
            cs.add(new Constraint(Way.LAMBDA, GPU));
        }

        // App Runner
        if (!w.appRunnerAvailable()) {
            cs.add(new Constraint(Way.APP_RUNNER, "account cannot create App Runner services (closed to new customers since "
                    + Limits.APP_RUNNER_NEW_CUSTOMERS.asOf() + ")"));
        }
        if (!other.isEmpty()) {
            cs.add(new Constraint(Way.APP_RUNNER, "needs " + labels(other) + ": App Runner serves HTTP/HTTPS only"));
        }
        if (w.invocation() == Invocation.SYNC && w.maxExecution().compareTo(APP_RUNNER_TIMEOUT) > 0) {
            cs.add(new Constraint(Way.APP_RUNNER, "request " + Units.durationInSeconds(w.maxExecution()) + " > App Runner's "
                    + Limits.APP_RUNNER_REQUEST_TIMEOUT.display() + " request timeout"));
        }
        if (w.invocation() != Invocation.SYNC) {
            cs.add(new Constraint(Way.APP_RUNNER, triggered + ": App Runner runs a service that answers HTTP requests,"
                    + " with no queue or event trigger"));
        }
        if (w.memoryMb() > APP_RUNNER_MAX_MEMORY_MB) {
            cs.add(new Constraint(Way.APP_RUNNER, memory + " > App Runner's largest instance, "
                    + Limits.APP_RUNNER_MAX_MEMORY.display()));
        }
        if (w.gpu()) {
            cs.add(new Constraint(Way.APP_RUNNER, GPU));
        }

        // ECS Express Mode: Fargate's limits, plus the Application Load Balancer in front
        var notOnAlb = EnumSet.noneOf(Protocol.class);
        for (Protocol p : other) {
            if (p == Protocol.TCP || p == Protocol.UDP) {
                notOnAlb.add(p);
            }
        }
        if (!notOnAlb.isEmpty()) {
            cs.add(new Constraint(Way.ECS_EXPRESS_MODE, "needs " + labels(notOnAlb)
                    + ": Express Mode serves through an Application Load Balancer, which speaks HTTP/HTTPS"));
        }
        if (w.invocation() != Invocation.SYNC) {
            cs.add(new Constraint(Way.ECS_EXPRESS_MODE, triggered + ": Express Mode deploys an HTTP service behind a"
                    + " load balancer; a worker is a plain Fargate service or task"));
        }
        if (w.memoryMb() > FARGATE_MAX_MEMORY_MB) {
            cs.add(new Constraint(Way.ECS_EXPRESS_MODE, memory + " > Fargate's "
                    + Limits.FARGATE_MAX_TASK_MEMORY.display() + " (Express Mode runs Fargate tasks)"));
        }
        if (w.gpu()) {
            cs.add(new Constraint(Way.ECS_EXPRESS_MODE, GPU));
        }

        // Fargate
        if (w.memoryMb() > FARGATE_MAX_MEMORY_MB) {
            cs.add(new Constraint(Way.FARGATE, memory + " > Fargate's " + Limits.FARGATE_MAX_TASK_MEMORY.display()));
        }
        if (w.gpu()) {
            cs.add(new Constraint(Way.FARGATE, GPU));
        }
        return List.copyOf(cs);
    }

    /** Q4's answer and why: the caller's, or derived from the traffic by the thresholds above. */
    private record TrafficAnswer(boolean yes, String reason) {}

    private static TrafficAnswer trafficAnswer(Workload w) {
        if (w.spiky() != null) {
            return new TrafficAnswer(w.spiky(), w.spiky()
                    ? "given: spiky/irregular with much idle time" : "given: steady, without much idle time");
        }
        TrafficProfile t = w.traffic();
        double mean = w.meanPerSecond();
        var why = new ArrayList<String>();
        if (spiky(t)) {
            why.add("peaks at " + Units.number(t.peakToMean()) + "× the mean ≥ " + Units.number(SPIKY_PEAK_TO_MEAN) + "× (spiky)");
        }
        if (fewActiveHours(t)) {
            why.add("requests arrive " + Units.number(t.activeHoursPerDay()) + " h a day ≤ "
                    + Units.number(IDLE_ACTIVE_HOURS) + " h (idle the rest)");
        }
        if (sparse(t)) {
            why.add("mean " + rate(mean) + " < one request a minute (idle between them)");
        }
        if (underused(w)) {
            why.add("busy " + busy(w) + " < " + Units.percent(IDLE_BUSY_SHARE) + " (an instance idle the rest)");
        }
        if (!why.isEmpty()) {
            return new TrafficAnswer(true, String.join("; ", why));
        }
        return new TrafficAnswer(false, "peaks at " + Units.number(t.peakToMean()) + "× the mean < "
                + Units.number(SPIKY_PEAK_TO_MEAN) + "×, requests arrive " + Units.number(t.activeHoursPerDay())
                + " h a day, mean " + rate(mean) + ", busy " + busy(w) + " ≥ " + Units.percent(IDLE_BUSY_SHARE)
                + ": steady enough to keep an instance busy");
    }

    /**
     * "0.38 % of the active hours (50,000 × 200 ms over 24 h a day)", "3.8 requests in flight on average (...)":
     * the busy share and the figures it comes from.
     */
    private static String busy(Workload w) {
        double share = w.busyShare();
        String figures = " (" + Units.number(w.traffic().requestsPerMonth()) + " × "
                + Units.duration(java.time.Duration.ofNanos(Math.round(w.meanDurationMs() * 1e6))) + " over "
                + Units.number(w.traffic().activeHoursPerDay()) + " h a day)";
        return share < 1 ? Units.percent(sig2(share)) + " of the active hours" + figures
                : "all the active hours, " + Units.number(sig2(share)) + " requests in flight on average" + figures;
    }

    private static double sig2(double x) {
        return new BigDecimal(x).round(new MathContext(2)).doubleValue();
    }

    private static Way walk(Workload w, TrafficAnswer q4, List<Constraint> cs, Set<Way> out, List<Step> steps) {
        String runs = "runs up to " + Units.durationInSeconds(w.maxExecution());
        if (w.maxExecution().compareTo(LAMBDA_TIMEOUT) > 0) {
            return decide(steps, 1, "no", runs + " > Lambda's " + Limits.LAMBDA_MAX_TIMEOUT.display(), Way.FARGATE,
                    "no time limit", cs, out);
        }
        steps.add(step(1, "yes", runs + " ≤ " + Limits.LAMBDA_MAX_TIMEOUT.display()));

        Set<Protocol> other = w.nonHttpProtocols();
        if (!other.isEmpty()) {
            return decide(steps, 2, "yes", "needs " + labels(other), Way.FARGATE, "any TCP or UDP protocol", cs, out);
        }
        steps.add(step(2, "no", "HTTP/HTTPS only"));

        if (w.network() == Network.FINE_GRAINED) {
            return decide(steps, 3, "yes", "needs " + Network.FINE_GRAINED.description(), Way.FARGATE,
                    "full VPC control with awsvpc, each task with its own ENI and security groups", cs, out);
        }
        steps.add(step(3, "no", w.network() == Network.PUBLIC ? Network.PUBLIC.description()
                : Network.PRIVATE_VPC.description() + " without fine-grained control, as Lambda in a VPC and App Runner's"
                + " VPC connector also can"));

        if (q4.yes && !out.contains(Way.LAMBDA)) {
            steps.add(step(4, "yes", q4.reason + " → Lambda: scales to zero, nothing billed while idle"));
            return Way.LAMBDA;
        }
        steps.add(step(4, q4.yes ? "yes" : "no", q4.yes
                ? q4.reason + " → Lambda, but " + why(Way.LAMBDA, cs) + ": on to Q5" : q4.reason));

        if (w.minimalOps()) {
            return decide(steps, 5, "yes", "minimal operations matter most", Way.APP_RUNNER,
                    "the least to operate, an image in and an HTTPS service out", cs, out);
        }
        return decide(steps, 5, "no", "control and room to grow matter more than shipping fastest", Way.FARGATE,
                "the widest room for future expansion", cs, out);
    }

    /** Records the deciding step: the tree's way, or the next one down when a constraint rules it out. */
    private static Way decide(List<Step> steps, int question, String answer, String reason, Way way, String because,
                              List<Constraint> cs, Set<Way> out) {
        var text = new StringBuilder(reason).append(" → ").append(way.label());
        while (out.contains(way)) {
            text.append(", but ").append(why(way, cs));
            way = switch (way) {
                case APP_RUNNER -> Way.ECS_EXPRESS_MODE;
                case ECS_EXPRESS_MODE, LAMBDA, LAMBDA_MANAGED_INSTANCES -> Way.FARGATE;
                case FARGATE, EC2_OR_SAGEMAKER -> Way.EC2_OR_SAGEMAKER;
            };
            because = switch (way) {
                case ECS_EXPRESS_MODE -> "the path AWS points new workloads to since App Runner closed to new customers,"
                        + " Fargate tasks behind a load balancer it creates, with auto scaling and no charge of its own";
                case FARGATE -> "the way with the fewest limits";
                default -> "none of the three can run it";
            };
            text.append(" → ").append(way.label());
        }
        steps.add(step(question, answer, text.append(": ").append(because).toString()));
        return way;
    }

    private static List<String> notes(Workload w, Way choice, TrafficAnswer q4) {
        var notes = new ArrayList<String>();
        if (choice == Way.LAMBDA && w.invocation() == Invocation.SYNC) {
            notes.add("a caller waits on every request, and " + Units.percent(w.traffic().coldStartShare())
                    + " of them (this traffic's cold-start share) start a new execution environment: SnapStart cuts a"
                    + " Java cold start at no extra charge; Provisioned Concurrency removes it for an hourly charge, which"
                    + " moves Lambda's cost toward Fargate's");
            if (w.protocols().contains(Protocol.HTTP) && w.maxExecution().compareTo(API_GATEWAY_TIMEOUT) > 0) {
                notes.add("API Gateway HTTP API cuts synchronous requests at " + Limits.API_GATEWAY_HTTP_API_TIMEOUT.display()
                        + " and this one runs up to " + Units.durationInSeconds(w.maxExecution())
                        + ": use a function URL (up to Lambda's " + Limits.LAMBDA_MAX_TIMEOUT.display() + ") or an ALB");
            }
        }
        if (choice == Way.LAMBDA && w.network() == Network.PRIVATE_VPC) {
            notes.add("Lambda in a VPC: it reaches the private resources through network interfaces in your subnets;"
                    + " AWS APIs and the internet then need VPC endpoints or a NAT gateway, and the article warns of"
                    + " longer cold starts there");
        }
        if (choice == Way.APP_RUNNER) {
            notes.add("App Runner closed to new customers on " + Limits.APP_RUNNER_NEW_CUSTOMERS.asOf() + ": this"
                    + " account can still create services, but AWS plans no new features and points new workloads to"
                    + " ECS Express Mode, which runs the same image");
        }
        if (choice == Way.ECS_EXPRESS_MODE) {
            notes.add("Express Mode has no charge of its own: you pay for the Fargate tasks (per vCPU and GB per second,"
                    + " 1-minute minimum) and for the Application Load Balancer it creates, billed every hour even when"
                    + " idle and shared by the Express Mode services that use it");
        }
        boolean container = choice == Way.APP_RUNNER || choice == Way.ECS_EXPRESS_MODE || choice == Way.FARGATE;
        if (container && !q4.yes && w.meanPerSecond() >= MANAGED_INSTANCES_MEAN_PER_SECOND
                && w.protocols().equals(Set.of(Protocol.HTTP)) && w.maxExecution().compareTo(LAMBDA_TIMEOUT) <= 0
                && !w.gpu()) {
            notes.add("steady, high traffic (mean " + rate(w.meanPerSecond()) + "): Lambda Managed Instances (announced "
                    + Limits.LAMBDA_MANAGED_INSTANCES_CONCURRENCY.asOf() + ") runs Lambda functions on EC2 instances in"
                    + " your account, several requests at once per environment, priced as the instance plus a management"
                    + " fee plus Lambda's request charge; AWS positions it for this kind of traffic: price it beside "
                    + choice.label());
        }
        return notes;
    }

    private static Step step(int question, String answer, String reason) {
        return new Step(question, QUESTIONS.get(question - 1), answer, reason);
    }

    private static String why(Way way, List<Constraint> cs) {
        return cs.stream().filter(c -> c.way() == way).map(Constraint::text).collect(Collectors.joining("; "));
    }

    private static String labels(Set<Protocol> protocols) {
        return protocols.stream().map(Protocol::label).collect(Collectors.joining(", "));
    }

    /** "3.8 requests/s", "0.000951 requests/s": three significant figures. */
    private static String rate(double perSecond) {
        return Units.number(new BigDecimal(perSecond).round(new MathContext(3)).doubleValue()) + " requests/s";
    }

    private static Duration seconds(Limit limit) {
        return Duration.ofSeconds((long) limit.value());
    }

    private static long mb(Limit limit) {
        return (long) (limit.value() * Units.MB);
    }
}
