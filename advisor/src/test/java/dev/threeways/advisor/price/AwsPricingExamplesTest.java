package dev.threeways.advisor.price;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AWS's own worked examples from the Lambda and Fargate pricing pages (us-east-1, as the pages state
 * them), reproduced to the cent from the price book: each line the page prints, and the total. The pages
 * round each line to the cent and add the rounded lines; the totals below also equal the rounded exact sum.
 */
class AwsPricingExamplesTest {
    private static final PriceBook.Prices US_EAST_1 = PriceBook.current().in(Region.US_EAST_1);

    private static void assertCents(String expected, double usd) {
        assertEquals(new BigDecimal(expected), Bill.toCents(usd), () -> "exact " + usd);
    }

    private static void assertLines(Bill bill, String... expected) {
        List<Line> lines = bill.lines();
        assertEquals(expected.length, lines.size(), bill.toString());
        for (int i = 0; i < expected.length; i++) {
            assertCents(expected[i], lines.get(i).usd());
        }
    }

    @Test
    void lambdaMobileApplicationBackend() {
        // 3 M requests, 120 ms, 1536 MB, x86, free tier: compute $2.33 + requests $0.40 = $2.73
        var usage = LambdaPricing.Usage.onDemand(3_000_000, 120, 1536, Arch.X86_64).withFreeTier(true);
        Bill bill = LambdaPricing.bill(US_EAST_1, usage);
        assertLines(bill, "0.40", "2.33");
        assertEquals(140_000, bill.lines().get(1).quantity(), 1e-6, "GB-seconds after the free tier");
        assertEquals(new BigDecimal("2.73"), bill.cents());
    }

    @Test
    void lambdaStreamingTelemetry() {
        // 10,000 vehicles × 24 × 31 messages, 2 s, 1024 MB, x86, no free tier: $1.49 + $248.00 = $249.49
        var usage = LambdaPricing.Usage.onDemand(10_000 * 24 * 31, 2000, 1024, Arch.X86_64);
        Bill bill = LambdaPricing.bill(US_EAST_1, usage);
        assertLines(bill, "1.49", "248.00");
        assertEquals(new BigDecimal("249.49"), bill.cents());
    }

    @Test
    void lambdaSupportTicketsWithEphemeralStorage() {
        // 6 M requests, 280 ms, 4096 MB, 2048 MB of /tmp, x86, free tier: $105.33 + $1 + $0.08 = $106.41
        var usage = LambdaPricing.Usage.onDemand(6_000_000, 280, 4096, Arch.X86_64).withFreeTier(true)
                .withEphemeralStorage(2048);
        Bill bill = LambdaPricing.bill(US_EAST_1, usage);
        assertLines(bill, "1.00", "105.33", "0.08");
        assertEquals(2_520_000, bill.lines().get(2).quantity(), 1e-6, "ephemeral GB-seconds");
        assertEquals(new BigDecimal("106.41"), bill.cents());
    }

    @Test
    void lambdaProvisionedConcurrencyAppLaunch() {
        // concurrency 100 for 8 hours (500 000 requests at 100 ms), 2.5 M more on demand at 120 ms, 1536 MB, x86.
        // The page applies the free tier to all requests and the on-demand duration, not to the provisioned duration:
        // $18 + $0.40 + $0.73 + $0.83 = $19.96
        var usage = new LambdaPricing.Usage(3_000_000, 120, 1536, Arch.X86_64, 0, 0, 512, true,
                new LambdaPricing.Provisioned(100, 8, 500_000, 100));
        Bill bill = LambdaPricing.bill(US_EAST_1, usage);
        assertLines(bill, "0.40", "0.83", "18.00", "0.73");
        assertEquals(new BigDecimal("19.96"), bill.cents());
    }

    @Test
    void lambdaProvisionedConcurrencyCyberMonday() {
        // concurrency 7 for 24 hours, 2 M requests at 280 ms all served by it, 4096 MB, x86, no free tier:
        // $10.08 + $21.78 + $0.40 = $32.26
        var usage = new LambdaPricing.Usage(2_000_000, 0, 4096, Arch.X86_64, 0, 0, 512, false,
                new LambdaPricing.Provisioned(7, 24, 2_000_000, 280));
        Bill bill = LambdaPricing.bill(US_EAST_1, usage);
        assertLines(bill, "0.40", "0.00", "10.08", "21.78");
        assertEquals(new BigDecimal("32.26"), bill.cents());
    }

    @Test
    void fargateEcsLinuxX86WithEphemeralStorage() {
        // 5 tasks × 600 s a day × 30 days, 1 vCPU, 2 GB, 30 GB storage: $1.01 + $0.22 + $0.03 = $1.26
        double seconds = FargatePricing.taskSeconds(5 * 30, 600);
        var usage = FargatePricing.Usage.onDemand(1, 2, Arch.X86_64, seconds).withEphemeralStorage(30);
        Bill bill = FargatePricing.bill(US_EAST_1, usage);
        assertLines(bill, "1.01", "0.22", "0.03");
        assertEquals(new BigDecimal("1.26"), bill.cents());
    }

    @Test
    void fargateEcsLinuxArmWithEphemeralStorage() {
        // the same on Graviton: $0.81 + $0.18 + $0.03 = $1.02
        double seconds = FargatePricing.taskSeconds(5 * 30, 600);
        var usage = FargatePricing.Usage.onDemand(1, 2, Arch.ARM64, seconds).withEphemeralStorage(30);
        Bill bill = FargatePricing.bill(US_EAST_1, usage);
        assertLines(bill, "0.81", "0.18", "0.03");
        assertEquals(new BigDecimal("1.02"), bill.cents());
    }

    @Test
    void fargateEksPodsLinuxX86() {
        // 10 pods × 3600 s a day × 30 days, 0.25 vCPU, 1 GB: $3.04 + $1.33 = $4.37
        double seconds = FargatePricing.taskSeconds(10 * 30, 3600);
        Bill bill = FargatePricing.bill(US_EAST_1, FargatePricing.Usage.onDemand(0.25, 1, Arch.X86_64, seconds));
        assertLines(bill, "3.04", "1.33");
        assertEquals(new BigDecimal("4.37"), bill.cents());
    }
}
