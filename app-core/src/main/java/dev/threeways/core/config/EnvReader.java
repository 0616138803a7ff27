package dev.threeways.core.config;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads settings from an environment map; a value that cannot be used is a {@link ConfigException} naming it. */
public record EnvReader(Map<String, String> env) {

    public String string(EnvSetting s) {
        String v = env.get(s.name());
        return v == null || v.isBlank() ? s.defaultValue() : v.trim();
    }

    /** Whether the environment gives {@code s} a value of its own (not blank), rather than leaving the default. */
    public boolean isSet(EnvSetting s) {
        String v = env.get(s.name());
        return v != null && !v.isBlank();
    }

    public Optional<String> optional(EnvSetting s) {
        String v = string(s);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
    }

    public int integer(EnvSetting s, int min, int max) {
        String v = string(s);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new ConfigException(s.name() + "=" + v + " is out of range [" + min + ", " + max + "]");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(s.name() + "=" + v + " is not a whole number");
        }
    }

    public boolean bool(EnvSetting s) {
        String v = string(s).toLowerCase(Locale.ROOT);
        return switch (v) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new ConfigException(s.name() + "=" + v + " is not true or false");
        };
    }

    public URI uri(EnvSetting s, String v) {
        try {
            URI uri = URI.create(v);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.name() + "=" + v + " is not an absolute URL");
        }
    }

    public List<String> list(EnvSetting s) {
        List<String> items = Arrays.stream(string(s).split(","))
                .map(String::trim)
                .filter(x -> !x.isEmpty())
                .toList();
        if (items.isEmpty()) {
            throw new ConfigException(s.name() + " names nothing");
        }
        return items;
    }

    /** A comma-separated list that may be empty (a setting whose default is none). */
    public List<String> listOrNone(EnvSetting s) {
        return optional(s).isEmpty() ? List.of() : list(s);
    }

    public <E extends Enum<E>> E choice(EnvSetting s, Class<E> type) {
        String v = string(s);
        try {
            return Enum.valueOf(type, v.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(s.name() + "=" + v + " is not one of "
                    + Arrays.toString(type.getEnumConstants()).toLowerCase(Locale.ROOT));
        }
    }
}
