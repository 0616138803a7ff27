package dev.threeways.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** A second baseline: a constant answer from a stream handler, so the runtime client deserializes no event class. */
public final class ConstantStreamHandler implements RequestStreamHandler {
    private static final byte[] RESPONSE = """
            {"statusCode":200,"headers":{"Content-Type":"application/json"},"body":"{\\"message\\":\\"hello, world\\"}","isBase64Encoded":false}"""
            .getBytes(StandardCharsets.UTF_8);

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        output.write(RESPONSE);
    }
}
