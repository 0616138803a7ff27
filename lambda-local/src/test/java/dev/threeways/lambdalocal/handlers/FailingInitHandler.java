package dev.threeways.lambdalocal.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A handler that cannot be constructed, like one whose configuration is missing: Lambda's init error. */
public final class FailingInitHandler implements RequestHandler<Map<String, Object>, String> {

    public FailingInitHandler() {
        throw new IllegalStateException("no configuration for this function");
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "never reached";
    }
}
