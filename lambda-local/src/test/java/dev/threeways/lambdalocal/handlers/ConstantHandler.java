package dev.threeways.lambdalocal.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** A POJO handler whose answer does not depend on the event; the client serialises it as JSON. */
public final class ConstantHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    public static final String GREETING = "hello from lambda-local";

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        return Map.of("greeting", GREETING);
    }
}
