package dev.threeways.parity;

import dev.threeways.core.http.Problem;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/** A named sequence of requests, each with the answer every way must give, written once for all ways. */
record Scenario(String name, List<Step> steps) {

    static Scenario of(String name, Step... steps) {
        return new Scenario(name, List.of(steps));
    }

    @Override
    public String toString() {
        return name;
    }

    /**
     * One request and its expected answer. {@code differs} names the ways whose answer is different by design, with
     * the reason ({@code why}); everything else must answer alike — the same status, media type and body (see
     * {@link Answer#comparable()}) on every way that shares an expectation. {@code untilCaughtUp} steps are asked
     * again until they hold (up to 30 s): what a way that applies webhooks from a queue shows once it has caught up.
     */
    record Step(Supplier<Request> request, Expect expect, Map<Way.Kind, Expect> differs, Map<Way.Kind, String> why,
                boolean untilCaughtUp) {

        static Step send(Supplier<Request> request, Expect expect) {
            return new Step(request, expect, Map.of(), Map.of(), false);
        }

        static Step send(Request request, Expect expect) {
            return send(() -> request, expect);
        }

        Step except(String reason, Map<Way.Kind, Expect> ways) {
            var all = new EnumMap<Way.Kind, Expect>(Way.Kind.class);
            all.putAll(differs);
            all.putAll(ways);
            var reasons = new EnumMap<Way.Kind, String>(Way.Kind.class);
            reasons.putAll(why);
            ways.keySet().forEach(kind -> reasons.put(kind, reason));
            return new Step(request, expect, all, reasons, untilCaughtUp);
        }

        Step eventually() {
            return new Step(request, expect, differs, why, true);
        }

        Expect expectFor(Way.Kind kind) {
            return differs.getOrDefault(kind, expect);
        }
    }

    /**
     * What an answer must be: a status, a media type (empty: any), values at JSON pointers of the body, and
     * response headers; {@code compared} lists the headers that must also be alike on every way.
     */
    record Expect(int status, String mediaType, Map<String, String> fields, Map<String, String> headers,
                  List<String> compared) {

        static Expect json(int status, String... pointersAndValues) {
            return new Expect(status, "application/json", pairs(pointersAndValues), Map.of(), List.of());
        }

        static Expect problem(int status, String slug, String... pointersAndValues) {
            var fields = new LinkedHashMap<String, String>();
            fields.put("/status", String.valueOf(status));
            if (slug != null) {
                fields.put("/type", Problem.TYPE_PREFIX + slug);
            }
            fields.putAll(pairs(pointersAndValues));
            return new Expect(status, "application/problem+json", fields, Map.of(), List.of());
        }

        Expect header(String name, String value) {
            var all = new LinkedHashMap<>(headers);
            all.put(name.toLowerCase(Locale.ROOT), value);
            return new Expect(status, mediaType, fields, all, compared);
        }

        Expect alike(String header) {
            var all = new ArrayList<>(compared);
            all.add(header.toLowerCase(Locale.ROOT));
            return new Expect(status, mediaType, fields, headers, all);
        }

        /** What is wrong with {@code answer}, or null. */
        String mismatch(Answer answer) {
            if (answer.status() != status) {
                return "status " + answer.status() + ", expected " + status;
            }
            if (!mediaType.isEmpty() && !answer.mediaType().equals(mediaType)) {
                return "media type " + answer.mediaType() + ", expected " + mediaType;
            }
            for (var header : headers.entrySet()) {
                if (!header.getValue().equals(answer.header(header.getKey()))) {
                    return "header " + header.getKey() + ": " + answer.header(header.getKey()) + ", expected " + header.getValue();
                }
            }
            if (fields.isEmpty()) {
                return null;
            }
            JsonNode json = answer.json();
            if (json == null) {
                return "body is not JSON";
            }
            for (var field : fields.entrySet()) {
                JsonNode value = json.at(field.getKey());
                String text = value.isMissingNode() ? "(missing)" : value.isValueNode() ? value.asString() : value.toString();
                if (!field.getValue().equals(text)) {
                    return field.getKey() + " = " + text + ", expected " + field.getValue();
                }
            }
            return null;
        }

        private static Map<String, String> pairs(String... pointersAndValues) {
            var out = new LinkedHashMap<String, String>();
            for (int i = 0; i < pointersAndValues.length; i += 2) {
                out.put(pointersAndValues[i], pointersAndValues[i + 1]);
            }
            return out;
        }
    }
}
