package dev.threeways.core.api;

import java.util.concurrent.atomic.AtomicBoolean;

/** Whether this instance should get new work. A server flips it when it starts to drain. */
public final class Readiness {
    private final AtomicBoolean draining = new AtomicBoolean();

    public void startDraining() {
        draining.set(true);
    }

    public boolean isDraining() {
        return draining.get();
    }
}
