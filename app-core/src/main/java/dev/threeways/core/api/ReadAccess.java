package dev.threeways.core.api;

import dev.threeways.core.http.HttpResponse;
import dev.threeways.core.http.Problem;
import dev.threeways.core.log.JsonLog;
import dev.threeways.core.secrets.SecretException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who may read payments: a client that presents one of the configured bearer tokens
 * ({@code Authorization: Bearer <token>}). A payment names amounts, statuses and refunds, so the reads
 * are never open: with no token configured they are refused to everyone. The same check guards
 * {@code GET /payments/{id}} on every way and the Fargate way's WebSocket upgrade.
 */
public final class ReadAccess {
    private static final JsonLog LOG = JsonLog.of(ReadAccess.class);
    private static final String SCHEME = "Bearer ";

    private final Supplier<List<String>> tokens;

    public ReadAccess(Supplier<List<String>> tokens) {
        this.tokens = tokens;
    }

    /** Empty when {@code authorization} carries a configured token; otherwise the 401 to answer. */
    public Optional<HttpResponse> deny(Optional<String> authorization) {
        List<String> configured;
        try {
            configured = tokens.get();
        } catch (SecretException e) {
            // the tokens' secret could not be read (it is read on first use): the caller may retry
            LOG.warn("read tokens unavailable", Map.of("error", String.valueOf(e.getMessage())));
            return Optional.of(Endpoints.dependencyUnavailable());
        }
        if (configured.isEmpty()) {
            return Optional.of(unauthorized("Payment reads are closed: no token is configured "
                    + "(set READ_API_TOKENS_ID or READ_API_TOKENS)."));
        }
        String presented = authorization.filter(a -> a.regionMatches(true, 0, SCHEME, 0, SCHEME.length()))
                .map(a -> a.substring(SCHEME.length()).strip()).orElse("");
        if (presented.isEmpty()) {
            return Optional.of(unauthorized("Send a read token: Authorization: Bearer <token>."));
        }
        // every configured token is compared, each in constant time: the answer's timing tells nothing
        byte[] candidate = sha256(presented);
        boolean match = false;
        for (String token : configured) {
            match |= MessageDigest.isEqual(candidate, sha256(token));
        }
        return match ? Optional.empty() : Optional.of(unauthorized("The read token is not valid."));
    }

    private static HttpResponse unauthorized(String detail) {
        return Problem.of(401, "unauthorized", "Unauthorized", detail).toResponse()
                .withHeader("WWW-Authenticate", "Bearer realm=\"payments\"");
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
