package dev.threeways.core.http;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Immutable HTTP headers, looked up case-insensitively. Names keep the spelling of their first
 * occurrence so adapters can write them back as they came.
 *
 * <p>Held as a short array searched in order, not a map: a request carries a dozen headers or so (at most
 * HTTP_MAX_HEADERS), and every request copies its headers in and its answer's out, so a map's hashing,
 * lower-casing and nodes cost more than the search they would save.
 */
public final class Headers {
    private static final Entry[] NONE = new Entry[0];
    private static final Headers EMPTY = new Headers(NONE);

    /** One per name, in the order of first occurrence. */
    private final Entry[] entries;

    private record Entry(String name, List<String> values) {}

    private Headers(Entry[] entries) {
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
        int i = indexOf(entries, entries.length, name);
        return i < 0 ? Optional.empty() : Optional.of(entries[i].values().getFirst());
    }

    public List<String> all(String name) {
        int i = indexOf(entries, entries.length, name);
        return i < 0 ? List.of() : entries[i].values();
    }

    public boolean contains(String name) {
        return indexOf(entries, entries.length, name) >= 0;
    }

    /** Original header names, in insertion order. */
    public List<String> names() {
        return Arrays.stream(entries).map(Entry::name).toList();
    }

    /** A copy with {@code name} set to the single {@code value}, replacing earlier values (and moved last, as set). */
    public Headers with(String name, String value) {
        requireNameAndValue(name, value);
        int i = indexOf(entries, entries.length, name);
        Entry[] copy;
        if (i < 0) {
            copy = Arrays.copyOf(entries, entries.length + 1);
        } else {
            copy = new Entry[entries.length];
            System.arraycopy(entries, 0, copy, 0, i);
            System.arraycopy(entries, i + 1, copy, i, entries.length - i - 1);
        }
        copy[copy.length - 1] = new Entry(name, List.of(value));
        return new Headers(copy);
    }

    public Builder toBuilder() {
        var b = new Builder();
        for (Entry e : entries) {
            b.names.add(e.name());
            b.values.add(new ArrayList<>(e.values()));
        }
        return b;
    }

    /** Each name (as first spelled) with its values, in order; nothing is copied. */
    public void forEach(BiConsumer<String, List<String>> action) {
        for (Entry e : entries) {
            action.accept(e.name(), e.values());
        }
    }

    public Map<String, List<String>> asMap() {
        var map = new LinkedHashMap<String, List<String>>();
        forEach(map::put);
        return Collections.unmodifiableMap(map);
    }

    public int size() {
        return entries.length;
    }

    private static int indexOf(Entry[] entries, int count, String name) {
        for (int i = 0; i < count; i++) {
            if (entries[i].name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    private static void requireNameAndValue(String name, String value) {
        if (name == null || name.isEmpty() || value == null) {
            throw new IllegalArgumentException("header name and value are required");
        }
    }

    /** By lower-cased name: equal when the same names (as first spelled) carry the same values, in any order. */
    private Map<String, Entry> keyed() {
        var map = new HashMap<String, Entry>();
        for (Entry e : entries) {
            map.put(e.name().toLowerCase(Locale.ROOT), e);
        }
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Headers h && h.keyed().equals(keyed());
    }

    @Override
    public int hashCode() {
        return keyed().hashCode();
    }

    @Override
    public String toString() {
        return asMap().toString();
    }

    public static final class Builder {
        private final List<String> names = new ArrayList<>();
        private final List<List<String>> values = new ArrayList<>();

        private Builder() {}

        public Builder add(String name, String value) {
            requireNameAndValue(name, value);
            int i = indexOf(name);
            if (i < 0) {
                names.add(name);
                var first = new ArrayList<String>(1);
                first.add(value);
                values.add(first);
            } else {
                values.get(i).add(value);
            }
            return this;
        }

        public Builder set(String name, String value) {
            int i = indexOf(name);
            if (i >= 0) {
                names.remove(i);
                values.remove(i);
            }
            return add(name, value);
        }

        private int indexOf(String name) {
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).equalsIgnoreCase(name)) {
                    return i;
                }
            }
            return -1;
        }

        public Headers build() {
            if (names.isEmpty()) {
                return EMPTY;
            }
            var entries = new Entry[names.size()];
            for (int i = 0; i < entries.length; i++) {
                entries[i] = new Entry(names.get(i), List.copyOf(values.get(i)));
            }
            return new Headers(entries);
        }
    }
}
