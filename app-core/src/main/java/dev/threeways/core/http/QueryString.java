package dev.threeways.core.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A parsed {@code application/x-www-form-urlencoded} query string; repeated keys keep every value. */
public record QueryString(Map<String, List<String>> params) {

    public QueryString {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static QueryString parse(String raw) {
        var map = new LinkedHashMap<String, List<String>>();
        if (raw == null || raw.isEmpty()) {
            return new QueryString(map);
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            map.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return new QueryString(map);
    }

    public Optional<String> first(String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    public List<String> all(String name) {
        return params.getOrDefault(name, List.of());
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            // nothing encoded (the usual case): the decoder would allocate its buffer to find that out
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.badRequest("malformed-query", "Malformed query string",
                    "The query string is not valid percent-encoding."));
        }
    }
}
