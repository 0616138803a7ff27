package dev.threeways.advisor.decide;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.advisor.TrafficProfile;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WorkloadTest {

    private static Workload parse(String... keyValues) {
        var options = new HashMap<String, String>();
        for (int i = 0; i < keyValues.length; i += 2) {
            options.put(keyValues[i], keyValues[i + 1]);
        }
        return Workload.fromOptions(options);
    }

    private static IllegalArgumentException refused(String... keyValues) {
        return assertThrows(IllegalArgumentException.class, () -> parse(keyValues));
    }

    @Test
    void noOptionsGiveTheDocumentedDefaults() {
        Workload w = Workload.fromOptions(Map.of());

        assertEquals(Workload.DEFAULT, w);
        assertEquals(Duration.ofSeconds(30), w.maxExecution());
        assertEquals(Set.of(Protocol.HTTP), w.protocols());
        assertEquals(Invocation.SYNC, w.invocation());
        assertEquals(1024, w.requestBytes());
        assertEquals(1024, w.responseBytes());
        assertEquals(Network.PUBLIC, w.network());
        assertEquals(1_000_000L, w.traffic().requestsPerMonth());
        assertEquals(24, w.traffic().activeHoursPerDay());
        assertEquals(1, w.traffic().peakToMean());
        assertEquals(100, w.meanDurationMs());
        assertEquals(512, w.memoryMb());
        assertEquals(List.of(false, false, false), List.of(w.gpu(), w.minimalOps(), w.appRunnerAvailable()));
        assertNull(w.spiky());
    }

    @ParameterizedTest(name = "max-duration {0} = {1} ms")
    @CsvSource({"250ms, 250", "900s, 900000", "20m, 1200000", "1h, 3600000", "1.5h, 5400000", "2 min, 120000",
            "PT15M, 900000"})
    void parsesEachDurationForm(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), parse("max-duration", text, "duration", "1ms").maxExecution());
    }

    @ParameterizedTest(name = "request-size {0} = {1} bytes")
    @CsvSource({"512, 512", "512B, 512", "256KB, 262144", "8MB, 8388608", "6 MB, 6291456", "1.5MB, 1572864",
            "1GB, 1073741824", "0, 0"})
    void parsesEachSizeFormInBinaryUnits(String text, long bytes) {
        assertEquals(bytes, parse("request-size", text).requestBytes());
        assertEquals(bytes, parse("response-size", text).responseBytes());
    }

    @ParameterizedTest(name = "requests-per-month {0} = {1}")
    @CsvSource({"2500, 2500", "150k, 150000", "10M, 10000000", "1.5B, 1500000000", "'1,000', 1000"})
    void parsesEachCountForm(String text, long count) {
        assertEquals(count, parse("requests-per-month", text).traffic().requestsPerMonth());
    }

    @ParameterizedTest(name = "memory {0} = {1} MB")
    @CsvSource({"512MB, 512", "2GB, 2048", "1536, 1536", "1.5GB, 1536"})
    void parsesEachMemoryForm(String text, long mb) {
        assertEquals(mb, parse("memory", text).memoryMb());
    }

    @Test
    void parsesTheRest() {
        Workload w = parse("protocols", "HTTPS, websocket,grpc", "invocation", "queue", "network", "private-vpc",
                "duration", "120ms", "gpu", "true", "minimal-ops", "TRUE", "app-runner-available", "true",
                "spiky", "false");

        assertEquals(Set.of(Protocol.HTTP, Protocol.WEBSOCKET, Protocol.GRPC), w.protocols());
        assertEquals(Invocation.QUEUE, w.invocation());
        assertEquals(Network.PRIVATE_VPC, w.network());
        assertEquals(120, w.meanDurationMs());
        assertEquals(List.of(true, true, true), List.of(w.gpu(), w.minimalOps(), w.appRunnerAvailable()));
        assertEquals(Boolean.FALSE, w.spiky());
        assertNull(parse("spiky", "auto").spiky());
        assertNull(parse("spiky", " AUTO ").spiky());
        assertEquals(Boolean.TRUE, parse("spiky", "True").spiky());
        assertEquals(Network.FINE_GRAINED, parse("network", "fine-grained").network());
        assertEquals(Invocation.ASYNC, parse("invocation", "async").invocation());
    }

    @Test
    void aLongMeanRaisesTheDefaultLongestExecution() {
        assertEquals(Duration.ofMinutes(2), parse("duration", "2m").maxExecution());
        assertEquals(Duration.ofSeconds(30), parse("duration", "2s").maxExecution());
        var e = refused("duration", "2m", "max-duration", "1m");
        assertTrue(e.getMessage().contains("duration") && e.getMessage().contains("max-duration"), e.getMessage());
    }

    @Test
    void buildsTrafficFromTheWorkingDayExample() {
        TrafficProfile t = parse("requests-per-month", "150k", "active-hours", "10", "peak-to-mean", "2.4").traffic();

        assertEquals(150_000, t.requestsPerMonth());
        assertEquals(10, t.activeHoursPerDay());
        assertEquals(10, t.peakHoursPerDay(), "a flat load peaks all its active hours");
        assertEquals(2.4, t.peakToMean(), 1e-12);
        // with only active hours given, the load is flat over them
        assertEquals(2.4, parse("active-hours", "10").traffic().peakToMean(), 1e-12);
        // a peak above flat carries half the day's requests by default
        TrafficProfile spike = parse("peak-to-mean", "6").traffic();
        assertEquals(2, spike.peakHoursPerDay(), 1e-12);
        assertEquals(0.5, spike.peakShare(), 1e-12);
    }

    @Test
    void sparseTrafficDefaultsToHalfTheRequestsStartingCold() {
        // 2,500 a month in 10 h a day is one every 7 minutes
        assertEquals(0.5, parse("requests-per-month", "2500", "active-hours", "10").traffic().coldStartShare());
        assertEquals(0.001, parse("requests-per-month", "150k", "active-hours", "10").traffic().coldStartShare());
        assertEquals(0.2, parse("requests-per-month", "2500", "cold-start-share", "0.2").traffic().coldStartShare());
    }

    @Test
    void rejectsNegativeDurationsNamingTheKey() {
        var max = refused("max-duration", "-5m");
        assertTrue(max.getMessage().startsWith("max-duration"), max.getMessage());
        assertTrue(max.getMessage().contains("-5m"), max.getMessage());
        var mean = refused("duration", "-120ms");
        assertTrue(mean.getMessage().startsWith("duration"), mean.getMessage());
        assertTrue(refused("max-duration", "0s").getMessage().startsWith("max-duration"));
        assertTrue(refused("max-duration", "20").getMessage().contains("unit"));
        assertTrue(refused("max-duration", "20 fortnights").getMessage().contains("fortnights"));
    }

    @Test
    void rejectsUnknownKeysListingTheKnownOnes() {
        var e = refused("max-duraton", "20m", "colour", "blue");
        assertTrue(e.getMessage().contains("colour, max-duraton"), e.getMessage());
        for (String key : Workload.OPTIONS.keySet()) {
            assertTrue(e.getMessage().contains(key), () -> key + " missing from: " + e.getMessage());
        }
    }

    @Test
    void rejectsAnUnknownInvocationNamingTheKey() {
        var e = refused("invocation", "poll");
        assertTrue(e.getMessage().startsWith("invocation") && e.getMessage().contains("sync, async, queue")
                && e.getMessage().endsWith("poll"), e.getMessage());
        assertTrue(refused("network", "vpc").getMessage().startsWith("network"));
        assertTrue(refused("protocols", "http,smtp").getMessage().contains("smtp"));
    }

    @Test
    void rejectsZeroMemoryNamingTheKey() {
        var e = refused("memory", "0MB");
        assertTrue(e.getMessage().startsWith("memory") && e.getMessage().contains("0MB"), e.getMessage());
        assertTrue(refused("memory", "-1GB").getMessage().startsWith("memory"));
        assertTrue(refused("memory", "2TB").getMessage().startsWith("memory"));
    }

    @Test
    void rejectsOtherBadValuesNamingTheKey() {
        assertTrue(refused("request-size", "-1KB").getMessage().startsWith("request-size"));
        assertTrue(refused("response-size", "lots").getMessage().startsWith("response-size"));
        assertTrue(refused("requests-per-month", "0").getMessage().startsWith("requests-per-month"));
        assertTrue(refused("requests-per-month", "2.5").getMessage().startsWith("requests-per-month"));
        assertTrue(refused("active-hours", "25").getMessage().startsWith("active-hours"));
        assertTrue(refused("peak-hours", "30").getMessage().startsWith("peak-hours"));
        assertTrue(refused("active-hours", "10", "peak-to-mean", "2").getMessage().startsWith("peak-to-mean"));
        assertTrue(refused("peak-to-mean", "6", "peak-hours", "6").getMessage().contains("peak-hours"));
        assertTrue(refused("cold-start-share", "1.5").getMessage().startsWith("cold-start-share"));
        assertTrue(refused("gpu", "yes").getMessage().startsWith("gpu"));
        assertEquals("spiky must be true, false or auto: sometimes", refused("spiky", "sometimes").getMessage());
        var nullValue = new HashMap<String, String>();
        nullValue.put("gpu", null);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Workload.fromOptions(nullValue))
                .getMessage().startsWith("gpu"));
    }

    @Test
    void theRecordRefusesBadValuesNamingFieldAndKey() {
        Workload d = Workload.DEFAULT;
        var negative = assertThrows(IllegalArgumentException.class, () -> d.withMaxExecution(Duration.ofSeconds(-5)));
        assertTrue(negative.getMessage().contains("maxExecution (max-duration)") && negative.getMessage().contains("-5 s"),
                negative.getMessage());
        var memory = assertThrows(IllegalArgumentException.class, () -> d.withMemoryMb(0));
        assertTrue(memory.getMessage().contains("memoryMb (memory)") && memory.getMessage().endsWith(": 0"), memory.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withRequestBytes(-1)).getMessage()
                .contains("requestBytes (request-size)"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> d.withDurations(Duration.ZERO, Duration.ofSeconds(1)))
                .getMessage().contains("meanDurationMs (duration)"));
        assertThrows(IllegalArgumentException.class, () -> d.withDurations(Duration.ofMinutes(2), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> d.withProtocols());
        assertThrows(IllegalArgumentException.class, () -> d.withNetwork(null));
        assertThrows(IllegalArgumentException.class, () -> d.withTraffic(null));
        assertThrows(IllegalArgumentException.class, () -> d.withInvocation(null));
    }

    @Test
    void optionsListEveryKeyInHelpOrderAndEachIsAccepted() {
        assertEquals("max-duration", Workload.OPTIONS.firstEntry().getKey());
        assertEquals("spiky", Workload.OPTIONS.lastEntry().getKey());
        Map<String, String> sample = Map.ofEntries(Map.entry("max-duration", "1m"), Map.entry("protocols", "http"),
                Map.entry("invocation", "sync"), Map.entry("request-size", "1KB"), Map.entry("response-size", "1KB"),
                Map.entry("network", "public"), Map.entry("requests-per-month", "1M"), Map.entry("active-hours", "24"),
                Map.entry("peak-hours", "24"), Map.entry("peak-to-mean", "1"), Map.entry("cold-start-share", "0.001"),
                Map.entry("duration", "100ms"), Map.entry("memory", "512MB"), Map.entry("gpu", "false"),
                Map.entry("minimal-ops", "false"), Map.entry("app-runner-available", "false"), Map.entry("spiky", "auto"));
        assertEquals(Workload.OPTIONS.keySet(), sample.keySet());
        assertEquals(Workload.DEFAULT.withMaxExecution(Duration.ofMinutes(1)).withTraffic(Workload.fromOptions(sample).traffic()),
                Workload.fromOptions(sample));
        Workload.OPTIONS.values().forEach(help -> assertTrue(!help.isBlank() && !help.contains("\n"), help));
        assertThrows(UnsupportedOperationException.class, () -> Workload.OPTIONS.put("x", "y"));
    }

    @Test
    void spikyHelpStatesHowAutoDecides() {
        String help = Workload.OPTIONS.get("spiky");
        for (String part : List.of("true, false or auto", "4× the mean", "6 h a day", "one a minute", "busy less than 1 %",
                "requests-per-month × duration")) {
            assertTrue(help.contains(part), part + " missing from: " + help);
        }
    }

    @Test
    void protocolsAreACopy() {
        var w = Workload.DEFAULT.withProtocols(Protocol.TCP, Protocol.TCP);
        assertEquals(Set.of(Protocol.TCP), w.protocols());
        assertThrows(UnsupportedOperationException.class, () -> w.protocols().add(Protocol.UDP));
    }
}
