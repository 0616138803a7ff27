package dev.threeways.bench.ways;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The note that tells a server's saturation figure from the load generator's. */
class CpuNoteTest {
    @Test
    void aServerThatUsedItsQuotaOwnsItsFigure() {
        String note = Servers.cpuNote("bare, 1 vCPU", 1.0, List.of(0.94, 0.97, 0.95));
        assertTrue(note.contains("0.94, 0.97, 0.95") && note.contains("its figure is its own"), note);
    }

    @Test
    void oneRepetitionBelowNinetyPercentOfTheQuotaIsFlagged() {
        String note = Servers.cpuNote("bare, 0.5 vCPU", 0.5, List.of(0.50, 0.40, 0.50));
        assertTrue(note.contains("below 90 % of the 0.5 CPU it was given"), note);
    }

    @Test
    void anUnreadableCpuTimeIsSaidNotGuessed() {
        String note = Servers.cpuNote("bare, 1 vCPU", 1.0, List.of(Double.NaN));
        assertTrue(note.contains("not readable here"), note);
    }
}
