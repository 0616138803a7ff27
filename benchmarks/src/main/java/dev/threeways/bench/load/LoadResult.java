package dev.threeways.bench.load;

import dev.threeways.bench.report.Report;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.Deflater;
import org.HdrHistogram.Histogram;

/**
 * What one load run saw. Latencies are in microseconds: {@code corrected} from each request's due time
 * (open model) or send time (closed model), {@code serviceTime} from when it went on the wire.
 */
public record LoadResult(double offeredPerSecond, long requests, double seconds, Histogram corrected,
                         Histogram serviceTime, Map<String, Long> statuses, boolean cutByBudget) {

    static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99, 100};

    public LoadResult {
        statuses = new TreeMap<>(statuses);
    }

    public double achievedPerSecond() {
        return seconds <= 0 ? 0 : requests / seconds;
    }

    /** Responses with a 2xx status. */
    public long good() {
        return statuses.entrySet().stream().filter(e -> e.getKey().startsWith("2")).mapToLong(Map.Entry::getValue).sum();
    }

    public double goodPerSecond() {
        return seconds <= 0 ? 0 : good() / seconds;
    }

    public double correctedMs(double percentile) {
        return corrected.getValueAtPercentile(percentile) / 1000.0;
    }

    public double serviceMs(double percentile) {
        return serviceTime.getValueAtPercentile(percentile) / 1000.0;
    }

    public Report.LoadRun toRun(String way, String path) {
        return new Report.LoadRun(way, path, offeredPerSecond, achievedPerSecond(), requests, seconds,
                points(corrected), points(serviceTime), statuses, encode(corrected));
    }

    private static List<Report.Point> points(Histogram h) {
        var points = new ArrayList<Report.Point>();
        for (double p : PERCENTILES) {
            points.add(new Report.Point(p, h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1000.0));
        }
        return points;
    }

    /** HdrHistogram's own compressed form, so the raw distribution can be re-read from report.json. */
    static String encode(Histogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer, Deflater.BEST_COMPRESSION);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalArgumentException("not an encoded histogram", e);
        }
    }
}
