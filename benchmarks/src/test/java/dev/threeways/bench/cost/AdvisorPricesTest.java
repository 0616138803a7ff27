package dev.threeways.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import dev.threeways.advisor.bill.Demand;
import dev.threeways.advisor.bill.DeploymentBill;
import dev.threeways.bench.report.Report;
import dev.threeways.advisor.price.Arch;
import dev.threeways.advisor.price.Bill;
import dev.threeways.advisor.price.Estimator;
import dev.threeways.advisor.price.PriceBook;
import dev.threeways.advisor.price.Rate;
import dev.threeways.advisor.price.Region;
import dev.threeways.advisor.price.Sizing;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The harness's figures priced by the advisor: each way's bill line by line, checked against the pages' rates. */
class AdvisorPricesTest {
    private static final double CENT = 0.005;
    private static final double HOURS = 730;
    // us-east-1 figures of the pages (per GB-second and per vCPU-second, as Lambda and Fargate state them)
    private static final double LAMBDA_GB_SECOND_X86 = 0.0000166667;
    private static final double LAMBDA_GB_SECOND_ARM = 0.0000133334;
    private static final double FARGATE_VCPU_SECOND_X86 = 0.000011244;
    private static final double FARGATE_GB_SECOND_X86 = 0.000001235;
    private static final double FARGATE_VCPU_SECOND_ARM = 0.0000089944;
    private static final double FARGATE_GB_SECOND_ARM = 0.0000009889;
    private static final double ALB_HOUR = 0.0225;
    private static final double APP_RUNNER_VCPU_HOUR = 0.064;
    private static final double APP_RUNNER_GB_HOUR = 0.007;

    private final AdvisorPrices prices = new AdvisorPrices();

    /** An evenly spread month in which every invocation is warm. */
    private static final TrafficProfile ALL_WARM = new TrafficProfile("flat", "test", 1_000_000, 24, 24, 1, 0);
    /** The figures CostsTest prices, at the deployed sizes. */
    private static final Measured DEPLOYED = Measured.asDeployed(20, 1500, 300, 8000, 300, 8000, 280, 8);

    private static Measured lambda(double warmMs, double initMs, double firstMs, int memoryMb, Arch arch) {
        var server = Measured.Server.scaled(1000, 1, 1, 2, 1, Arch.X86_64, 300);
        return new Measured(new Measured.Lambda(warmMs, initMs, firstMs, memoryMb, arch), server, server);
    }

    private static Measured servers(Measured.Server appRunner, Measured.Server fargate) {
        return new Measured(new Measured.Lambda(100, 0, 0, 1024, Arch.X86_64), appRunner, fargate);
    }

    private Bill bill(Way way, Measured measured, TrafficProfile shape, double requestsPerMonth) {
        return prices.estimate(measured, shape, requestsPerMonth).bills().get(way);
    }

    @Test
    void lambdaOnArmBillsRequestsGbSecondsAndTheHttpApiAtArmPrices() {
        var bill = bill(Way.LAMBDA, lambda(100, 0, 0, 1024, Arch.ARM64), ALL_WARM, 1_000_000);
        // $0.20 for the requests + 100 000 GB-s × $0.0000133334 + $1.00 for a million HTTP API requests
        assertEquals(0.20, bill.usd("lambda.requests"), 1e-12);
        assertEquals(100_000 * LAMBDA_GB_SECOND_ARM, bill.usd("lambda.duration.arm"), 1e-9);
        assertEquals(1.00, bill.usd("apigw.http-requests"), 1e-12);
        assertEquals(3, bill.lines().size(), bill.toString());
        assertEquals(2.53, bill.total(), CENT);
        // the whole bill is the compute and more: the RDS Proxy, the shared database and network, usage
        var whole = prices.bill(lambda(100, 0, 0, 1024, Arch.ARM64), ALL_WARM, 1_000_000, Demand.Path.HELLO).ways().get(Way.LAMBDA);
        assertEquals(bill.total(), whole.computeUsd(), 1e-12);
        assertEquals(whole.total(), prices.monthlyUsd(lambda(100, 0, 0, 1024, Arch.ARM64), ALL_WARM, 1_000_000)
                .get(CostModel.LAMBDA), 1e-12);
    }

    @Test
    void lambdaX86AtAMillionRequestsOf100MsAt1024MbIsOneDollarEightySevenBeforeItsHttpApi() {
        var bill = bill(Way.LAMBDA, lambda(100, 0, 0, 1024, Arch.X86_64), ALL_WARM, 1_000_000);
        assertEquals(1.66667, bill.usd("lambda.duration.x86"), 1e-9);
        assertEquals(1.87, bill.usd("lambda."), CENT);
        assertEquals(2.87, bill.total(), CENT);
    }

    @Test
    void coldStartsBillTheirInitAndFirstInvoke() {
        var onePercentCold = new TrafficProfile("cold", "test", 1_000_000, 24, 24, 1, 0.01);
        var bill = bill(Way.LAMBDA, lambda(100, 1000, 200, 1024, Arch.X86_64), onePercentCold, 1_000_000);
        // 0.99 × 100 ms + 0.01 × (1000 + 200) ms = 111 ms a request → 111 000 GB-s
        assertEquals(111_000 * LAMBDA_GB_SECOND_X86, bill.usd("lambda.duration"), 1e-9);
        assertEquals(2.05, bill.usd("lambda."), CENT);
    }

    @Test
    void halfAGigabyteHalvesTheGbSeconds() {
        assertEquals(50_000 * LAMBDA_GB_SECOND_X86,
                bill(Way.LAMBDA, lambda(100, 0, 0, 512, Arch.X86_64), ALL_WARM, 1_000_000).usd("lambda.duration"), 1e-9);
    }

    @Test
    void aMeanOfBilledDurationsIsBilledAsItIs() {
        // each invoke was rounded up to the millisecond before the mean was taken: 2.1 ms is not rounded again
        var measured = lambda(2.1, 0, 0, 1024, Arch.ARM64);
        assertEquals(1_000_000 * 0.0021 * LAMBDA_GB_SECOND_ARM, bill(Way.LAMBDA, measured, ALL_WARM, 1_000_000)
                .usd("lambda.duration"), 1e-9);
    }

    @Test
    void oneHalfVcpuOneGbFargateTaskOnX86For730HoursWithItsAlb() {
        var task = new Measured.Server(100, 0.5, 1, 1, Arch.X86_64, 300, 100, 1);
        var bill = bill(Way.FARGATE, servers(task, task), ALL_WARM, 1000);
        assertEquals(0.5 * HOURS * 3600 * FARGATE_VCPU_SECOND_X86, bill.usd("fargate.vcpu.x86"), 1e-9);
        assertEquals(HOURS * 3600 * FARGATE_GB_SECOND_X86, bill.usd("fargate.memory.x86"), 1e-9);
        assertEquals(18.02, bill.usd("fargate."), CENT);
        assertEquals(HOURS * ALB_HOUR, bill.usd("alb.hour"), 1e-9);
        // a thousand requests a month use next to no capacity
        assertTrue(bill.usd("alb.lcu-hour") > 0 && bill.usd("alb.lcu-hour") < 0.001, bill.toString());
    }

    @Test
    void fargateOnArmBillsTheArmRates() {
        var task = new Measured.Server(100, 0.5, 1, 1, Arch.ARM64, 300, 100, 1);
        var bill = bill(Way.FARGATE, servers(task, task), ALL_WARM, 1000);
        assertEquals(HOURS * 3600 * (0.5 * FARGATE_VCPU_SECOND_ARM + FARGATE_GB_SECOND_ARM), bill.usd("fargate."), 1e-9);
        assertEquals(0, bill.usd("fargate.vcpu.x86"), 0);
    }

    @Test
    void albCapacityCountsOneLcuHourPer90000NewConnections() {
        var task = new Measured.Server(1000, 0.5, 1, 1, Arch.ARM64, 300, 1000, 1);
        // 9 M requests, one new connection each: 9e6 / (25/s × 3600 s) = 100 LCU-hours, whatever the shape
        var bill = bill(Way.FARGATE, servers(task, task), TrafficProfile.NIGHTLY_BATCH, 9_000_000);
        assertEquals(0.80, bill.usd("alb.lcu-hour"), 1e-9);
    }

    @Test
    void fargateRunsAFixedCountForThePeakAllMonthPlusItsAlb() {
        var task = new Measured.Server(100, 0.5, 1, 1, Arch.X86_64, 300, 100, 1);
        // nightly batch peaks at 24× the mean; 130 requests/s at the peak over 60 per task → 3 tasks, all 730 hours
        double volume = 130 / 24.0 * HOURS * 3600;
        var bill = bill(Way.FARGATE, servers(task, task), TrafficProfile.NIGHTLY_BATCH, volume);
        assertEquals(3 * 0.5 * HOURS * 3600 * FARGATE_VCPU_SECOND_X86, bill.usd("fargate.vcpu.x86"), 1e-9);
        assertEquals(HOURS * ALB_HOUR, bill.usd("alb.hour"), 1e-9);
        assertEquals(volume / (25 * 3600) * 0.008, bill.usd("alb.lcu-hour"), 1e-9);
    }

    /** The instances the estimate runs for a rate, for this measured server at the harness's options. */
    private static int instances(Measured measured, Measured.Server server, double perSecond) {
        Sizing.Server s = AdvisorPrices.server(server, Sizing.Scaling.PER_PART_OF_DAY);
        return Estimator.instances(s, s.perSecond(measured.lambda().warmBilledMs()), perSecond, AdvisorPrices.OPTIONS);
    }

    @Test
    void instancesAreTheCeilingOfRateOverThroughputAtTheTargetUtilization() {
        var server = new Measured.Server(100, 1, 2, 1, Arch.X86_64, 300, 100, 1);
        var measured = servers(server, server);
        assertEquals(1, instances(measured, server, 0));
        assertEquals(1, instances(measured, server, 59.9));
        assertEquals(2, instances(measured, server, 120));
        assertEquals(3, instances(measured, server, 120.1));
        var noMinimum = new Measured.Server(100, 1, 2, 0, Arch.X86_64, 300, 100, 1);
        assertEquals(0, instances(measured, noMinimum, 0));
        assertEquals(1, instances(measured, noMinimum, 0.001));
    }

    @Test
    void anInstanceServesNoMoreThanItsConcurrencyOverTheRequestsDuration() {
        // 1000/s measured, but 100 at once for a second each is 100/s: 60/s at the target utilization
        var server = new Measured.Server(1000, 1, 2, 1, Arch.X86_64, 300, 1000, 1);
        var slow = new Measured(new Measured.Lambda(1000, 0, 0, 1024, Arch.X86_64), server, server);
        assertEquals(1, instances(slow, server, 59.9));
        assertEquals(2, instances(slow, server, 60.1));
    }

    @Test
    void appRunnerUnderLoadPaysVcpuAndMemoryForEveryInstanceAllMonth() {
        var instance = new Measured.Server(1000, 1, 2, 1, Arch.X86_64, 300, 1000, 1);
        // 1500 requests/s around the clock over 600 per instance → 3 instances, always active
        double volume = 1500.0 * HOURS * 3600;
        var bill = bill(Way.APP_RUNNER, servers(instance, instance), TrafficProfile.STEADY, volume);
        assertEquals(HOURS * 3 * APP_RUNNER_VCPU_HOUR, bill.usd("apprunner.vcpu-hour"), 1e-6);
        assertEquals(HOURS * 3 * 2 * APP_RUNNER_GB_HOUR, bill.usd("apprunner.gb-hour"), 1e-6);
        assertEquals(170.82, bill.total(), CENT);
    }

    @Test
    void idleAppRunnerPaysOnlyTheProvisionedMemory() {
        var instance = new Measured.Server(1000, 1, 2, 1, Arch.X86_64, 300, 1000, 1);
        var bill = bill(Way.APP_RUNNER, servers(instance, instance), TrafficProfile.MOSTLY_IDLE, 0);
        assertEquals(0, bill.usd("apprunner.vcpu-hour"), 1e-12);
        assertEquals(HOURS * 2 * APP_RUNNER_GB_HOUR, bill.total(), 1e-9);
    }

    @Test
    void aFewRequestsAnHourKeepAppRunnerActiveOnlyPartOfTheTime() {
        var instance = new Measured.Server(1000, 1, 2, 1, Arch.X86_64, 300, 1000, 1);
        var bill = bill(Way.APP_RUNNER, servers(instance, instance), TrafficProfile.MOSTLY_IDLE, 2_500);
        double allDayActive = 10 * TrafficProfile.DAYS_PER_MONTH * APP_RUNNER_VCPU_HOUR;
        double vcpu = bill.usd("apprunner.vcpu-hour");
        assertTrue(vcpu > 0 && vcpu < allDayActive / 2, "active vCPU " + vcpu + " of at most " + allDayActive);
        // memory stays billed for every hour, the idle night included
        assertEquals(HOURS * 2 * APP_RUNNER_GB_HOUR, bill.usd("apprunner.gb-hour"), 1e-9);
    }

    @Test
    void httpApiRequestsOfTwoKilobytesAreTiered() {
        // 2 KB a request is one 512 KB unit; 300 M at $1.00 + 100 M at $0.90
        var bill = bill(Way.LAMBDA, lambda(100, 0, 0, 1024, Arch.ARM64), ALL_WARM, 400e6);
        assertEquals(390.0, bill.usd("apigw.http-requests"), 1e-9);
    }

    @Test
    void lambdaArmDurationIsTieredPastSevenAndAHalfBillionGbSeconds() {
        // a billion requests of a second at 10 GB: 1e10 GB-s
        var bill = bill(Way.LAMBDA, lambda(1000, 0, 0, 10_240, Arch.ARM64), ALL_WARM, 1e9);
        assertEquals(7.5e9 * LAMBDA_GB_SECOND_ARM + 2.5e9 * 0.0000120001, bill.usd("lambda.duration"), 1e-3);
    }

    @Test
    void theDeployedSizesAtTheSteadyVolumeRunOneInstanceEachAllMonth() {
        var usd = new java.util.LinkedHashMap<String, Double>();
        var estimate = prices.estimate(DEPLOYED, TrafficProfile.STEADY, TrafficProfile.STEADY.requestsPerMonth()).bills();
        usd.put(CostModel.APP_RUNNER, estimate.get(Way.APP_RUNNER).total());
        usd.put(CostModel.FARGATE, estimate.get(Way.FARGATE).total());
        usd.put(CostModel.LAMBDA, estimate.get(Way.LAMBDA).total());
        // App Runner: one instance active all month (a request every quarter second keeps it active)
        assertEquals(HOURS * (APP_RUNNER_VCPU_HOUR + 2 * APP_RUNNER_GB_HOUR), usd.get(CostModel.APP_RUNNER), 1e-9);
        assertEquals(56.94, usd.get(CostModel.APP_RUNNER), CENT);
        // Fargate: one 0.5 vCPU / 1 GB ARM task, the ALB's hours, and 1e7 / (25 × 3600) LCU-hours of new connections
        double fargate = HOURS * 3600 * (0.5 * FARGATE_VCPU_SECOND_ARM + FARGATE_GB_SECOND_ARM) + HOURS * ALB_HOUR
                + 1e7 / (25 * 3600) * 0.008;
        assertEquals(fargate, usd.get(CostModel.FARGATE), 1e-9);
        assertEquals(31.73, usd.get(CostModel.FARGATE), CENT);
        // Lambda: 0.9998 × 20 ms + 0.0002 × (1500 + 300) ms a request at 1 GB, ten million requests and HTTP API requests
        double gbSeconds = 1e7 * (0.9998 * 20 + 0.0002 * 1800) / 1000;
        assertEquals(2 + gbSeconds * LAMBDA_GB_SECOND_ARM + 10, usd.get(CostModel.LAMBDA), 1e-9);
    }

    @Test
    void monthlyUsdListsTheFourWaysInOrderWithTheirWholeBills() {
        var usd = prices.monthlyUsd(DEPLOYED, TrafficProfile.SPIKY);
        assertEquals(CostModel.WAYS, List.copyOf(usd.keySet()));
        var estimate = prices.estimate(DEPLOYED, TrafficProfile.SPIKY, TrafficProfile.SPIKY.requestsPerMonth());
        var bill = prices.bill(DEPLOYED, TrafficProfile.SPIKY, TrafficProfile.SPIKY.requestsPerMonth(), Demand.Path.HELLO);
        for (Way way : List.of(Way.LAMBDA, Way.APP_RUNNER, Way.ECS_EXPRESS_MODE, Way.FARGATE)) {
            var w = bill.ways().get(way);
            assertEquals(estimate.bills().get(way).total(), w.computeUsd(), 1e-9, way.label());
            assertEquals(w.computeUsd() + w.usageUsd() + w.ownUsd() + w.sharedUsd(), w.total(), 1e-9);
            // the shared database, NAT instance, secrets and alarm: the same for every way
            assertEquals(bill.ways().get(Way.LAMBDA).sharedUsd(), w.sharedUsd(), 1e-12);
            assertTrue(w.sharedUsd() > 20, way.label() + ": " + w.sharedUsd());
        }
        assertEquals(bill.ways().get(Way.LAMBDA).total(), usd.get(CostModel.LAMBDA), 1e-12);
        assertEquals(bill.ways().get(Way.FARGATE).total(), usd.get(CostModel.FARGATE), 1e-12);
        // RDS Proxy is Lambda's own: $0.015 a vCPU-hour for the two vCPUs of db.t4g.micro, all month
        assertEquals(21.90, bill.ways().get(Way.LAMBDA).own().stream()
                .filter(i -> i.resource().type().equals("AWS::RDS::DBProxy")).mapToDouble(DeploymentBill.Item::usd).sum(), CENT);
        assertThrows(UnsupportedOperationException.class, () -> usd.put("other", 1.0));
    }

    @Test
    void theWebhookPathIsPricedOnlyFromMeasuredWebhookFiguresEachWayOnItsOwnPath() {
        assertTrue(prices.webhookUsd(DEPLOYED, TrafficProfile.STEADY, 1e6).isEmpty());
        var w = new Report.WebhookFigures(5, 200, 5, 600, 180, 120);
        var measured = DEPLOYED.withWebhooks(w);
        var bill = prices.bill(measured, TrafficProfile.STEADY, 1e6, Demand.Path.WEBHOOK);
        // Lambda: the HTTP function's enqueue (its cold share billing init and first invoke instead: 1500 + 300 ms) and
        // an invocation of the queue function a webhook at 25 ms (5 environments / 200 a second)
        var lambda = bill.ways().get(Way.LAMBDA);
        double cold = TrafficProfile.STEADY.coldStartShare();
        assertEquals(1e6 * ((1 - cold) * 5 + cold * 1800) / 1000.0 + 1e6 * 25 / 1000.0, lambda.compute().stream()
                .filter(l -> l.key().startsWith("lambda.duration")).mapToDouble(dev.threeways.advisor.price.Line::quantity).sum(), 1e-6);
        // queued ways pay SQS: three requests a webhook and the consumers' long polls; App Runner pays none
        assertTrue(lambda.usage().stream().anyMatch(l -> l.key().equals("sqs.standard-requests") && l.quantity() > 3));
        assertTrue(bill.ways().get(Way.APP_RUNNER).usage().stream().noneMatch(l -> l.key().startsWith("sqs")));
        assertEquals(bill.totals().get(Way.LAMBDA), prices.webhookUsd(measured, TrafficProfile.STEADY, 1e6).orElseThrow()
                .get(CostModel.LAMBDA), 1e-12);
    }

    @Test
    void theChoicesAreTheOnesTheHarnessAlwaysMadeSoTheFiguresStayComparable() {
        Estimator.Options o = prices.options();
        assertEquals(Region.US_EAST_1, o.region());
        assertFalse(o.freeTier());
        assertTrue(o.httpApi() && o.alb());
        assertEquals(1, o.servicesPerExpressAlb());
        assertEquals(0, o.natGateways());
        assertFalse(o.publicIpv4());
        assertEquals(0, o.provisionedConcurrency());
        assertEquals(0.6, o.targetUtilization());
        assertEquals(60, o.appRunnerActiveSeconds());
        assertEquals(1, o.newConnectionsPerRequest());
        assertEquals(0, o.spotShare());
        var scenario = prices.scenario(DEPLOYED, TrafficProfile.STEADY);
        assertEquals(2048, scenario.bytesPerRequest());
        assertEquals(20, scenario.meanDurationMs());
        assertEquals(100, scenario.appRunner().concurrencyPerInstance());
        assertEquals(1000, scenario.appRunner().measuredPerSecond(), 1e-9);
        assertEquals(Sizing.Scaling.PER_PART_OF_DAY, scenario.appRunner().scaling());
        assertEquals(Sizing.Scaling.FIXED_FOR_PEAK, scenario.fargate().scaling());
        // Express Mode: the App Runner jar (8000/s on 8 cores) on its deployed 1 vCPU / 2 GB x86 task, auto scaled
        assertEquals(new Sizing.Server(1, 2, Arch.X86_64, 1, 100, 1000, Sizing.Scaling.PER_PART_OF_DAY),
                scenario.expressMode());
        assertEquals(1500, scenario.lambda().initMs());
        assertEquals(300, scenario.lambda().firstInvokeMs());
    }

    @Test
    void theSourceNamesTheBookItsDateAndEveryPageItCitesOnce() {
        String source = prices.source();
        assertTrue(source.startsWith("the advisor's pricing model, price book " + PriceBook.CURRENT), source);
        assertTrue(source.contains("us-east-1 on-demand, free tier off, read "), source);
        assertTrue(source.contains(PriceBook.CURRENT + " from "), source);
        List<String> pages = PriceBook.current().rates(Region.US_EAST_1).stream().map(Rate::source).distinct().toList();
        assertTrue(pages.contains("https://aws.amazon.com/fargate/pricing/"), pages.toString());
        for (String page : pages) {
            assertEquals(1, source.split(java.util.regex.Pattern.quote(page), -1).length - 1, page + " once in " + source);
        }
    }

    @Test
    void theAssumptionsAreTheAdvisorsPlusWhatTheDeployedServicesAdd() {
        List<String> assumptions = prices.assumptions(DEPLOYED);
        // the estimator's choices, but what the whole bill prices as deployed (NAT, addresses, logs, the database) is said anew
        assertTrue(assumptions.containsAll(Estimator.assumptions(AdvisorPrices.OPTIONS).stream()
                .filter(a -> !a.startsWith("No NAT") && !a.startsWith("Public IPv4") && !a.startsWith("A month is")).toList()),
                assumptions.toString());
        assertTrue(assumptions.stream().noneMatch(a -> a.startsWith("No NAT")), assumptions.toString());
        assertTrue(assumptions.stream().anyMatch(a -> a.startsWith("Lambda as deployed here") && a.contains("RDS::DBProxy $21.90")),
                assumptions.toString());
        assertTrue(assumptions.stream().anyMatch(a -> a.startsWith("Not priced") && a.contains("AWS::EC2::FlowLog")),
                assumptions.toString());
        // App Runner: 8000/s on 8 cores is 1000/s an instance; maxSize 3 at 60 % → 1800/s
        assertTrue(assumptions.stream().anyMatch(a -> a.startsWith("App Runner's deployed maxSize 3 caps it at 1800 requests/s")),
                assumptions.toString());
        assertTrue(assumptions.stream().anyMatch(a -> a.contains("enough 0.5 vCPU tasks for the peak, at least 1")
                && a.contains("FARGATE_SPOT")), assumptions.toString());
        assertTrue(assumptions.stream().anyMatch(a -> a.contains("Express Mode pays for the whole load balancer")),
                assumptions.toString());
    }

    @Test
    void nonsenseIsRefusedWithAClearMessage() {
        var negative = assertThrows(IllegalArgumentException.class,
                () -> prices.monthlyUsd(DEPLOYED, TrafficProfile.STEADY, -1));
        assertTrue(negative.getMessage().contains("requests per month"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> prices.monthlyUsd(DEPLOYED, TrafficProfile.STEADY, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> prices.monthlyUsd(null, TrafficProfile.STEADY, 1));
        // a task size Fargate does not offer
        var odd = new Measured.Server(100, 0.3, 1, 1, Arch.ARM64, 300, 100, 1);
        assertThrows(IllegalArgumentException.class, () -> prices.monthlyUsd(servers(DEPLOYED.appRunner(), odd),
                TrafficProfile.STEADY, 1));
        var zero = assertThrows(IllegalArgumentException.class,
                () -> Measured.asDeployed(20, 1500, 300, 0, 300, 4000, 280, 4));
        assertTrue(zero.getMessage().contains("throughput"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Measured.asDeployed(20, 1500, 300, 4000, 300, 4000, 280, 0));
        assertThrows(IllegalArgumentException.class, () -> Measured.asDeployed(0, 1500, 300, 4000, 300, 4000, 280, 4));
        assertThrows(IllegalArgumentException.class, () -> Measured.asDeployed(20, -1, 300, 4000, 300, 4000, 280, 4));
        assertThrows(IllegalArgumentException.class, () -> new AdvisorPrices(null, AdvisorPrices.OPTIONS));
    }

    @Test
    void deployedSizesAreThoseOfInfraCdk() {
        assertEquals(1024, DEPLOYED.lambda().memoryMb());
        assertEquals(Arch.ARM64, DEPLOYED.lambda().arch());
        assertEquals(1000, DEPLOYED.appRunner().perSecond(), 1e-9);
        assertEquals(2, DEPLOYED.appRunner().memoryGb());
        assertEquals(Arch.X86_64, DEPLOYED.appRunner().arch());
        // 8000/s on 8 cores is 1000/s a core; a 0.5 vCPU task gets half of that
        assertEquals(500, DEPLOYED.fargate().perSecond(), 1e-9);
        assertEquals(1, DEPLOYED.fargate().minInstances());
        assertEquals(Arch.ARM64, DEPLOYED.fargate().arch());
    }
}
