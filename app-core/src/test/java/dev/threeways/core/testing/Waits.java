package dev.threeways.core.testing;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for something another process or thread does, in bounded time. */
public final class Waits {
    private Waits() {}

    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        forValue(what, timeout, () -> condition.getAsBoolean() ? Optional.of(true) : Optional.empty());
    }

    /** The first value {@code probe} gives, asking until {@code timeout}. */
    public static <T> T forValue(String what, Duration timeout, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Optional<T> value = probe.get(); ; value = probe.get()) {
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(50);
        }
    }
}
