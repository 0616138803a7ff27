package dev.threeways.advisor.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.advisor.TrafficProfile;
import dev.threeways.advisor.Way;
import org.junit.jupiter.api.Test;

class EstimatorTest {
    private static final Estimator ESTIMATOR = new Estimator(PriceBook.current());
    private static final Sizing.Server TASK = new Sizing.Server(1, 2, Arch.ARM64, 1, 100, 500,
            Sizing.Scaling.PER_PART_OF_DAY);
    private static final Estimator.Scenario STEADY = new Estimator.Scenario(TrafficProfile.STEADY, 20, 2048,
            new Sizing.Function(1024, Arch.ARM64, 800, 100), new Sizing.Server(1, 2, Arch.X86_64, 1, 100, 500,
            Sizing.Scaling.PER_PART_OF_DAY), TASK, TASK.withScaling(Sizing.Scaling.FIXED_FOR_PEAK));
    private static final Estimator.Options OPTIONS = Estimator.Options.DEFAULT;

    @Test
    void lambdaBillsWarmRequestsColdStartsAndItsHttpApi() {
        Bill bill = ESTIMATOR.estimate(STEADY, OPTIONS).bills().get(Way.LAMBDA);
        double requests = 10_000_000;
        double cold = TrafficProfile.STEADY.coldStartShare();
        double gbSeconds = requests * ((1 - cold) * 20 + cold * (800 + 100)) / 1000;
        assertEquals(2.00, bill.usd("lambda.requests"), 1e-9);
        assertEquals(gbSeconds * 0.0000133334, bill.usd("lambda.duration"), 1e-9);
        assertEquals(10.00, bill.usd("apigw"), 1e-9);
    }

    @Test
    void instancesFollowTheRateAtTheTargetUtilization() {
        // 500/s measured × 0.6 = 300/s an instance: 300/s needs exactly one, 301/s two
        assertEquals(1, Estimator.instances(TASK, 500, 300, OPTIONS));
        assertEquals(2, Estimator.instances(TASK, 500, 301, OPTIONS));
        assertEquals(1, Estimator.instances(TASK, 500, 0, OPTIONS), "the minimum");
        // concurrency bounds capacity when it is below the measured throughput: 100 in flight at 1 s = 100/s
        assertEquals(100, TASK.perSecond(1000), 1e-9);
        assertEquals(500, TASK.perSecond(20), 1e-9);
    }

    @Test
    void fixedFargateRunsThePeakCountAllDayAutoScalingFollowsIt() {
        var spiky = new Estimator.Scenario(TrafficProfile.SPIKY, 20, 2048, STEADY.lambda(), STEADY.appRunner(), TASK,
                TASK.withScaling(Sizing.Scaling.FIXED_FOR_PEAK));
        // at 3 B a month the peak (6× the mean of 1 142/s ≈ 6 849/s) needs ceil(6 849 / 300) = 23 tasks; the rest of the day fewer
        var e = ESTIMATOR.estimate(spiky, OPTIONS, 3e9);
        double fixed = e.bills().get(Way.FARGATE).usd("fargate.vcpu");
        double auto = e.bills().get(Way.ECS_EXPRESS_MODE).usd("fargate.vcpu");
        assertEquals(23 * 730 * 3600 * 0.0000089944, fixed, 1e-6);
        assertTrue(auto < fixed / 2, auto + " vs " + fixed);
    }

    @Test
    void expressModeSharesItsLoadBalancer() {
        var alone = ESTIMATOR.estimate(STEADY, OPTIONS).bills().get(Way.ECS_EXPRESS_MODE).usd("alb.hour");
        var shared = new Estimator.Options(Region.US_EAST_1, false, true, true, 25, 0, 0, false, 0, 0.6, 60, 1, 0, 0);
        assertEquals(alone / 25, ESTIMATOR.estimate(STEADY, shared).bills().get(Way.ECS_EXPRESS_MODE).usd("alb.hour"), 1e-9);
        assertEquals(alone, ESTIMATOR.estimate(STEADY, shared).bills().get(Way.FARGATE).usd("alb.hour"), 1e-9);
    }

    @Test
    void theSameTaskForBothEcsWaysIsStillPricedAsEachWay() {
        // one Server object for both: Express Mode pays a 25th of its load balancer, ECS on Fargate (no ALB here) none
        var same = new Estimator.Scenario(TrafficProfile.STEADY, 20, 2048, null, null, TASK, TASK);
        var noAlb = new Estimator.Options(Region.US_EAST_1, false, true, false, 25, 0, 0, false, 0, 0.6, 60, 1, 0, 0);
        var bills = ESTIMATOR.estimate(same, noAlb).bills();
        assertEquals(730 * 0.0225 / 25, bills.get(Way.ECS_EXPRESS_MODE).usd("alb.hour"), 1e-9);
        assertEquals(0, bills.get(Way.FARGATE).usd("alb"), 1e-12);
        assertEquals(bills.get(Way.FARGATE).usd("fargate"), bills.get(Way.ECS_EXPRESS_MODE).usd("fargate"), 1e-9);
    }

    @Test
    void publicIpv4CountsTheLoadBalancersZonesAndEachTaskWithoutNat() {
        var counted = new Estimator.Options(Region.US_EAST_1, false, true, true, 1, 0, 0, true, 0, 0.6, 60, 1, 0, 0);
        // 10 B a month steady is 3 805/s: ceil(3 805 / 300) = 13 tasks all month, plus the ALB's two zones
        assertEquals((2 + 13) * 730 * 0.005, ESTIMATOR.estimate(STEADY, counted, 1e10).bills().get(Way.FARGATE)
                .usd("vpc.public-ipv4"), 1e-9);
        var withNat = new Estimator.Options(Region.US_EAST_1, false, true, true, 1, 1, 10, true, 0, 0.6, 60, 1, 0, 0);
        Bill bill = ESTIMATOR.estimate(STEADY, withNat, 1e10).bills().get(Way.FARGATE);
        // behind NAT the tasks have no public address; the gateway has one
        assertEquals((2 + 1) * 730 * 0.005, bill.usd("vpc.public-ipv4"), 1e-9);
        assertEquals(730 * 0.045 + 10 * 0.045, bill.usd("nat"), 1e-9);
    }

    @Test
    void provisionedConcurrencyServesWhatItHoldsAndBillsAllMonth() {
        var withPc = new Estimator.Options(Region.US_EAST_1, false, false, true, 1, 0, 0, false, 2, 0.6, 60, 1, 0, 0);
        Bill bill = ESTIMATOR.estimate(STEADY, withPc).bills().get(Way.LAMBDA);
        // 2 environments × 1 GB × 730 h
        assertEquals(2 * 1.0 * 730 * 3600 * 0.0000033334, bill.usd("lambda.provisioned-concurrency"), 1e-9);
        // 3.8 requests/s of 20 ms fit in 2 environments (100/s): all of them at the provisioned duration price
        assertEquals(10_000_000 * 0.020 * 0.0000077778, bill.usd("lambda.provisioned-duration"), 1e-9);
        assertEquals(0, bill.usd("lambda.duration"), 1e-12);
    }

    @Test
    void aWayThatCannotTakeTheWorkloadIsLeftOut() {
        var noLambda = new Estimator.Scenario(TrafficProfile.STEADY, 20, 2048, null, null, TASK, TASK);
        var e = ESTIMATOR.estimate(noLambda, OPTIONS);
        assertFalse(e.bills().containsKey(Way.LAMBDA));
        assertFalse(e.bills().containsKey(Way.APP_RUNNER));
        assertEquals(Way.ECS_EXPRESS_MODE, e.cheapest(), "ties go to the way listed first");
    }

    @Test
    void rejectsAVolumeOrSizeItCannotPrice() {
        assertThrows(IllegalArgumentException.class, () -> ESTIMATOR.estimate(STEADY, OPTIONS, -1));
        var e = assertThrows(IllegalArgumentException.class, () -> new Estimator.Scenario(TrafficProfile.STEADY, 20, 0,
                null, null, new Sizing.Server(1, 16, Arch.ARM64, 1, 100, 0, Sizing.Scaling.FIXED_FOR_PEAK), TASK));
        assertTrue(e.getMessage().contains("Fargate offers no task of 1 vCPU with 16 GB"), e.getMessage());
    }
}
