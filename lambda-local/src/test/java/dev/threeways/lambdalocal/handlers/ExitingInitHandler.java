package dev.threeways.lambdalocal.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A handler whose class initialisation ends the JVM: the runtime dies during init without reporting anything. */
public final class ExitingInitHandler implements RequestHandler<Map<String, Object>, String> {

    static {
        if (Boolean.parseBoolean("true")) { // javac refuses an initializer that cannot complete normally
            System.exit(2);
        }
    }

    @Override
    public String handleRequest(Map<String, Object> event, Context context) {
        return "never reached";
    }
}
