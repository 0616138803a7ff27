package dev.threeways.core.queue;

/** The message is larger than the queue accepts; nothing was sent. */
public final class MessageTooLargeException extends RuntimeException {
    public MessageTooLargeException(int size, int limit) {
        super("message of " + size + " bytes exceeds the queue limit of " + limit + " bytes");
    }
}
