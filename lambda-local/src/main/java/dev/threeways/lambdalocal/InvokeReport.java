package dev.threeways.lambdalocal;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What Lambda writes as the {@code REPORT} line of one invoke.
 *
 * @param requestId       the invoke's request id
 * @param duration        from the event being handed to the runtime until its response or error arrived
 *                        (zero when the event was never handed over, e.g. the function failed to initialise)
 * @param billedDurationMs the duration in whole milliseconds, rounded up, as Lambda bills it
 * @param memorySizeMb    the configured memory size
 * @param maxMemoryUsedMb the runtime process's peak resident set size so far ({@code VmHWM}), in MiB
 * @param initDuration    present on the first invoke of an environment only: from the process start until the
 *                        runtime first asked for an invocation (or failed trying)
 */
public record InvokeReport(
        String requestId,
        Duration duration,
        long billedDurationMs,
        int memorySizeMb,
        long maxMemoryUsedMb,
        Optional<Duration> initDuration) {

    public InvokeReport {
        if (requestId == null || duration == null || initDuration == null) {
            throw new NullPointerException("requestId, duration and initDuration are required");
        }
    }

    static InvokeReport of(String requestId, Duration duration, int memorySizeMb, long maxMemoryUsedMb,
                           Optional<Duration> initDuration) {
        long nanos = duration.toNanos();
        long billed = nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1);
        return new InvokeReport(requestId, duration, billed, memorySizeMb, maxMemoryUsedMb, initDuration);
    }

    /** Lambda's REPORT line, tab-separated as in CloudWatch Logs. */
    public String toLogLine() {
        StringBuilder line = new StringBuilder()
                .append("REPORT RequestId: ").append(requestId)
                .append("\tDuration: ").append(millis(duration)).append(" ms")
                .append("\tBilled Duration: ").append(billedDurationMs).append(" ms")
                .append("\tMemory Size: ").append(memorySizeMb).append(" MB")
                .append("\tMax Memory Used: ").append(maxMemoryUsedMb).append(" MB");
        initDuration.ifPresent(init -> line.append("\tInit Duration: ").append(millis(init)).append(" ms"));
        return line.toString();
    }

    private static String millis(Duration d) {
        return String.format(Locale.ROOT, "%.2f", d.toNanos() / 1_000_000.0);
    }
}
