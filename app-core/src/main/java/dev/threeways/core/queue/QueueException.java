package dev.threeways.core.queue;

/** The queue did not take the message or did not answer. */
public final class QueueException extends RuntimeException {
    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
