package dev.threeways.core.log;

import java.time.Instant;

/**
 * The time of a log line as {@link Instant#toString()} writes it (ISO-8601 in UTC, the fraction in groups
 * of three digits), with the part up to the second formatted once a second instead of once a line: the
 * formatter was a tenth of what an access line cost.
 */
final class Timestamps {
    private record Second(long epochSecond, String prefix) {}

    private static volatile Second current = new Second(Long.MIN_VALUE, "");

    private Timestamps() {}

    static String now() {
        return of(Instant.now());
    }

    static String of(Instant now) {
        Second second = current;
        if (second.epochSecond() != now.getEpochSecond()) {
            String whole = Instant.ofEpochSecond(now.getEpochSecond()).toString();
            // "...:ssZ" without the Z; a year past 9999 is written as Instant writes it, uncached
            if (whole.length() != 20) {
                return now.toString();
            }
            second = new Second(now.getEpochSecond(), whole.substring(0, 19));
            current = second;
        }
        int nano = now.getNano();
        var b = new StringBuilder(30).append(second.prefix());
        if (nano != 0) {
            int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
            int value = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
            String text = Integer.toString(value);
            b.append('.');
            for (int i = text.length(); i < digits; i++) {
                b.append('0');
            }
            b.append(text);
        }
        return b.append('Z').toString();
    }
}
