package dev.threeways.advisor.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one command: {@code --name value} pairs and bare {@code --flags}, checked against
 * what the command takes so a typo is an error, not a silently ignored setting.
 */
public final class Cli {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> flags = new ArrayList<>();

    private Cli() {}

    /** Thrown for input the command does not take; the message says what it takes. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }

    public static Cli parse(List<String> args, Set<String> valued, Set<String> bare) {
        var cli = new Cli();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (valued.contains(arg)) {
                if (i + 1 >= args.size()) {
                    throw new UsageException(arg + " needs a value");
                }
                cli.values.put(arg, args.get(++i));
            } else if (bare.contains(arg)) {
                cli.flags.add(arg);
            } else {
                throw new UsageException("unknown option: " + arg);
            }
        }
        return cli;
    }

    /** The valued options given, in the order given. */
    public Map<String, String> values() {
        return java.util.Collections.unmodifiableMap(values);
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int positiveInt(String name, int fallback) {
        return (int) positiveLong(name, fallback);
    }

    public int nonNegativeInt(String name, int fallback) {
        return (int) (long) number(name, (long) fallback, Long::parseLong, v -> v >= 0 && v <= Integer.MAX_VALUE,
                "a whole number, 0 or more");
    }

    public long positiveLong(String name, long fallback) {
        return number(name, fallback, Long::parseLong, v -> v > 0, "a positive whole number");
    }

    public double positiveDouble(String name, double fallback) {
        return number(name, fallback, Double::parseDouble, v -> v > 0 && !v.isInfinite(), "a positive number");
    }

    private <T> T number(String name, T fallback, java.util.function.Function<String, T> parse,
                         java.util.function.Predicate<T> valid, String what) {
        String raw = values.get(name);
        if (raw == null) {
            return fallback;
        }
        try {
            T v = parse.apply(raw.trim());
            if (valid.test(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below, with the option's name
        }
        throw new UsageException(name + " must be " + what + ": " + raw);
    }
}
