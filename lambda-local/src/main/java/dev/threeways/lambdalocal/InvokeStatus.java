package dev.threeways.lambdalocal;

/** How one invoke ended, in the terms Lambda uses for it. */
public enum InvokeStatus {
    /** The handler returned; the payload is its response. */
    SUCCESS,
    /** The handler threw (or the runtime reported an invocation error): Lambda's {@code FunctionError: Unhandled}. */
    FUNCTION_ERROR,
    /** The runtime reported that the function could not be initialised ({@code /runtime/init/error}). */
    INIT_ERROR,
    /** The invoke ran past the function timeout ({@code Sandbox.Timedout}); its environment was killed. */
    TIMEOUT,
    /** The runtime process exited while it was initialising or handling the invoke ({@code Runtime.ExitError}). */
    RUNTIME_EXIT,
    /** No environment could be had: as many as the concurrency limit allows were busy (Lambda's 429). */
    THROTTLED;

    /** Whether Lambda would answer this invoke with {@code X-Amz-Function-Error: Unhandled}. */
    public boolean isFunctionError() {
        return this == FUNCTION_ERROR || this == INIT_ERROR || this == TIMEOUT || this == RUNTIME_EXIT;
    }
}
