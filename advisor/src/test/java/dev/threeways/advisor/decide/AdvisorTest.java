package dev.threeways.advisor.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AdvisorTest {

    private final Advisor advisor = new Advisor();
    private final Workload api = Workload.DEFAULT.withTraffic(TrafficProfile.STEADY);

    private static List<Integer> numbers(Recommendation r) {
        return r.steps().stream().map(Step::number).toList();
    }

    private static boolean anyNote(Recommendation r, String fragment) {
        return r.notes().stream().anyMatch(n -> n.contains(fragment));
    }

    @Test
    void stopsAtQ1WhenTheRunIsLongerThanLambdasLimit() {
        var r = advisor.recommend(api.withDurations(Duration.ofMinutes(10), Duration.ofMinutes(20)));

        assertEquals(List.of(1), numbers(r));
        assertEquals("no", r.steps().getFirst().answer());
        assertEquals(Advisor.QUESTIONS.getFirst(), r.steps().getFirst().question());
        assertTrue(r.decidingStep().reason().contains("20 min (1,200 s) > Lambda's 900 s"), r::summary);
        assertEquals(Way.FARGATE, r.choice());
    }

    @Test
    void exactly900SecondsStillFitsLambda() {
        var r = advisor.recommend(api.withDurations(Duration.ofMinutes(5), Duration.ofSeconds(900)));

        assertEquals("yes", r.steps().getFirst().answer());
        assertFalse(r.ruledOut().contains(Way.LAMBDA), r.constraints()::toString);
    }

    @Test
    void stopsAtQ2ForAnotherProtocol() {
        var r = advisor.recommend(api.withProtocols(Protocol.HTTP, Protocol.UDP));

        assertEquals(List.of(1, 2), numbers(r));
        assertEquals(List.of("yes", "yes"), r.steps().stream().map(Step::answer).toList());
        assertEquals(Way.FARGATE, r.choice());
        assertTrue(r.ruledOut().containsAll(Set.of(Way.LAMBDA, Way.APP_RUNNER, Way.ECS_EXPRESS_MODE)), r.constraints()::toString);
    }

    @Test
    void stopsAtQ3ForFineGrainedNetworkControl() {
        var r = advisor.recommend(api.withNetwork(Network.FINE_GRAINED).withMinimalOps(true));

        assertEquals(List.of(1, 2, 3), numbers(r));
        assertEquals("yes", r.decidingStep().answer());
        assertEquals(Way.FARGATE, r.choice());
    }

    @Test
    void asksAllFiveQuestionsInOrderForASteadyApi() {
        var r = advisor.recommend(api.withMinimalOps(true).withAppRunnerAvailable(true));

        assertEquals(List.of(1, 2, 3, 4, 5), numbers(r));
        assertEquals(Advisor.QUESTIONS, r.steps().stream().map(Step::question).toList());
        assertEquals(List.of("yes", "no", "no", "no", "yes"), r.steps().stream().map(Step::answer).toList());
        assertEquals(Way.APP_RUNNER, r.choice());
    }

    @Test
    void stopsAtQ4WhenLambdaFits() {
        var r = advisor.recommend(api.withTraffic(TrafficProfile.SPIKY).withMinimalOps(true));

        assertEquals(List.of(1, 2, 3, 4), numbers(r));
        assertEquals(Way.LAMBDA, r.choice());
        assertTrue(r.decidingStep().reason().contains("6× the mean"), r::summary);
    }

    @Test
    void q4GoesOnToQ5WhenAConstraintRulesLambdaOut() {
        var r = advisor.recommend(api.withTraffic(TrafficProfile.SPIKY).withRequestBytes(8 * Units.MB));

        assertEquals(List.of(1, 2, 3, 4, 5), numbers(r));
        assertEquals("yes", r.steps().get(3).answer());
        assertTrue(r.steps().get(3).reason().contains("request body 8 MB > Lambda's 6 MB synchronous limit"), r::summary);
        assertEquals(Way.FARGATE, r.choice());
    }

    @Test
    void newAccountWithMinimalOpsGetsExpressModeAndSaysWhy() {
        var r = advisor.recommend(api.withMinimalOps(true));

        assertEquals(Way.ECS_EXPRESS_MODE, r.choice());
        assertTrue(r.ruledOut().contains(Way.APP_RUNNER));
        String reason = r.decidingStep().reason();
        assertTrue(reason.contains("2026-04-30") && reason.contains("load balancer"), reason);
        assertTrue(anyNote(r, "Application Load Balancer"), r.notes()::toString);
        assertTrue(r.summary().startsWith("ECS Express Mode — Q5 yes:"), r.summary());
    }

    @Test
    void spikyOverrideWinsOverTheTraffic() {
        assertEquals(Way.LAMBDA, advisor.recommend(api.withSpiky(true)).choice());
        var steady = advisor.recommend(api.withTraffic(TrafficProfile.SPIKY).withSpiky(false));
        assertEquals(Way.FARGATE, steady.choice());
        assertEquals("no", steady.steps().get(3).answer());
    }

    @Test
    void q4ThresholdsAreInclusiveWhereDocumented() {
        long requests = 10_000_000L;
        // peak 4× for 3 h carries half the day; the other half spreads over 21 h at 4/7×
        var atFour = new TrafficProfile("four", "", requests, 24, 3, 4, 0);
        var belowFour = new TrafficProfile("below", "", requests, 24, 3, 3.9, 0);
        assertTrue(Advisor.spiky(atFour));
        assertFalse(Advisor.spiky(belowFour));

        assertTrue(Advisor.mostlyIdle(new TrafficProfile("six hours", "", requests, 6, 6, 4, 0)));
        assertFalse(Advisor.mostlyIdle(new TrafficProfile("seven hours", "", requests, 7, 7, 24.0 / 7, 0)));

        // one request a minute is 43,800 a month
        assertFalse(Advisor.mostlyIdle(new TrafficProfile("a minute", "", 43_800, 24, 24, 1, 0)));
        assertTrue(Advisor.mostlyIdle(new TrafficProfile("less", "", 43_799, 24, 24, 1, 0)));
    }

    @Test
    void q4JudgesAnApiThatKeepsAnInstanceBusyUnderOnePercentIdle() {
        // 50,000 requests a month of 200 ms around the clock: 10,000 busy seconds of 2,628,000, 0.38 %; a request every
        // 53 s, so the one-a-minute rule alone called it steady
        var light = new TrafficProfile("light", "", 50_000, 24, 24, 1, 0);
        var api = Workload.DEFAULT.withTraffic(light).withDurations(Duration.ofMillis(200), Duration.ofSeconds(30));
        assertEquals(0.0038, api.busyShare(), 0.00005);
        assertTrue(Advisor.underused(api));
        var r = advisor.recommend(api);
        assertEquals(Way.LAMBDA, r.choice(), r::summary);
        assertEquals("yes", r.steps().get(3).answer());
        assertTrue(r.steps().get(3).reason().contains("busy 0.38 % of the active hours (50,000 × 200 ms over 24 h a day)"
                + " < 1 %"), r.steps().get(3).reason());

        // the same as a bursty SQS worker (peaks below the spiky line): Lambda, the only way a queue has besides Fargate
        var bursty = new TrafficProfile("bursty", "", 50_000, 24, 4, 3, 0);
        var worker = api.withTraffic(bursty).withInvocation(Invocation.QUEUE);
        assertFalse(Advisor.spiky(bursty));
        assertEquals(Way.LAMBDA, advisor.recommend(worker).choice(), advisor.recommend(worker)::summary);

        // the caller's answer still wins
        assertEquals(Way.FARGATE, advisor.recommend(api.withSpiky(false)).choice());
        assertEquals(Way.FARGATE, advisor.recommend(worker.withSpiky(false)).choice());
    }

    @Test
    void q4BusyShareLineIsInclusiveAndCountsOnlyTheActiveHours() {
        // 1 % of a month around the clock is 26,280 busy seconds: 262,800 requests of 100 ms
        var atLine = Workload.DEFAULT.withTraffic(new TrafficProfile("at", "", 262_800, 24, 24, 1, 0));
        var below = Workload.DEFAULT.withTraffic(new TrafficProfile("below", "", 262_799, 24, 24, 1, 0));
        assertEquals(Advisor.IDLE_BUSY_SHARE, atLine.busyShare(), 1e-12);
        assertFalse(Advisor.underused(atLine));
        assertTrue(Advisor.underused(below));
        assertEquals("no", advisor.recommend(atLine).steps().get(3).answer());
        assertTrue(advisor.recommend(atLine).steps().get(3).reason().contains("busy 1 % of the active hours"),
                advisor.recommend(atLine)::summary);
        assertEquals("yes", advisor.recommend(below).steps().get(3).answer());

        // the same requests in 10 working hours keep an instance 2.4 times as busy in those hours: steady
        var workingDay = Workload.DEFAULT.withTraffic(new TrafficProfile("day", "", 150_000, 10, 10, 2.4, 0));
        assertEquals(150_000 * 0.1 / (TrafficProfile.DAYS_PER_MONTH * 10 * 3600), workingDay.busyShare(), 1e-12);
        assertFalse(Advisor.underused(workingDay));

        // the default API (1 M requests of 100 ms: 3.8 %) stays steady
        assertFalse(Advisor.underused(Workload.DEFAULT));
        assertEquals(Way.FARGATE, advisor.recommend(Workload.DEFAULT).choice());
        // many requests in flight at once read as such, not as a share above 100 %
        assertTrue(advisor.recommend(this.api).steps().get(3).reason()
                .contains("busy 38 % of the active hours (10,000,000 × 100 ms over 24 h a day) ≥ 1 %"),
                advisor.recommend(this.api)::summary);
        var busy = this.api.withDurations(Duration.ofSeconds(2), Duration.ofSeconds(30));
        assertTrue(advisor.recommend(busy).steps().get(3).reason().contains("all the active hours, 7.6 requests in flight"),
                advisor.recommend(busy)::summary);
    }

    @Test
    void gpuMeansEc2OrSageMakerWhateverTheTreeSays() {
        for (Workload w : List.of(api.withGpu(true), api.withGpu(true).withMinimalOps(true),
                api.withGpu(true).withTraffic(TrafficProfile.SPIKY),
                api.withGpu(true).withDurations(Duration.ofMinutes(30), Duration.ofHours(1)))) {
            var r = advisor.recommend(w);
            assertEquals(Way.EC2_OR_SAGEMAKER, r.choice(), r::summary);
            assertEquals(Set.of(Way.LAMBDA, Way.APP_RUNNER, Way.ECS_EXPRESS_MODE, Way.FARGATE), r.ruledOut());
        }
    }

    @Test
    void constraintsAreCollectedEvenWhenTheTreeStopsEarly() {
        var w = api.withDurations(Duration.ofMinutes(1), Duration.ofMinutes(5)).withRequestBytes(8 * Units.MB)
                .withMemoryMb(16 * 1024).withProtocols(Protocol.WEBSOCKET);
        var texts = Advisor.constraints(w).stream().map(Constraint::toString).toList();

        assertTrue(texts.contains("Lambda: request body 8 MB > Lambda's 6 MB synchronous limit"), texts::toString);
        assertTrue(texts.contains("Lambda: memory 16 GB > Lambda's 10,240 MB"), texts::toString);
        assertTrue(texts.contains("App Runner: needs WebSocket: App Runner serves HTTP/HTTPS only"), texts::toString);
        assertTrue(texts.contains("App Runner: request 5 min (300 s) > App Runner's 120 s request timeout"), texts::toString);
        assertTrue(texts.contains("App Runner: memory 16 GB > App Runner's largest instance, 12 GB"), texts::toString);
        assertFalse(texts.stream().anyMatch(t -> t.startsWith("Lambda: needs")), "WebSocket can front Lambda: " + texts);
        assertFalse(texts.stream().anyMatch(t -> t.startsWith("ECS on Fargate")), texts::toString);
    }

    @Test
    void payloadLimitsFollowTheInvocationAndAreBinary() {
        long sixMb = 6 * Units.MB;
        assertTrue(Advisor.constraints(api.withRequestBytes(sixMb)).stream().noneMatch(c -> c.way() == Way.LAMBDA));
        assertTrue(Advisor.constraints(api.withRequestBytes(sixMb + 1)).stream().anyMatch(c -> c.way() == Way.LAMBDA));
        assertTrue(Advisor.constraints(api.withResponseBytes(sixMb + 1)).stream()
                .anyMatch(c -> c.text().startsWith("response body 6,291,457 bytes > Lambda's 6 MB")));

        var event = api.withInvocation(Invocation.ASYNC);
        assertTrue(Advisor.constraints(event.withRequestBytes(Units.MB)).stream().noneMatch(c -> c.way() == Way.LAMBDA));
        assertTrue(Advisor.constraints(event.withRequestBytes(2 * Units.MB)).stream()
                .anyMatch(c -> c.text().equals("event 2 MB > Lambda's 1 MB asynchronous limit")));
        // nobody receives an event's response, so its size is no constraint
        assertTrue(Advisor.constraints(event.withResponseBytes(8 * Units.MB)).stream().noneMatch(c -> c.way() == Way.LAMBDA));

        var queue = api.withInvocation(Invocation.QUEUE);
        assertTrue(Advisor.constraints(queue.withRequestBytes(2 * Units.MB)).stream().noneMatch(c -> c.way() == Way.LAMBDA));
    }

    @Test
    void appRunnerTimeoutAppliesOnlyToRequestsSomeoneWaitsFor() {
        var events = advisor.recommend(api.withInvocation(Invocation.ASYNC)
                .withDurations(Duration.ofMinutes(1), Duration.ofMinutes(5)).withAppRunnerAvailable(true));
        assertTrue(events.constraints().stream().noneMatch(c -> c.text().contains("request timeout")), events.constraints()::toString);
        assertTrue(events.constraints().stream().anyMatch(c -> c.way() == Way.APP_RUNNER
                && c.text().startsWith("is triggered by pushed events")), events.constraints()::toString);
    }

    @Test
    void notesApiGatewayTimeoutOnlyForLongSynchronousLambdaRequests() {
        var longRequests = advisor.recommend(api.withTraffic(TrafficProfile.SPIKY)
                .withDurations(Duration.ofSeconds(10), Duration.ofSeconds(45)));
        assertEquals(Way.LAMBDA, longRequests.choice());
        assertTrue(anyNote(longRequests, "API Gateway HTTP API cuts synchronous requests at 30 s"), longRequests.notes()::toString);
        assertTrue(anyNote(longRequests, "function URL"));

        var shortRequests = advisor.recommend(api.withTraffic(TrafficProfile.SPIKY));
        assertFalse(anyNote(shortRequests, "API Gateway"), shortRequests.notes()::toString);

        var events = advisor.recommend(api.withTraffic(TrafficProfile.SPIKY).withInvocation(Invocation.ASYNC)
                .withDurations(Duration.ofSeconds(10), Duration.ofSeconds(45)));
        assertEquals(Way.LAMBDA, events.choice());
        assertFalse(anyNote(events, "API Gateway"), events.notes()::toString);
        assertFalse(anyNote(events, "SnapStart"), events.notes()::toString);
    }

    @Test
    void notesColdStartsForASynchronousLambdaApi() {
        var r = advisor.recommend(api.withTraffic(TrafficProfile.SPIKY));
        assertTrue(anyNote(r, "SnapStart") && anyNote(r, "Provisioned Concurrency"), r.notes()::toString);
        assertTrue(anyNote(r, "0.1 %"), r.notes()::toString);
    }

    @Test
    void notesLambdaInAVpcOnlyWhenItIsChosenForPrivateResources() {
        var vpc = advisor.recommend(api.withTraffic(TrafficProfile.SPIKY).withNetwork(Network.PRIVATE_VPC));
        assertEquals(Way.LAMBDA, vpc.choice());
        assertTrue(anyNote(vpc, "Lambda in a VPC"), vpc.notes()::toString);
        assertEquals("no", vpc.steps().get(2).answer());

        assertFalse(anyNote(advisor.recommend(api.withTraffic(TrafficProfile.SPIKY)), "Lambda in a VPC"));
        assertFalse(anyNote(advisor.recommend(api.withNetwork(Network.PRIVATE_VPC)), "Lambda in a VPC"));
    }

    @Test
    void notesManagedInstancesForSteadyHighHttpTrafficOnAContainerWay() {
        var high = new TrafficProfile("high", "", 200_000_000L, 24, 24, 1, 0);
        var r = advisor.recommend(api.withTraffic(high));
        assertEquals(Way.FARGATE, r.choice());
        assertTrue(anyNote(r, "Lambda Managed Instances"), r.notes()::toString);
        assertTrue(anyNote(r, "price it beside ECS on Fargate"), r.notes()::toString);

        assertFalse(anyNote(advisor.recommend(api), "Managed Instances"), "10 M a month is not high");
        assertFalse(anyNote(advisor.recommend(api.withTraffic(high).withProtocols(Protocol.HTTP, Protocol.GRPC)),
                "Managed Instances"), "not for other protocols");
        assertFalse(anyNote(advisor.recommend(api.withTraffic(high)
                .withDurations(Duration.ofMinutes(10), Duration.ofMinutes(20))), "Managed Instances"), "not for long runs");
    }

    @Test
    void notesAppRunnersClosureWhenItIsChosen() {
        var r = advisor.recommend(api.withMinimalOps(true).withAppRunnerAvailable(true));
        assertTrue(anyNote(r, "closed to new customers on 2026-04-30"), r.notes()::toString);
    }

    @Test
    void summaryIsOneLineNamingTheWayAndTheDecidingQuestion() {
        var r = advisor.recommend(api.withDurations(Duration.ofMinutes(10), Duration.ofMinutes(40)));
        String summary = r.summary();

        assertFalse(summary.contains("\n"), summary);
        assertTrue(summary.startsWith("ECS on Fargate — Q1 no: runs up to 40 min (2,400 s) > Lambda's 900 s"), summary);
        assertTrue(summary.contains("[ruled out: Lambda, App Runner]"), summary);
    }

    @Test
    void refusesNoWorkload() {
        var e = assertThrows(IllegalArgumentException.class, () -> advisor.recommend(null));
        assertTrue(e.getMessage().contains("workload"), e.getMessage());
    }

    @Test
    void recommendationRefusesAChoiceItsConstraintsRuleOut() {
        var step = new Step(1, Advisor.QUESTIONS.getFirst(), "no", "runs 20 min");
        var lambdaOut = new Constraint(Way.LAMBDA, "runs 20 min > Lambda's 900 s limit");
        var e = assertThrows(IllegalArgumentException.class, () -> new Recommendation(Way.LAMBDA, List.of(step),
                List.of(lambdaOut), Set.of(Way.LAMBDA), List.of()));
        assertTrue(e.getMessage().contains("ruled out"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Recommendation(Way.FARGATE, List.of(step),
                List.of(lambdaOut), Set.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Step(6, "?", "yes", "why"));
        assertThrows(IllegalArgumentException.class, () -> new Step(1, "?", "maybe", "why"));
    }
}
