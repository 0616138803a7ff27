package dev.threeways.lambdalocal.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A handler whose construction takes a minute, far past any init timeout a test sets. */
public final class SlowInitHandler implements RequestHandler<Map<String, Object>, String> {

    public SlowInitHandler() throws InterruptedException {
        Thread.sleep(60_000);
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "initialised at last";
    }
}
