package dev.threeways.lambda.servlet;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.threeways.core.App;
import dev.threeways.lambda.LambdaApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The portability path on Lambda: API Gateway HTTP API (payload format 2.0) events through
 * aws-serverless-java-container into the app's router running as a plain servlet. Lambda creates one
 * instance per execution environment, so the app and the container are built once, in the constructor.
 */
public final class ServletStreamHandler implements RequestStreamHandler {
    private final ServletContainerHandler container;

    /** The constructor Lambda calls. */
    public ServletStreamHandler() {
        this(app());
    }

    public ServletStreamHandler(App app) {
        try {
            this.container = ServletContainerHandler.around(
                    new RouterServlet(app.handler(), app.config().maxBodyBytes()));
        } catch (ContainerInitializationException e) {
            throw new IllegalStateException("the servlet container did not start", e);
        }
    }

    /** The environment's app, the same one the direct handlers serve. */
    static App app() {
        return LambdaApp.get().app();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        container.proxyStream(input, output, context);
    }
}
