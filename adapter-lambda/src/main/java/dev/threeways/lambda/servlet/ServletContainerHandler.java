package dev.threeways.lambda.servlet;

import com.amazonaws.serverless.exceptions.ContainerInitializationException;
import com.amazonaws.serverless.proxy.AwsHttpApiV2SecurityContextWriter;
import com.amazonaws.serverless.proxy.AwsProxyExceptionHandler;
import com.amazonaws.serverless.proxy.internal.servlet.AwsHttpApiV2HttpServletRequestReader;
import com.amazonaws.serverless.proxy.internal.servlet.AwsHttpServletRequest;
import com.amazonaws.serverless.proxy.internal.servlet.AwsHttpServletResponse;
import com.amazonaws.serverless.proxy.internal.servlet.AwsLambdaServletContainerHandler;
import com.amazonaws.serverless.proxy.internal.servlet.AwsProxyHttpServletResponseWriter;
import com.amazonaws.serverless.proxy.internal.servlet.AwsServletContext;
import com.amazonaws.serverless.proxy.model.AwsProxyResponse;
import com.amazonaws.serverless.proxy.model.HttpApiV2ProxyRequest;
import com.amazonaws.services.lambda.runtime.Context;
import jakarta.servlet.Servlet;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * aws-serverless-java-container's servlet container for API Gateway HTTP API events (payload format
 * 2.0), holding one servlet mapped to every path. The library ships such a handler only inside its
 * Spring Boot module; this is the same wiring for a plain servlet, with the library's own HTTP API v2
 * reader, writer, security context writer and exception handler.
 */
public final class ServletContainerHandler
        extends AwsLambdaServletContainerHandler<HttpApiV2ProxyRequest, AwsProxyResponse, HttpServletRequest, AwsHttpServletResponse> {
    static final String SERVLET_NAME = "router";

    private final Servlet servlet;

    private ServletContainerHandler(Servlet servlet) {
        super(HttpApiV2ProxyRequest.class, AwsProxyResponse.class,
                new AwsHttpApiV2HttpServletRequestReader(),
                // true: also the single-value "headers" map, the only header field payload format 2.0 reads
                new AwsProxyHttpServletResponseWriter(true),
                new AwsHttpApiV2SecurityContextWriter(),
                new AwsProxyExceptionHandler());
        this.servlet = servlet;
        // The library decodes a body whose Content-Type names no charset as ISO-8859-1 (except exactly
        // application/json), so a UTF-8 application/problem+json body would reach the client garbled.
        getContainerConfig().setDefaultContentCharset(StandardCharsets.UTF_8.name());
        // The app writes its own access log line; the library's Apache-style line would be a second one.
        setLogFormatter(null);
    }

    /** A container around {@code servlet}, initialized: the servlet is registered at {@code /*} and its init() has run. */
    public static ServletContainerHandler around(Servlet servlet) throws ContainerInitializationException {
        var handler = new ServletContainerHandler(servlet);
        handler.getInitializationWrapper().start(handler);
        return handler;
    }

    @Override
    public void initialize() throws ContainerInitializationException {
        var registration = getServletContext().addServlet(SERVLET_NAME, servlet);
        registration.addMapping("/*");
        registration.setLoadOnStartup(1); // so that super.initialize() calls the servlet's init() now, not on a request
        super.initialize();
    }

    @Override
    protected AwsHttpServletResponse getContainerResponse(HttpServletRequest request, CountDownLatch latch) {
        return new AwsHttpServletResponse(request, latch);
    }

    @Override
    protected void handleRequest(HttpServletRequest request, AwsHttpServletResponse response, Context lambdaContext)
            throws Exception {
        if (request instanceof AwsHttpServletRequest awsRequest) {
            awsRequest.setServletContext(getServletContext());
            awsRequest.setResponse(response);
        }
        Servlet target = ((AwsServletContext) getServletContext()).getServletForPath(request.getPathInfo());
        doFilter(request, response, target);
    }
}
