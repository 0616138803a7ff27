package dev.threeways.core.testing;

import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;

/** Payment reads as an authorised client makes them: with a read token. */
public final class Reads {
    /** The development token the embedded default accepts (READ_API_TOKENS' default). */
    public static final String TOKEN = "read_local_development_only";
    public static final String AUTHORIZATION = "Bearer " + TOKEN;

    private Reads() {}

    /** A GET carrying the development token. */
    public static HttpRequest get(String pathAndQuery) {
        return HttpRequest.of("GET", pathAndQuery, Headers.of("Authorization", AUTHORIZATION), new byte[0], "");
    }
}
