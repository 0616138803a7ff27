package dev.threeways.advisor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum the options name by a word of its own ("private-vpc", "ap-northeast-1"), parsed in one place. */
public interface Keyed {
    /** The word the options use. */
    String key();

    /** The constant whose key is {@code text} (any case, spaces ignored), or an error that lists the keys. */
    static <E extends Enum<E> & Keyed> E parse(Class<E> type, String option, String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (E e : type.getEnumConstants()) {
            if (e.key().equals(t)) {
                return e;
            }
        }
        throw new IllegalArgumentException(option + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(Keyed::key).collect(Collectors.joining(", ")) + ": " + text);
    }
}
