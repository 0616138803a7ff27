package dev.threeways.resilience;

import java.util.Map;

/**
 * One way as a client meets it: requests in, answers out, and what the platform would show an operator
 * (its log, its memory). The servers are real processes spoken to over HTTP; the Lambda way is its
 * functions under lambda-local, each request an API Gateway HTTP API event, as API Gateway sends it.
 */
interface Way extends AutoCloseable {
    /** What a client got: the status (0 when no answer came at all) and the body. */
    record Answer(int status, String body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    String name();

    Answer send(String method, String path, Map<String, String> headers, byte[] body);

    default Answer get(String path) {
        return send("GET", path, Map.of(), new byte[0]);
    }

    /** Everything the way's processes logged so far. */
    String logs();

    @Override
    void close();
}
