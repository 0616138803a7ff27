package dev.threeways.advisor;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** An enum the options name by its constant in lower case, dashes for underscores ("private-vpc", "ap-northeast-1"). */
public interface Keyed {
    /** The word the options use. */
    default String key() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

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
