package dev.threeways.advisor.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class FargateSizesTest {

    @Test
    void acceptsTheSmallestAndTheLargestSize() {
        assertTrue(FargateSizes.valid(0.25, 0.5));
        assertTrue(FargateSizes.valid(16, 120));
        assertEquals(new ComputeSize(16, 120), FargateSizes.requireValid(16, 120));
        assertEquals(new ComputeSize(0.25, 0.5), FargateSizes.all().getFirst());
        assertEquals(new ComputeSize(16, 120), FargateSizes.all().getLast());
    }

    @Test
    void rejectsOneVcpuWith16GbListingWhatOneVcpuTakes() {
        assertFalse(FargateSizes.valid(1, 16));
        var e = assertThrows(IllegalArgumentException.class, () -> FargateSizes.requireValid(1, 16));
        assertTrue(e.getMessage().contains("2–8 GB"), e.getMessage());
        assertTrue(e.getMessage().contains("1 vCPU") && e.getMessage().contains("16 GB"), e.getMessage());
    }

    @Test
    void rejectsAVcpuFargateDoesNotOffer() {
        var e = assertThrows(IllegalArgumentException.class, () -> FargateSizes.requireValid(3, 8));
        assertTrue(e.getMessage().contains("0.25, 0.5, 1, 2, 4, 8, 16 vCPU"), e.getMessage());
    }

    @Test
    void followsTheStepsOfEachRow() {
        assertEquals(List.of(0.5, 1.0, 2.0), FargateSizes.memoryOptions(0.25));
        assertFalse(FargateSizes.valid(0.25, 1.5));
        assertTrue(FargateSizes.valid(4, 30));
        assertFalse(FargateSizes.valid(4, 31));
        assertTrue(FargateSizes.valid(8, 20));
        assertFalse(FargateSizes.valid(8, 18));
        assertTrue(FargateSizes.valid(16, 40));
        assertFalse(FargateSizes.valid(16, 36));
        assertFalse(FargateSizes.valid(Double.NaN, 1));
        // 3 + 4 + 7 + 13 + 23 + 12 + 12 pairs
        assertEquals(74, FargateSizes.all().size());
        assertTrue(FargateSizes.all().stream().allMatch(s -> FargateSizes.valid(s.vcpu(), s.memoryGb())));
    }

    @Test
    void findsTheSmallestSizeThatFits() {
        assertEquals(new ComputeSize(0.25, 0.5), FargateSizes.smallestFitting(0, 0));
        assertEquals(new ComputeSize(0.5, 3), FargateSizes.smallestFitting(0.25, 2.5));
        assertEquals(new ComputeSize(1, 2), FargateSizes.smallestFitting(0.75, 1));
        assertEquals(new ComputeSize(4, 17), FargateSizes.smallestFitting(1, 17));
        assertEquals(new ComputeSize(8, 36), FargateSizes.smallestFitting(1, 33));
        assertEquals(new ComputeSize(16, 120), FargateSizes.smallestFitting(16, 113));
        var e = assertThrows(IllegalArgumentException.class, () -> FargateSizes.smallestFitting(1, 121));
        assertTrue(e.getMessage().contains("16 vCPU / 120 GB"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FargateSizes.smallestFitting(-1, 1));
    }
}
