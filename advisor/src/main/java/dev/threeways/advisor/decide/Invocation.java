package dev.threeways.advisor.decide;

import dev.threeways.advisor.Keyed;

/**
 * How work reaches the workload. It decides which of Lambda's payload limits applies: a caller that waits
 * gets 6 MB each way, an event pushed to the function 1 MB, and a queue's batch, which Lambda's event source
 * mapping polls and then invokes synchronously, 6 MB for the whole batch.
 */
public enum Invocation implements Keyed {
    /** Request/response: a caller waits for the answer (an HTTP API). */
    SYNC,
    /** An event pushed to the function, which answers nobody (EventBridge, SNS, S3, a schedule): 1 MB on Lambda. */
    ASYNC,
    /** Messages polled from a queue (SQS), a batch invoked synchronously: 6 MB on Lambda. */
    QUEUE;

    public static Invocation parse(String option, String text) {
        return Keyed.parse(Invocation.class, option, text);
    }
}
