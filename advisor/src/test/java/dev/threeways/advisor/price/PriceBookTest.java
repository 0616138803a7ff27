package dev.threeways.advisor.price;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PriceBookTest {
    private final PriceBook book = PriceBook.current();

    @Test
    void everyFigureHasItsPageAndDay() {
        assertEquals(List.of(Region.US_EAST_1, Region.AP_NORTHEAST_1), book.regions());
        for (Region region : book.regions()) {
            for (Rate rate : book.rates(region)) {
                assertTrue(rate.source().startsWith("https://aws.amazon.com/"), rate.toString());
                // a figure read for an earlier book and carried into this one keeps the day it was read
                assertTrue(List.of("2026-11-27", PriceBook.CURRENT).contains(rate.taken()), rate.toString());
                assertTrue(rate.tiers().stream().allMatch(t -> t.usd() > 0), rate.toString());
            }
        }
    }

    @Test
    void tokyoLacksOnlyTheFiguresNoSourceGave() {
        Set<String> us = keys(Region.US_EAST_1);
        Set<String> tokyo = keys(Region.AP_NORTHEAST_1);
        assertTrue(us.containsAll(tokyo), "Tokyo keys not in us-east-1: " + tokyo);
        var missing = new HashSet<>(us);
        missing.removeAll(tokyo);
        // the rows the deployed stacks' bill added (RDS, SQS, logs, ...) were read for us-east-1 only
        var expected = new HashSet<>(Set.of("lambda.provisioned-concurrency.x86", "lambda.provisioned-concurrency.arm",
                "lambda.provisioned-duration.x86", "lambda.provisioned-duration.arm",
                "lambda.ephemeral-storage.x86", "lambda.ephemeral-storage.arm"));
        book.rates(Region.US_EAST_1).stream().filter(r -> r.taken().equals("2026-12-07")).forEach(r -> expected.add(r.key()));
        assertTrue(expected.contains("rds.proxy.vcpu-hour"), expected.toString());
        assertEquals(expected, missing);
        var e = assertThrows(IllegalArgumentException.class,
                () -> book.rate(Region.AP_NORTHEAST_1, "lambda.provisioned-concurrency.arm"));
        assertTrue(e.getMessage().contains("ap-northeast-1"), e.getMessage());
    }

    private Set<String> keys(Region region) {
        var out = new HashSet<String>();
        book.rates(region).forEach(r -> out.add(r.key()));
        return out;
    }

    @Test
    void anUnknownRegionOrVersionIsAClearError() {
        var region = assertThrows(IllegalArgumentException.class, () -> Region.of("eu-west-9"));
        assertTrue(region.getMessage().contains("us-east-1, ap-northeast-1"), region.getMessage());
        var version = assertThrows(IllegalArgumentException.class, () -> PriceBook.load("2020-01-01"));
        assertTrue(version.getMessage().contains(PriceBook.CURRENT), version.getMessage());
    }

    @Test
    void aMalformedBookIsRejectedWithItsLine() {
        var tiers = assertThrows(IllegalArgumentException.class, () -> PriceBook.parse("2026-01-01", List.of(
                "us-east-1\tk\twhat\tper x\t0.1@10;0.2@5;0.3\thttps://aws.amazon.com/x/\t2026-01-01")));
        assertTrue(tiers.getMessage().contains("ascend"), tiers.getMessage());
        var fields = assertThrows(IllegalArgumentException.class, () -> PriceBook.parse("2026-01-01", List.of(
                "# comment", "us-east-1\tk\twhat")));
        assertTrue(fields.getMessage().contains("line 2"), fields.getMessage());
        var twice = assertThrows(IllegalArgumentException.class, () -> PriceBook.parse("2026-01-01", List.of(
                "us-east-1\tk\twhat\tper x\t0.1\thttps://aws.amazon.com/x/\t2026-01-01",
                "us-east-1\tk\twhat\tper x\t0.2\thttps://aws.amazon.com/x/\t2026-01-01")));
        assertTrue(twice.getMessage().contains("twice"), twice.getMessage());
    }
}
