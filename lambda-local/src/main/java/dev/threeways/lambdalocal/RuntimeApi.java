package dev.threeways.lambdalocal;

/**
 * What the Runtime API server asks of the execution environment it serves: the server speaks HTTP, the environment
 * keeps the state.
 */
interface RuntimeApi {

    /** One event as handed to the runtime by {@code /runtime/invocation/next}. */
    record Handover(String requestId, byte[] event, long deadlineEpochMillis, String functionArn, String traceId) {
    }

    /**
     * Blocks until an invocation is queued for this environment, then marks it handed over.
     *
     * @throws InterruptedException when the environment is shut down while the runtime waits
     */
    Handover awaitNextInvocation() throws InterruptedException;

    /** {@code POST /runtime/invocation/{id}/response}; false when no such invocation is in flight. */
    boolean invocationResponse(String requestId, byte[] response);

    /** {@code POST /runtime/invocation/{id}/error}; false when no such invocation is in flight. */
    boolean invocationError(String requestId, byte[] errorJson, String errorType);

    /** {@code POST /runtime/init/error}: the runtime could not load the function and will exit. */
    void initError(byte[] errorJson, String errorType);
}
