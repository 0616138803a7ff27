package dev.threeways.lambdalocal.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Does what the event says, so that one function can show every way an invoke ends:
 * {@code {"action":"describe"}} answers with facts about its environment, {@code "throw"} throws,
 * {@code "sleep"} sleeps {@code millis}, {@code "exit"} calls System.exit({@code status}), {@code "fatal"} throws
 * an Error the runtime client treats as fatal (it reports it, then ends its loop and the JVM exits).
 */
public final class ScriptedHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        String action = String.valueOf(event.getOrDefault("action", "describe"));
        switch (action) {
            case "throw" -> throw new IllegalStateException("asked to fail: " + event.get("message"));
            case "sleep" -> sleep(((Number) event.get("millis")).longValue());
            case "exit" -> System.exit(((Number) event.get("status")).intValue());
            case "fatal" -> throw new OutOfMemoryError("simulated: asked to fail fatally");
            case "describe" -> {
                // falls through to the description below
            }
            default -> throw new IllegalArgumentException("unknown action " + action);
        }
        System.out.println("scripted handler did " + action + " for " + context.getAwsRequestId());
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("action", action);
        description.put("pid", ProcessHandle.current().pid());
        description.put("requestId", context.getAwsRequestId());
        description.put("functionName", context.getFunctionName());
        description.put("functionArn", context.getInvokedFunctionArn());
        description.put("memoryLimitMb", context.getMemoryLimitInMB());
        description.put("remainingMillis", context.getRemainingTimeInMillis());
        description.put("taskRoot", System.getenv("LAMBDA_TASK_ROOT"));
        description.put("workingDirectory", System.getProperty("user.dir"));
        description.put("greeting", System.getenv("GREETING"));
        description.put("initializationType", System.getenv("AWS_LAMBDA_INITIALIZATION_TYPE"));
        description.put("traceId", System.getProperty("com.amazonaws.xray.traceHeader"));
        return description;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
