package dev.threeways.lambdalocal;

import java.nio.file.Path;

/**
 * A snapshot of one live execution environment.
 *
 * @param id          the environment's id, as in {@link InvokeResult#environmentId()}
 * @param pid         the runtime JVM's process id
 * @param busy        whether it is serving an invoke (or initialising for one) right now
 * @param invocations how many invokes it has been given
 * @param logFile     its stdout and stderr, with Lambda's START, END and REPORT lines; removed by {@code close()}
 */
public record EnvironmentInfo(String id, long pid, boolean busy, int invocations, Path logFile) {
}
