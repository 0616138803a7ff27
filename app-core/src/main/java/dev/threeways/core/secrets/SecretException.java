package dev.threeways.core.secrets;

/** A secret could not be read, or its value is not what the app expects; the message names the secret, never its value. */
public final class SecretException extends RuntimeException {
    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
