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
    void autoJudgesALightlyUsedApiOrWorkerIdleFromTheBusyShareAndHelpSaysSo() {
        // an instance busy about 0.4 % of the time: not steady, whatever the one-a-minute rule says
        Run api = run("recommend", "--requests-per-month", "50k", "--duration", "200ms", "--json");
        assertEquals(0, api.exit(), api.err());
        assertEquals("LAMBDA", api.json().get("choice").asString(), api.out());
        JsonNode q4 = api.json().get("steps").get(3);
        assertEquals("yes", q4.get("answer").asString());
        assertTrue(q4.get("reason").asString().contains("busy 0.38 % of the active hours"), q4.toString());
        Run worker = run("recommend", "--invocation", "queue", "--requests-per-month", "50k", "--duration", "200ms",
                "--peak-to-mean", "3", "--peak-hours", "4", "--json");
        assertEquals("LAMBDA", worker.json().get("choice").asString(), worker.out());
        // an explicit answer still wins
        Run steady = run("recommend", "--requests-per-month", "50k", "--duration", "200ms", "--spiky", "false", "--json");
        assertEquals("FARGATE", steady.json().get("choice").asString(), steady.out());
        assertEquals("given: steady, without much idle time", steady.json().get("steps").get(3).get("reason").asString());
        for (String command : List.of("recommend", "cost")) {
            String help = run(command, "--help").out();
            String spiky = help.lines().filter(l -> l.startsWith("  --spiky")).findFirst().orElseThrow();
            assertTrue(spiky.contains("busy less than 1 % of the active hours") && spiky.contains("requests-per-month × duration"),
                    command + ": " + spiky);
        }
    }

    @Test
    void costJsonGivesTheRoundedMonthlyFigureInDollarsUnderADollarName() {
        JsonNode ways = run("cost", "--requests-per-month", "10M", "--duration", "50ms", "--json").json().get("ways");
        for (JsonNode way : ways) {
            assertTrue(way.get("monthlyCents") == null, "a dollar figure named cents: " + way);
            double exact = way.get("monthlyUsd").asDouble();
            assertEquals(Math.round(exact * 100) / 100.0, way.get("monthlyUsdRounded").asDouble(), 1e-9, way.toString());
        }
        // Lambda's $15.33 (10 M requests $2, 250 000 GB-seconds $3.33, the HTTP API $10) is dollars, not cents
        assertEquals(15.33, ways.get(0).get("monthlyUsdRounded").asDouble(), 1e-9);
    }

    @Test
    void anAsynchronousWorkloadIsPricedWithoutAFrontDoorAndSaysWhy() {
        for (String invocation : List.of("async", "queue")) {
            Run r = run("cost", "--invocation", invocation, "--requests-per-month", "1M", "--fargate-scaling", "auto", "--json");
            assertEquals(0, r.exit(), r.err());
            JsonNode lambda = r.json().get("ways").get(0);
            assertEquals("LAMBDA", lambda.get("way").asString());
            var keys = new ArrayList<String>();
            lambda.get("lines").forEach(l -> keys.add(l.get("key").asString()));
            assertEquals(List.of("lambda.requests", "lambda.duration.arm"), keys, invocation + ": " + lambda);
            // 1 M requests of 100 ms at 512 MB on Arm, nothing in front
            assertEquals(0.20 + 50_000 * 0.0000133334, lambda.get("monthlyUsd").asDouble(), 1e-9);
            JsonNode fargate = r.json().get("ways").get(3);
            fargate.get("lines").forEach(l -> assertTrue(!l.get("key").asString().startsWith("alb."), invocation + ": " + fargate));
            var assumptions = new ArrayList<String>();
            r.json().get("assumptions").forEach(a -> assumptions.add(a.asString()));
            int lambdaLine = assumptions.indexOf("Lambda: no front door priced; free tier off.");
            assertTrue(lambdaLine >= 0, assumptions.toString());
            assertTrue(assumptions.get(lambdaLine + 1).contains(invocation.equals("queue") ? "consumes a queue"
                    : "triggered by pushed events") && assumptions.get(lambdaLine + 1).contains("no front door is priced"),
                    assumptions.toString());
        }
        // a synchronous API keeps its HTTP API
        JsonNode sync = run("cost", "--requests-per-month", "1M", "--json").json();
        assertTrue(sync.get("ways").get(0).toString().contains("apigw.http-requests"), sync.get("ways").get(0).toString());
        sync.get("assumptions").forEach(a -> assertTrue(!a.asString().contains("no front door"), a.asString()));
    }

    @Test
    void anEmptyOrCommentsOnlyWorkloadFileIsAUsageErrorNamingIt(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.properties"), "");
        Path comments = Files.writeString(dir.resolve("comments.properties"), "# a workload\n\n  # to be filled in\n");
        for (String command : List.of("recommend", "cost")) {
            assertError(run(command, "--file", empty.toString()), "workload file " + empty + " has no key=value lines (it is empty)");
            assertError(run(command, "--file", comments.toString()), "workload file " + comments
                    + " has no key=value lines (only comments)");
        }
    }

    @Test
    void dashHIsHelpForEveryCommand() {
        for (String command : List.of("recommend", "cost", "limits", "prices")) {
            Run longForm = run(command, "--help");
            Run shortForm = run(command, "-h");
            assertEquals(0, shortForm.exit(), command + ": " + shortForm.err());
            assertEquals(longForm.out(), shortForm.out(), command);
            assertTrue(!shortForm.out().isBlank(), command);
        }
        assertEquals(0, run("-h").exit());
    }

    @Test
    void aBadSpikyValueListsEveryAcceptedValue() {
        assertError(run("recommend", "--spiky", "maybe"), "spiky must be true, false or auto: maybe");
        assertError(run("cost", "--spiky", "maybe"), "spiky must be true, false or auto: maybe");
    }

    @Test
    void memoryNoWayOffersIsAnErrorAboutTheMemory() {
        Run r = run("cost", "--memory", "200GB");
        assertError(r, "memory 200 GB is more than any of the ways offers");
        assertTrue(r.err().contains("120 GB") && r.err().contains("12 GB") && r.err().contains("10,240 MB"), r.err());
        assertTrue(!r.err().contains("vCPU and"), "a vCPU the user never gave: " + r.err());
        // the largest Fargate task still prices
        assertEquals(0, run("cost", "--memory", "120GB").exit());
    }

    @Test
    void costSaysWhichUnitPriceItUsedWhereThePagesRoundIt() {
        Run x86 = run("cost", "--fargate-arch", "x86_64", "--lambda-arch", "x86_64");
        assertEquals(0, x86.exit(), x86.err());
        // Fargate's page lists $0.04048 and $0.004445 an hour; its worked examples price the per-second figures
        assertTrue(x86.out().contains("  - Fargate Linux/x86 vCPU priced at $0.000011244 per vCPU-second (≈ $0.04048 per vCPU-hour)\n"),
                x86.out());
        assertTrue(x86.out().contains("  - Fargate Linux/x86 memory priced at $0.000001235 per GB-second (≈ $0.004446 per GB-hour)\n"),
                x86.out());
        // Lambda's lists $0.0000000083 per 1 ms at 512 MB; its worked examples price $0.0000166667 a GB-second
        assertTrue(x86.out().contains("  - Lambda duration, x86 priced at $0.0000166667 per GB-second for the first 6,000,000,000"
                + " GB-seconds a month (≈ $0.0000000083 per 1 ms at 512 MB)\n"), x86.out());
        Run arm = run("cost", "--json");
        var unitPrices = new ArrayList<String>();
        arm.json().get("unitPrices").forEach(u -> unitPrices.add(u.asString()));
        assertTrue(unitPrices.contains("Fargate Linux/ARM vCPU priced at $0.0000089944 per vCPU-second (≈ $0.03238 per vCPU-hour)"),
                unitPrices.toString());
        // Tokyo's figures are per hour (the Price List's): the per-second figure is derived
        Run tokyo = run("cost", "--region", "ap-northeast-1", "--fargate-arch", "x86_64");
        assertTrue(tokyo.out().contains("priced at $0.05056 per vCPU-hour (≈ $0.0000140444 per vCPU-second)"), tokyo.out());
    }

    @Test
    void aUnitPriceNamesTheTiersTheMonthReached() {
        var rate = dev.threeways.advisor.price.PriceBook.current().rate(dev.threeways.advisor.price.Region.US_EAST_1,
                "lambda.duration.arm");
        // the page's table: $0.0000000133 per 1 ms at 1,024 MB on Arm
        assertEquals("Lambda duration, Arm priced at $0.0000133334 per GB-second for the first 7,500,000,000 GB-seconds a month"
                + " (≈ $0.0000000133 per 1 ms at 1 GB), then $0.0000120001 per GB-second to 18,750,000,000 GB-seconds a month"
                + " (≈ $0.000000012 per 1 ms at 1 GB)", Output.unitPrice(rate, 8e9, 1024));
        assertTrue(Output.unitPrice(rate, 2e10, 1024).endsWith(", then $0.0000106667 per GB-second over 18,750,000,000"
                + " GB-seconds a month (≈ $0.0000000107 per 1 ms at 1 GB)"), Output.unitPrice(rate, 2e10, 1024));
        var alb = dev.threeways.advisor.price.PriceBook.current().rate(dev.threeways.advisor.price.Region.US_EAST_1, "alb.hour");
        assertTrue(Output.unitPrice(alb, 730, 0) == null, "a load balancer's hour is no rounded figure");
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
