package dev.threeways.lambda.servlet;

import com.amazonaws.serverless.proxy.RequestReader;
import com.amazonaws.services.lambda.runtime.Context;
import dev.threeways.core.http.Handler;
import dev.threeways.core.http.Headers;
import dev.threeways.core.http.HttpRequest;
import dev.threeways.core.http.HttpResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The app's router as one plain servlet for every path and method: it only moves a request into the
 * app's {@link HttpRequest} and the app's {@link HttpResponse} back out.
 */
public final class RouterServlet extends HttpServlet {
    private final transient Handler handler;
    private final int maxBodyBytes;

    /**
     * @param handler      the app's handler
     * @param maxBodyBytes the app's body limit; one byte more is read, so the app itself answers 413
     */
    public RouterServlet(Handler handler, int maxBodyBytes) {
        if (maxBodyBytes < 0 || maxBodyBytes == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("maxBodyBytes " + maxBodyBytes);
        }
        this.handler = handler;
        this.maxBodyBytes = maxBodyBytes;
    }

    // service, not doGet/doPost: the app's router answers every method, including 405s and PATCH
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        Headers headers = headers(req);
        byte[] body = req.getInputStream().readNBytes(maxBodyBytes + 1);
        var request = new HttpRequest(req.getMethod(), path(req), req.getQueryString(), headers, body,
                requestId(req), Map.of());
        send(handler.handle(request), resp);
    }

    /** The decoded path within the context: with a {@code /*} mapping the servlet path is empty. */
    private static String path(HttpServletRequest req) {
        String pathInfo = req.getPathInfo();
        String path = req.getServletPath() + (pathInfo == null ? "" : pathInfo);
        return path.isEmpty() ? "/" : path;
    }

    /**
     * One value per header name, the values joined with commas (RFC 9110 §5.3). API Gateway already
     * joins repeated headers this way; aws-serverless-java-container then splits every value on ','
     * (so {@code Stripe-Signature: t=…,v1=…} would reach the app as two values), and joining gives
     * back the value API Gateway sent.
     */
    private static Headers headers(HttpServletRequest req) {
        var builder = Headers.builder();
        for (String name : Collections.list(req.getHeaderNames())) {
            builder.add(name, String.join(",", Collections.list(req.getHeaders(name))));
        }
        // HTTP API v2 carries cookies in their own field, which the container exposes only as Cookie objects
        Cookie[] cookies = req.getCookies();
        if (cookies != null && cookies.length > 0) {
            builder.set("cookie", Arrays.stream(cookies).map(c -> c.getName() + "=" + c.getValue())
                    .collect(Collectors.joining("; ")));
        }
        return builder.build();
    }

    /** Lambda's request id, as the direct handler uses; else empty so the app makes one. */
    private static String requestId(HttpServletRequest req) {
        if (req.getAttribute(RequestReader.LAMBDA_CONTEXT_PROPERTY) instanceof Context lambda
                && lambda.getAwsRequestId() != null) {
            return lambda.getAwsRequestId();
        }
        return "";
    }

    private static void send(HttpResponse response, HttpServletResponse resp) throws IOException {
        resp.setStatus(response.status());
        response.headers().asMap().forEach((name, values) -> values.forEach(v -> resp.addHeader(name, v)));
        resp.getOutputStream().write(response.body());
    }
}
