package dev.threeways.advisor.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class AdvisorMainTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    record Run(int exit, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    static Run run(String... args) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int exit = AdvisorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommandsAndEachCommandItsOptions() {
        Run top = run("--help");
        assertEquals(0, top.exit());
        for (String c : List.of("recommend", "cost", "limits", "prices")) {
            assertTrue(top.out().contains("advisor " + c), top.out());
        }
        Run cost = run("cost", "--help");
        assertEquals(0, cost.exit());
        for (String o : List.of("--max-duration", "--requests-per-month", "--region", "--task-size", "--free-tier", "--no-alb")) {
            assertTrue(cost.out().contains(o), o + " missing from: " + cost.out());
        }
        assertEquals(2, run().exit(), "no command is a usage error");
    }

    @Test
    void recommendWalksTheQuestionsAndNamesTheLimit() {
        Run r = run("recommend", "--max-duration", "20m");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Recommendation: ECS on Fargate"), r.out());
        assertTrue(r.out().contains("Q1 Does the maximum execution time fit within 15 minutes?"), r.out());
        assertTrue(r.out().contains("900 s"), r.out());
    }

    @Test
    void recommendAsJson() {
        Run r = run("recommend", "--requests-per-month", "2500", "--active-hours", "10", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = r.json();
        assertEquals("LAMBDA", json.get("choice").asString());
        assertEquals(4, json.get("steps").size(), json.toString());
        assertEquals("yes", json.get("steps").get(3).get("answer").asString());
        assertEquals(2500, json.get("workload").get("requestsPerMonth").asLong());
    }

    @Test
    void costPricesEveryWayLineByLineAndFindsTheCrossovers() {
        Run r = run("cost", "--requests-per-month", "10M", "--duration", "50ms", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode json = r.json();
        var ways = new ArrayList<String>();
        json.get("ways").forEach(w -> ways.add(w.get("way").asString()));
        assertEquals(List.of("LAMBDA", "APP_RUNNER", "ECS_EXPRESS_MODE", "FARGATE"), ways);
        for (JsonNode way : json.get("ways")) {
            double sum = 0;
            for (JsonNode line : way.get("lines")) {
                sum += line.get("usd").asDouble();
            }
            assertEquals(way.get("monthlyUsd").asDouble(), sum, 1e-9, way.toString());
            assertTrue(way.get("monthlyUsd").asDouble() > 0, way.toString());
        }
        // 10 M requests of 50 ms at 512 MB on Arm: 250 000 GB-s, $2 of requests, $10 of HTTP API
        JsonNode lambda = json.get("ways").get(0);
        assertEquals(2.00 + 250_000 * 0.0000133334 + 10.00, lambda.get("monthlyUsd").asDouble(), 1e-6);
        assertTrue(json.get("crossovers").size() >= 1, json.get("crossovers").toString());
        assertEquals("LAMBDA", json.get("crossovers").get(0).get("cheaperBelow").asString());
        assertEquals(4, json.get("curve").size());
        assertTrue(json.get("prices").size() >= 5);
        json.get("prices").forEach(p -> assertTrue(p.get("source").asString().startsWith("https://"), p.toString()));
    }

    @Test
    void tokyoCostsMoreThanVirginiaForTheSameContainers() {
        double us = run("cost", "--json").json().get("ways").get(3).get("monthlyUsd").asDouble();
        double tokyo = run("cost", "--region", "ap-northeast-1", "--json").json().get("ways").get(3).get("monthlyUsd").asDouble();
        assertTrue(tokyo > us, us + " vs " + tokyo);
    }

    @Test
    void switchesChangeTheBill() {
        double withAlb = fargate(run("cost", "--json"));
        double withoutAlb = fargate(run("cost", "--no-alb", "--json"));
        // the default 1 M requests a month, steady: an LCU per 25 new connections a second
        double lcuHours = 1e6 / (730 * 3600) / 25 * 730;
        assertEquals(730 * 0.0225 + lcuHours * 0.008, withAlb - withoutAlb, 1e-9, "the ALB's hours and LCUs");
        double spot = fargate(run("cost", "--no-alb", "--spot-share", "1", "--spot-discount", "0.5", "--json"));
        assertEquals(withoutAlb / 2, spot, 1e-9);
        double nat = fargate(run("cost", "--no-alb", "--nat-gateways", "1", "--json"));
        assertEquals(730 * 0.045, nat - withoutAlb, 1e-9);
    }

    private static double fargate(Run r) {
        assertEquals(0, r.exit(), r.err());
        return r.json().get("ways").get(3).get("monthlyUsd").asDouble();
    }

    @Test
    void aWorkloadFileAndOptionsTogetherOptionsWin(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("batch.properties");
        Files.writeString(file, """
                # a nightly batch
                invocation=async
                max-duration=40m
                requests-per-month=30
                duration=35m
                memory=4GB
                region=ap-northeast-1
                """);
        Run r = run("cost", "--file", file.toString(), "--memory", "8GB", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("ap-northeast-1", r.json().get("region").asString());
        assertEquals(8192, r.json().get("workload").get("memoryMb").asLong());
        // 40 minutes: Lambda is priced but ruled out, and an event-driven run is a Fargate task of its own
        JsonNode lambda = r.json().get("ways").get(0);
        assertEquals("LAMBDA", lambda.get("way").asString());
        assertTrue(lambda.get("ruledOut").get(0).asString().contains("900 s"), lambda.toString());
        assertEquals("FARGATE", r.json().get("cheapest").asString());
        JsonNode fargate = r.json().get("ways").get(3);
        assertEquals(2, fargate.get("lines").size(), "vCPU and memory, no load balancer: " + fargate);
        // 30 runs of 35 minutes on the smallest task holding 8 GB (1 vCPU) in Tokyo, per hour
        assertEquals(30 * 35 / 60.0 * (0.04045 + 8 * 0.00442), fargate.get("monthlyUsd").asDouble(), 1e-9);
        Run rec = run("recommend", "--file", file.toString());
        assertEquals(2, rec.exit(), "region is a cost key, not a workload key: " + rec.out());
        assertTrue(rec.err().contains("unknown key region"), rec.err());
    }

    @Test
    void impossibleInputIsAClearErrorNotAStackTrace() {
        assertError(run("recommend", "--duration", "-5s"), "duration");
        assertError(run("cost", "--region", "eu-west-9"), "us-east-1, ap-northeast-1");
        assertError(run("cost", "--task-size", "1x16"), "2");
        assertError(run("recommend", "--invocation", "maybe"), "invocation");
        assertError(run("recommend", "--colour", "blue"), "unknown option: --colour");
        assertError(run("cost", "--file", "/nonexistent/w.properties"), "no workload file");
        assertError(run("frobnicate"), "unknown command");
    }

    private static void assertError(Run r, String fragment) {
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().startsWith("advisor: "), r.err());
        assertTrue(r.err().contains(fragment), fragment + " not in: " + r.err());
        assertTrue(!r.err().contains("\tat "), "a stack trace: " + r.err());
    }

    @Test
    void limitsAndPricesListTheirSources() {
        Run limits = run("limits", "--json");
        assertEquals(0, limits.exit());
        limits.json().forEach(l -> assertTrue(l.get("source").asString().startsWith("https://"), l.toString()));
        Run prices = run("prices", "--region", "ap-northeast-1");
        assertEquals(0, prices.exit());
        assertTrue(prices.out().contains("fargate.vcpu.x86") && prices.out().contains("0.05056"), prices.out());
    }
}
