package dev.threeways.core.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Immutable HTTP headers, looked up case-insensitively. Names keep the spelling of their first
 * occurrence so adapters can write them back as they came.
 */
public final class Headers {
    private static final Headers EMPTY = new Headers(Map.of());

    /** lower-cased name → (original name, values) */
    private final Map<String, Entry> entries;

    private record Entry(String name, List<String> values) {}

    private Headers(Map<String, Entry> entries) {
        this.entries = entries;
    }

    public static Headers empty() {
        return EMPTY;
    }

    public static Headers of(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        var builder = builder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            builder.add(namesAndValues[i], namesAndValues[i + 1]);
        }
        return builder.build();
    }

    public static Headers fromMultiMap(Map<String, ? extends List<String>> map) {
        var builder = builder();
        map.forEach((name, values) -> values.forEach(v -> builder.add(name, v)));
        return builder.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<String> first(String name) {
        Entry e = entries.get(key(name));
        return e == null ? Optional.empty() : Optional.of(e.values().getFirst());
    }

    public List<String> all(String name) {
        Entry e = entries.get(key(name));
        return e == null ? List.of() : e.values();
    }

    public boolean contains(String name) {
        return entries.containsKey(key(name));
    }

    /** Original header names, in insertion order. */
    public List<String> names() {
        return entries.values().stream().map(Entry::name).toList();
    }

    /** A copy with {@code name} set to the single {@code value}, replacing earlier values. */
    public Headers with(String name, String value) {
        return toBuilder().set(name, value).build();
    }

    public Builder toBuilder() {
        var b = new Builder();
        entries.values().forEach(e -> e.values().forEach(v -> b.add(e.name(), v)));
        return b;
    }

    public Map<String, List<String>> asMap() {
        var map = new LinkedHashMap<String, List<String>>();
        entries.values().forEach(e -> map.put(e.name(), e.values()));
        return Collections.unmodifiableMap(map);
    }

    public int size() {
        return entries.size();
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.entries.equals(entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    public static final class Builder {
        private final Map<String, String> names = new LinkedHashMap<>();
        private final Map<String, List<String>> values = new LinkedHashMap<>();

        private Builder() {}

        public Builder add(String name, String value) {
            if (name == null || name.isEmpty() || value == null) {
                throw new IllegalArgumentException("header name and value are required");
            }
            String k = key(name);
            names.putIfAbsent(k, name);
            values.computeIfAbsent(k, x -> new ArrayList<>()).add(value);
            return this;
        }

        public Builder set(String name, String value) {
            String k = key(name);
            names.remove(k);
            values.remove(k);
            return add(name, value);
        }

        public Headers build() {
            var map = new LinkedHashMap<String, Entry>();
            names.forEach((k, name) -> map.put(k, new Entry(name, List.copyOf(values.get(k)))));
            return new Headers(Collections.unmodifiableMap(map));
        }
    }
}
