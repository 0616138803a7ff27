package dev.threeways.advisor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrafficProfileTest {

    @Test
    void everyProfilesDayAddsUpToTwentyFourHoursAndItsVolume() {
        for (TrafficProfile p : TrafficProfile.all()) {
            var day = p.day(p.requestsPerMonth());
            double hours = day.stream().mapToDouble(TrafficProfile.Part::hoursPerDay).sum();
            double requests = day.stream().mapToDouble(part -> part.perSecond() * part.hoursPerMonth() * 3600).sum();
            assertEquals(24, hours, 1e-9, p.name());
            assertEquals(p.requestsPerMonth(), requests, p.requestsPerMonth() * 1e-9, p.name());
        }
    }

    @Test
    void thePeakIsPeakToMeanTimesTheMonthsMeanRate() {
        double volume = 10_000_000;
        double mean = volume / (730 * 3600.0);
        assertEquals(6 * mean, TrafficProfile.SPIKY.peakPerSecond(volume), 1e-12);
        assertEquals(6 * mean, TrafficProfile.SPIKY.day(volume).getFirst().perSecond(), 1e-12);
        assertEquals(mean, TrafficProfile.STEADY.peakPerSecond(volume), 1e-12);
        // the nightly burst carries the whole day in one hour
        assertEquals(24 * mean, TrafficProfile.NIGHTLY_BATCH.day(volume).getFirst().perSecond(), 1e-12);
    }

    @Test
    void spikyAndSteadyHaveTheSameVolumeAndSpikyIsQuieterOffPeak() {
        assertEquals(TrafficProfile.STEADY.requestsPerMonth(), TrafficProfile.SPIKY.requestsPerMonth());
        var offPeak = TrafficProfile.SPIKY.day(1e7).get(1);
        assertTrue(offPeak.perSecond() < TrafficProfile.meanPerSecond(1e7));
        assertEquals(21, offPeak.hoursPerDay(), 1e-12);
    }

    @Test
    void mostlyIdleIsAFewRequestsAnHourAndIdleAtNight() {
        var day = TrafficProfile.MOSTLY_IDLE.day(TrafficProfile.MOSTLY_IDLE.requestsPerMonth());
        double perHour = day.getFirst().perSecond() * 3600;
        assertTrue(perHour >= 2 && perHour <= 12, perHour + " an hour");
        assertEquals(0, day.getLast().perSecond());
        assertTrue(TrafficProfile.MOSTLY_IDLE.coldStartShare() > TrafficProfile.STEADY.coldStartShare());
    }

    @Test
    void nonsenseShapesAreRefused() {
        var tooMuchPeak = assertThrows(IllegalArgumentException.class,
                () -> new TrafficProfile("x", "", 1000, 24, 12, 3, 0));
        assertTrue(tooMuchPeak.getMessage().contains("whole day"), tooMuchPeak.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrafficProfile("x", "", -5, 24, 24, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new TrafficProfile("x", "", 1000, 24, 24, 1, 1.5));
        assertThrows(IllegalArgumentException.class, () -> new TrafficProfile("x", "", 1000, 25, 24, 1, 0));
        // one peak hour at 6× leaves 18 of 24 shares for the other hours: they would outrun the peak
        assertThrows(IllegalArgumentException.class, () -> new TrafficProfile("x", "", 1000, 2, 1, 6, 0));
        // an active window with no off-peak hours must put the whole day in the peak
        assertThrows(IllegalArgumentException.class, () -> new TrafficProfile("x", "", 1000, 12, 12, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> TrafficProfile.STEADY.day(-1));
    }
}
