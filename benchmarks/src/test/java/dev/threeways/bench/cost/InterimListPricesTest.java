package dev.threeways.bench.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class InterimListPricesTest {
    private static final double CENT = 0.005;
    private final InterimListPrices prices = new InterimListPrices();

    /** An evenly spread month in which every invocation is warm. */
    private static final TrafficProfile ALL_WARM = new TrafficProfile("flat", "test", 1_000_000, 24, 24, 1, 0);

    private static Measured lambda(double warmMs, double initMs, double firstMs, Measured.Arch arch) {
        var server = Measured.Server.scaled(1000, 1, 1, 2, 1, Measured.Arch.X86_64, 300);
        return new Measured(new Measured.Lambda(warmMs, initMs, firstMs, 1024, arch), server, server);
    }

    private static Measured servers(Measured.Server appRunner, Measured.Server fargate) {
        return new Measured(new Measured.Lambda(100, 0, 0, 1024, Measured.Arch.X86_64), appRunner, fargate);
    }

    @Test
    void lambdaX86AtAMillionRequestsOf100MsAt1024MbIsOneDollarEightySeven() {
        var bill = prices.lambda(lambda(100, 0, 0, Measured.Arch.X86_64), ALL_WARM, 1_000_000);
        // $0.20 for the requests + 100 000 GB-s × $0.0000166667
        assertEquals(0.20, bill.usd("Lambda requests"), 1e-12);
        assertEquals(1.66667, bill.usd("Lambda duration"), 1e-9);
        assertEquals(1.87, bill.usd("Lambda"), CENT);
        assertEquals(1.00, bill.usd("API Gateway"), 1e-12);
        assertEquals(2.87, bill.total(), CENT);
    }

    @Test
    void lambdaOnArmBillsTheArmGbSecond() {
        var bill = prices.lambda(lambda(100, 0, 0, Measured.Arch.ARM64), ALL_WARM, 1_000_000);
        // 100 000 GB-s × $0.0000133334
        assertEquals(1.33334, bill.usd("Lambda duration"), 1e-9);
    }

    @Test
    void coldStartsBillTheirInitAndFirstInvoke() {
        var onePercentCold = new TrafficProfile("cold", "test", 1_000_000, 24, 24, 1, 0.01);
        var bill = prices.lambda(lambda(100, 1000, 200, Measured.Arch.X86_64), onePercentCold, 1_000_000);
        // 0.99 × 100 ms + 0.01 × (1000 + 200) ms = 111 ms a request → 111 000 GB-s
        assertEquals(111_000 * 0.0000166667, bill.usd("Lambda duration"), 1e-9);
        assertEquals(2.05, bill.usd("Lambda"), CENT);
    }

    @Test
    void halfAGigabyteHalvesTheGbSeconds() {
        var server = Measured.Server.scaled(1000, 1, 1, 2, 1, Measured.Arch.X86_64, 300);
        var measured = new Measured(new Measured.Lambda(100, 0, 0, 512, Measured.Arch.X86_64), server, server);
        assertEquals(50_000 * 0.0000166667, prices.lambda(measured, ALL_WARM, 1_000_000).usd("Lambda duration"), 1e-9);
    }

    @Test
    void oneHalfVcpuOneGbFargateTaskOnX86For730Hours() {
        var task = new Measured.Server(100, 0.5, 1, 1, Measured.Arch.X86_64, 300, 100, 1);
        var bill = prices.fargate(servers(task, task), ALL_WARM, 1000);
        // 0.5 × 730 × $0.04048 + 1 × 730 × $0.004445
        assertEquals(14.7752, bill.usd("Fargate Linux x86 vCPU"), 1e-9);
        assertEquals(3.24485, bill.usd("Fargate Linux x86 memory"), 1e-9);
        assertEquals(18.02, bill.usd("Fargate"), CENT);
        assertEquals(16.43, bill.usd("Application Load Balancer"), CENT);
    }

    @Test
    void fargateOnArmBillsTheArmRates() {
        var task = new Measured.Server(100, 0.5, 1, 1, Measured.Arch.ARM64, 300, 100, 1);
        var bill = prices.fargate(servers(task, task), ALL_WARM, 1000);
        // 0.5 × 730 × $0.03238 + 730 × $0.00356
        assertEquals(11.8187 + 2.5988, bill.usd("Fargate Linux ARM"), 1e-9);
    }

    @Test
    void albCapacityCountsOneLcuHourPer90000NewConnections() {
        var task = new Measured.Server(1000, 0.5, 1, 1, Measured.Arch.ARM64, 300, 1000, 1);
        // 9 M requests, one new connection each: 9e6 / (25/s × 3600 s) = 100 LCU-hours, whatever the shape
        var bill = prices.fargate(servers(task, task), TrafficProfile.NIGHTLY_BATCH, 9_000_000);
        assertEquals(0.80, bill.usd("Application Load Balancer capacity"), 1e-9);
    }

    @Test
    void fargateRunsEnoughTasksForThePeakAllMonth() {
        var task = new Measured.Server(100, 0.5, 1, 1, Measured.Arch.X86_64, 300, 100, 1);
        // nightly batch peaks at 24× the mean; 130 requests/s at the peak over 60 per task → 3 tasks
        double volume = 130 / 24.0 * 730 * 3600;
        var bill = prices.fargate(servers(task, task), TrafficProfile.NIGHTLY_BATCH, volume);
        assertEquals(3 * 14.7752, bill.usd("Fargate Linux x86 vCPU"), 1e-9);
    }

    @Test
    void instancesAreTheCeilingOfRateOverThroughputAtTheTargetUtilization() {
        var server = new Measured.Server(100, 1, 2, 1, Measured.Arch.X86_64, 300, 100, 1);
        assertEquals(1, prices.instancesFor(server, 0));
        assertEquals(1, prices.instancesFor(server, 59.9));
        assertEquals(2, prices.instancesFor(server, 120));
        assertEquals(3, prices.instancesFor(server, 120.1));
        var noMinimum = new Measured.Server(100, 1, 2, 0, Measured.Arch.X86_64, 300, 100, 1);
        assertEquals(0, prices.instancesFor(noMinimum, 0));
    }

    @Test
    void appRunnerUnderLoadPaysVcpuAndMemoryForEveryInstanceAllMonth() {
        var instance = new Measured.Server(1000, 1, 2, 1, Measured.Arch.X86_64, 300, 1000, 1);
        // 1500 requests/s around the clock over 600 per instance → 3 instances, always active
        double volume = 1500.0 * 730 * 3600;
        var bill = prices.appRunner(servers(instance, instance), TrafficProfile.STEADY, volume);
        assertEquals(730 * 3 * 0.064, bill.usd("App Runner active vCPU"), 1e-6);
        assertEquals(730 * 3 * 2 * 0.007, bill.usd("App Runner memory"), 1e-6);
        assertEquals(170.82, bill.total(), CENT);
    }

    @Test
    void idleAppRunnerPaysOnlyTheProvisionedMemory() {
        var instance = new Measured.Server(1000, 1, 2, 1, Measured.Arch.X86_64, 300, 1000, 1);
        var bill = prices.appRunner(servers(instance, instance), TrafficProfile.MOSTLY_IDLE, 0);
        assertEquals(0, bill.usd("App Runner active vCPU"), 1e-12);
        assertEquals(730 * 2 * 0.007, bill.total(), 1e-9);
    }

    @Test
    void aFewRequestsAnHourKeepAppRunnerActiveOnlyPartOfTheTime() {
        var instance = new Measured.Server(1000, 1, 2, 1, Measured.Arch.X86_64, 300, 1000, 1);
        var bill = prices.appRunner(servers(instance, instance), TrafficProfile.MOSTLY_IDLE, 2_500);
        double allDayActive = 10 * TrafficProfile.DAYS_PER_MONTH * 0.064;
        double vcpu = bill.usd("App Runner active vCPU");
        assertTrue(vcpu > 0 && vcpu < allDayActive / 2, "active vCPU " + vcpu + " of at most " + allDayActive);
    }

    @Test
    void httpApiRequestsAreTiered() {
        // 300 M at $1.00 + 100 M at $0.90
        assertEquals(390.0, prices.prices().httpApiRequests().charge(400), 1e-9);
        assertEquals(300.0, prices.prices().httpApiRequests().charge(300), 1e-9);
    }

    @Test
    void lambdaDurationIsTieredPastSixBillionGbSecondsOnX86() {
        var rate = prices.prices().lambdaGbSecondX86();
        assertEquals(6e9 * 0.0000166667 + 1e9 * 0.000015, rate.charge(7e9), 1e-3);
    }

    @Test
    void monthlyUsdListsTheThreeWaysInOrderWithTheirBillTotals() {
        var measured = Measured.asDeployed(20, 1500, 300, 4000, 300, 4000, 280, 4);
        var usd = prices.monthlyUsd(measured, TrafficProfile.STEADY);
        assertEquals(CostModel.WAYS, List.copyOf(usd.keySet()));
        assertEquals(prices.fargate(measured, TrafficProfile.STEADY, 10_000_000).total(), usd.get(CostModel.FARGATE), 1e-12);
    }

    @Test
    void everyPriceSaysWhereAndWhenItWasRead() {
        for (var rate : InterimListPrices.Prices.US_EAST_1.all()) {
            assertTrue(rate.source().startsWith("https://aws.amazon.com/"), rate.what() + ": " + rate.source());
            assertEquals("2026-11-27", rate.taken(), rate.what());
        }
        assertTrue(prices.source().contains("interim list prices until the advisor's pricing model lands (issue 13)"));
    }

    @Test
    void nonsenseIsRefusedWithAClearMessage() {
        var measured = Measured.asDeployed(20, 1500, 300, 4000, 300, 4000, 280, 4);
        var negative = assertThrows(IllegalArgumentException.class,
                () -> prices.monthlyUsd(measured, TrafficProfile.STEADY, -1));
        assertTrue(negative.getMessage().contains("requests per month"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> prices.monthlyUsd(measured, TrafficProfile.STEADY, Double.NaN));
        var zero = assertThrows(IllegalArgumentException.class,
                () -> Measured.asDeployed(20, 1500, 300, 0, 300, 4000, 280, 4));
        assertTrue(zero.getMessage().contains("throughput"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Measured.asDeployed(20, 1500, 300, 4000, 300, 4000, 280, 0));
        assertThrows(IllegalArgumentException.class, () -> Measured.asDeployed(0, 1500, 300, 4000, 300, 4000, 280, 4));
        assertThrows(IllegalArgumentException.class, () -> Measured.asDeployed(20, -1, 300, 4000, 300, 4000, 280, 4));
        assertThrows(IllegalArgumentException.class, () -> new InterimListPrices.Choices(0, 60, 1, 2048));
        assertThrows(IllegalArgumentException.class, () -> prices.prices().albHour().charge(-1));
    }

    @Test
    void deployedSizesAreThoseOfInfraCdk() {
        var measured = Measured.asDeployed(20, 1500, 300, 8000, 300, 8000, 280, 8);
        assertEquals(1024, measured.lambda().memoryMb());
        assertEquals(Measured.Arch.ARM64, measured.lambda().arch());
        assertEquals(1000, measured.appRunner().perSecond(), 1e-9);
        assertEquals(2, measured.appRunner().memoryGb());
        assertEquals(Measured.Arch.X86_64, measured.appRunner().arch());
        // 8000/s on 8 cores is 1000/s a core; a 0.5 vCPU task gets half of that
        assertEquals(500, measured.fargate().perSecond(), 1e-9);
        assertEquals(1, measured.fargate().minInstances());
        assertEquals(Measured.Arch.ARM64, measured.fargate().arch());
    }
}
