package dev.threeways.advisor.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The billing rules the pages state in words rather than in an example. */
class PricingRulesTest {
    private static final PriceBook.Prices US = PriceBook.current().in(Region.US_EAST_1);
    private static final PriceBook.Prices TOKYO = PriceBook.current().in(Region.AP_NORTHEAST_1);

    @Test
    void fargateBillsAMinuteAtLeastAndWholeSeconds() {
        assertEquals(60, FargatePricing.taskSeconds(1, 5));
        assertEquals(60, FargatePricing.taskSeconds(1, 60));
        assertEquals(61, FargatePricing.taskSeconds(1, 60.2));
        assertEquals(3 * 90, FargatePricing.taskSeconds(3, 90));
    }

    @Test
    void fargateRejectsASizeItDoesNotOffer() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> FargatePricing.Usage.onDemand(1, 16, Arch.X86_64, 3600));
        assertTrue(e.getMessage().contains("1") && e.getMessage().contains("8"), e.getMessage());
    }

    @Test
    void fargateTokyoIsPricedPerHourAndCostsMore() {
        var usage = FargatePricing.Usage.onDemand(1, 2, Arch.X86_64, 3600 * 730);
        double tokyo = FargatePricing.bill(TOKYO, usage).total();
        // 730 h × (0.05056 + 2 × 0.00553)
        assertEquals(730 * (0.05056 + 2 * 0.00553), tokyo, 1e-9);
        assertTrue(tokyo > FargatePricing.bill(US, usage).total());
    }

    @Test
    void fargateSpotTakesItsDiscountOffTheComputeOnly() {
        var onDemand = FargatePricing.Usage.onDemand(1, 2, Arch.X86_64, 3600 * 730).withEphemeralStorage(30);
        double full = FargatePricing.bill(US, onDemand).total();
        double storage = FargatePricing.bill(US, onDemand).usd("fargate.ephemeral-storage");
        double half = FargatePricing.bill(US, onDemand.withSpot(0.5, 0.7)).total();
        assertEquals(full - (full - storage) * 0.35, half, 1e-9);
    }

    @Test
    void lambdaDurationTiersApplyToTheMonthsAggregate() {
        // 10 billion x86 GB-seconds: 6 B at the first price, 4 B at the second
        double tiered = US.rate("lambda.duration.x86").charge(10e9);
        assertEquals(6e9 * 0.0000166667 + 4e9 * 0.000015, tiered, 1e-3);
        // Arm's first tier is longer: 7.5 B
        assertEquals(7.5e9 * 0.0000133334 + 2.5e9 * 0.0000120001, US.rate("lambda.duration.arm").charge(10e9), 1e-3);
    }

    @Test
    void lambdaBillsInitPhasesOfColdStarts() {
        var warmOnly = LambdaPricing.Usage.onDemand(1_000_000, 20, 1024, Arch.ARM64);
        double withInits = LambdaPricing.bill(US, warmOnly.withInits(1000, 800)).total();
        // 1000 inits × 0.8 s × 1 GB at the Arm price
        assertEquals(1000 * 0.8 * 0.0000133334, withInits - LambdaPricing.bill(US, warmOnly).total(), 1e-12);
    }

    @Test
    void lambdaRejectsMemoryOutsideItsRange() {
        var e = assertThrows(IllegalArgumentException.class, () -> LambdaPricing.Usage.onDemand(1, 1, 10_241, Arch.ARM64));
        assertTrue(e.getMessage().contains("10240"), e.getMessage());
    }

    @Test
    void httpApiMetersEach512KbAsARequest() {
        assertEquals(1.00, FrontDoors.httpApi(US, 1_000_000, 512 * 1024).usd(), 1e-12);
        assertEquals(2.00, FrontDoors.httpApi(US, 1_000_000, 512 * 1024 + 1).usd(), 1e-12);
        // past 300 million a month the second tier's price
        assertEquals(300 + 100 * 0.90, FrontDoors.httpApi(US, 400_000_000, 100).usd(), 1e-9);
    }

    @Test
    void albBillsTheLargestOfItsFourDimensions() {
        // 1 new connection/s lasting 2 minutes, 300 KB/s, 250 rule evaluations/s: bytes decide (1.08 LCU)
        var traffic = new FrontDoors.AlbTraffic(1, 120, 0.3e-3 * 3600 * 1, 250);
        assertEquals(1.08, traffic.lcus(), 1e-9);
        Bill hour = FrontDoors.alb(US, 1, traffic.lcus());
        assertEquals(0.0225 + 1.08 * 0.008, hour.total(), 1e-12);
    }

    @Test
    void appRunnerBillsVcpuOnlyWhileActive() {
        var usage = new AppRunnerPricing.Usage(1, 2, 730, 100, false);
        Bill bill = AppRunnerPricing.bill(US, usage);
        assertEquals(100 * 0.064, bill.usd("apprunner.vcpu"), 1e-12);
        assertEquals(730 * 2 * 0.007, bill.usd("apprunner.gb"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> new AppRunnerPricing.Usage(1, 2, 10, 11, false));
        var e = assertThrows(IllegalArgumentException.class, () -> new AppRunnerPricing.Usage(0.5, 2, 1, 1, false));
        assertTrue(e.getMessage().contains("0.5 vCPU / 1 GB"), e.getMessage());
    }

    @Test
    void natAndPublicIpv4() {
        Bill nat = FrontDoors.nat(US, 2, 730, 100);
        assertEquals(2 * 730 * 0.045 + 100 * 0.045, nat.total(), 1e-9);
        assertEquals(730 * 0.005, FrontDoors.publicIpv4(US, 730).usd(), 1e-12);
    }
}
