package dev.threeways.lambdalocal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The outcome of one invoke, as the Lambda Invoke API would give it, plus what only a local run can show.
 *
 * @param requestId        the invoke's request id (the runtime saw it as {@code Lambda-Runtime-Aws-Request-Id})
 * @param status           how the invoke ended
 * @param payload          the handler's response bytes; empty unless {@link InvokeStatus#SUCCESS}
 * @param errorJson        Lambda's error document ({@code {"errorMessage":..,"errorType":..}}); empty on success
 * @param runtimeErrorType the coarse error category: what the runtime sent as
 *                         {@code Lambda-Runtime-Function-Error-Type} (e.g. {@code Runtime.UserException}), or
 *                         {@code Sandbox.Timedout} / {@code Runtime.ExitError}; empty on success
 * @param report           the REPORT line's figures
 * @param environmentId    which execution environment served the invoke (empty when throttled)
 * @param logs             what the environment logged during the invoke, START to REPORT
 */
public record InvokeResult(
        String requestId,
        InvokeStatus status,
        byte[] payload,
        String errorJson,
        String runtimeErrorType,
        InvokeReport report,
        String environmentId,
        String logs) {

    public InvokeResult {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(report, "report");
        payload = payload == null ? new byte[0] : payload.clone();
        errorJson = errorJson == null ? "" : errorJson;
        runtimeErrorType = runtimeErrorType == null ? "" : runtimeErrorType;
        environmentId = environmentId == null ? "" : environmentId;
        logs = logs == null ? "" : logs;
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The response payload decoded as UTF-8 (Lambda payloads are JSON). */
    public String payloadUtf8() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** What the Invoke API would return as the body: the response on success, the error document otherwise. */
    public byte[] invokeResponseBody() {
        return status == InvokeStatus.SUCCESS ? payload.clone() : errorJson.getBytes(StandardCharsets.UTF_8);
    }

    public boolean isSuccess() {
        return status == InvokeStatus.SUCCESS;
    }

    // a record's generated equals would compare the payload array by identity
    @Override
    public boolean equals(Object other) {
        return other instanceof InvokeResult that
                && requestId.equals(that.requestId) && status == that.status
                && Arrays.equals(payload, that.payload) && errorJson.equals(that.errorJson)
                && runtimeErrorType.equals(that.runtimeErrorType) && report.equals(that.report)
                && environmentId.equals(that.environmentId) && logs.equals(that.logs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(requestId, status, Arrays.hashCode(payload), errorJson, runtimeErrorType, report,
                environmentId, logs);
    }

    @Override
    public String toString() {
        return "InvokeResult[requestId=" + requestId + ", status=" + status + ", environment=" + environmentId
                + ", payload=" + payload.length + " bytes, errorJson=" + errorJson + ", report=" + report.toLogLine()
                + "]";
    }
}
