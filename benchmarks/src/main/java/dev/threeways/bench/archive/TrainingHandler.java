package dev.threeways.bench.archive;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.threeways.lambda.HttpApiStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The deployed handler for a training run: every event goes to {@link HttpApiStreamHandler} except
 * one to {@value #EXIT_PATH}, which ends the JVM normally — a JDK writes its AOT cache only at a
 * normal exit, and Lambda (like lambda-local) never gives a function one.
 */
public final class TrainingHandler implements RequestStreamHandler {
    public static final String EXIT_PATH = "/training-done";

    private final HttpApiStreamHandler deployed = new HttpApiStreamHandler();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        byte[] event = input.readAllBytes();
        if (new String(event, StandardCharsets.UTF_8).contains("\"rawPath\":\"" + EXIT_PATH + "\"")) {
            System.exit(0);
        }
        deployed.handleRequest(new ByteArrayInputStream(event), output, context);
    }
}
