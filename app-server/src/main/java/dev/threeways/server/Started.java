package dev.threeways.server;

import java.util.function.IntSupplier;

/**
 * A container way as its entry point started it.
 *
 * @param port     the port it serves HTTP on (the one the OS chose when configured with 0)
 * @param shutdown the drain SIGTERM runs, in the order the way needs; returns the exit code
 */
public record Started(int port, IntSupplier shutdown) {
    /** SIGTERM and SIGINT run the shutdown and exit with its code. */
    public void exitOnSignal() {
        Signals.exitOnTermination(shutdown);
    }
}
