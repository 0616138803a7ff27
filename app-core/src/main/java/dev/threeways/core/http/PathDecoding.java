package dev.threeways.core.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding of a raw request path (UTF-8). Unlike form decoding, a '+' stays a '+'. Runtimes
 * that hand over the raw path (API Gateway's {@code rawPath}) decode with this, so every runtime gives
 * the app the same decoded path.
 */
public final class PathDecoding {
    private PathDecoding() {}

    public static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        var out = new ByteArrayOutputStream(raw.length());
        byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%') {
                int high = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
                int low = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
                if (high < 0 || low < 0) {
                    throw malformed();
                }
                out.write(high * 16 + low);
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static ProblemException malformed() {
        return new ProblemException(Problem.badRequest("malformed-path", "Malformed path",
                "The path is not valid percent-encoding."));
    }
}
