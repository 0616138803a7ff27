package dev.threeways.advisor;

/** Argument checks that fail with a message a user can act on: every bad input is an IllegalArgumentException. */
public final class Checks {
    private Checks() {}

    public static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    public static boolean finite(double x) {
        return Double.isFinite(x);
    }

    public static double nonNegative(double x, String what) {
        require(finite(x) && x >= 0, what + " must be a number, 0 or more: " + x);
        return x;
    }

    public static double positive(double x, String what) {
        require(finite(x) && x > 0, what + " must be a positive number: " + x);
        return x;
    }
}
