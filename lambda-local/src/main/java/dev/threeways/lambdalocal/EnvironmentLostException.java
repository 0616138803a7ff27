package dev.threeways.lambdalocal;

/**
 * A warm environment's runtime exited between invokes, before it took the next one: the invoke never reached the
 * function and goes to a new environment.
 */
final class EnvironmentLostException extends Exception {

    EnvironmentLostException(String environmentId, String requestId, int exitStatus) {
        super("environment " + environmentId + " exited (status " + exitStatus + ") before taking RequestId " + requestId);
    }
}
