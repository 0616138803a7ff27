package dev.threeways.parity;

import java.util.function.Supplier;

/** A way once started: which one it is, where its logs come from, and how to stop all its processes. */
abstract class StartedWay implements Way {
    private final Kind kind;
    private final Supplier<String> logs;
    private final AutoCloseable stop;

    StartedWay(Kind kind, Supplier<String> logs, AutoCloseable stop) {
        this.kind = kind;
        this.logs = logs;
        this.stop = stop;
    }

    @Override
    public final Kind kind() {
        return kind;
    }

    @Override
    public final String logs() {
        return logs.get();
    }

    @Override
    public final void close() {
        try {
            stop.close();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop " + kind.label, e);
        }
    }
}
