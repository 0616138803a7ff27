package dev.threeways.lambdalocal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Lambda Invoke API for one local function, shaped like the AWS runtime interface emulator's, so that
 * {@code curl -d '{}' http://localhost:9000/2015-03-31/functions/function/invocations} works as it does against a
 * Lambda container image.
 *
 * <p>A synchronous invoke answers 200 with the function's response; a function error (or a timeout, a runtime exit,
 * an init error) answers 200 with Lambda's error document and {@code X-Amz-Function-Error: Unhandled}.
 * {@code X-Amz-Invocation-Type: Event} answers 202 and invokes in the background; {@code DryRun} answers 204.
 * {@code X-Amz-Log-Type: Tail} adds the last 4 KB of the invoke's logs, base64, as {@code X-Amz-Log-Result}.
 */
public final class InvokeEndpoint implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(InvokeEndpoint.class.getName());
    private static final Pattern INVOCATIONS = Pattern.compile("/2015-03-31/functions/([^/]+)/invocations/?");
    /** Lambda's limit for a synchronous request payload. */
    private static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;
    private static final int LOG_TAIL_BYTES = 4 * 1024;

    private final LambdaLocal function;
    private final Consumer<InvokeResult> afterInvoke;
    private final Listener listener;

    private InvokeEndpoint(LambdaLocal function, InetSocketAddress address, Consumer<InvokeResult> afterInvoke) {
        this.function = function;
        this.afterInvoke = afterInvoke;
        this.listener = Listener.start(address, this::handle, function);
    }

    /** Serves {@code function} on {@code address} (port 0 for any free port). */
    public static InvokeEndpoint start(LambdaLocal function, InetSocketAddress address) {
        return start(function, address, result -> { });
    }

    /**
     * Serves {@code function} on {@code address}; {@code afterInvoke} sees every result (the CLI prints its logs),
     * on the thread that served the request.
     */
    public static InvokeEndpoint start(LambdaLocal function, InetSocketAddress address,
                                       Consumer<InvokeResult> afterInvoke) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(afterInvoke, "afterInvoke");
        return new InvokeEndpoint(function, address, afterInvoke);
    }

    public int port() {
        return listener.port();
    }

    /** The URL to POST events to, under the name the runtime interface emulator uses ("function"). */
    public URI invocationsUri() {
        return listener.uri("/2015-03-31/functions/function/invocations");
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher invocations = INVOCATIONS.matcher(exchange.getRequestURI().getPath());
            if (!invocations.matches()) {
                apiError(exchange, 404, "ResourceNotFoundException", "no such resource: " + exchange.getRequestURI().getPath()
                        + " (POST events to /2015-03-31/functions/function/invocations)");
                return;
            }
            String name = invocations.group(1);
            if (!name.equals("function") && !name.equals(function.config().functionName())
                    && !name.equals(function.config().functionArn())) {
                apiError(exchange, 404, "ResourceNotFoundException", "Function not found: " + name
                        + " (this endpoint serves " + function.config().functionName() + ", also called \"function\")");
                return;
            }
            if (!exchange.getRequestMethod().equals("POST")) {
                exchange.getResponseHeaders().set("Allow", "POST");
                apiError(exchange, 405, "MethodNotAllowed", "invoke with POST");
                return;
            }
            byte[] event = Exchanges.readAtMost(exchange, MAX_REQUEST_BYTES);
            if (event == null) {
                apiError(exchange, 413, "RequestTooLargeException",
                        "Request must be smaller than " + MAX_REQUEST_BYTES + " bytes for the InvokeFunction operation");
                return;
            }
            String invocationType = header(exchange, "X-Amz-Invocation-Type", "RequestResponse");
            switch (invocationType) {
                case "RequestResponse" -> invokeAndAnswer(exchange, event);
                case "Event" -> {
                    listener.exchanges().submit(() -> invokeQuietly(event));
                    Exchanges.send(exchange, 202, new byte[0]);
                }
                case "DryRun" -> Exchanges.send(exchange, 204, new byte[0]);
                default -> apiError(exchange, 400, "InvalidParameterValueException",
                        "X-Amz-Invocation-Type must be RequestResponse, Event or DryRun, was " + invocationType);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "invoke of " + function.config().functionName() + " failed", e);
            if (exchange.getResponseCode() == -1) { // nothing sent yet
                apiError(exchange, 500, "ServiceException", String.valueOf(e.getMessage()));
            }
        }
    }

    private void invokeAndAnswer(HttpExchange exchange, byte[] event) throws IOException {
        InvokeResult result = function.invoke(event);
        afterInvoke.accept(result);
        var headers = exchange.getResponseHeaders();
        headers.set("X-Amzn-RequestId", result.requestId());
        if (result.status() == InvokeStatus.THROTTLED) {
            apiError(exchange, 429, "TooManyRequestsException", "Rate Exceeded.");
            return;
        }
        headers.set("X-Amz-Executed-Version", "$LATEST");
        if (result.status().isFunctionError()) {
            headers.set("X-Amz-Function-Error", "Unhandled");
        }
        if (header(exchange, "X-Amz-Log-Type", "None").equals("Tail")) {
            headers.set("X-Amz-Log-Result", Base64.getEncoder().encodeToString(tail(result.logs())));
        }
        headers.set("Content-Type", "application/json");
        Exchanges.send(exchange, 200, result.invokeResponseBody());
    }

    private void invokeQuietly(byte[] event) {
        try {
            afterInvoke.accept(function.invoke(event));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "asynchronous invoke of " + function.config().functionName() + " failed", e);
        }
    }

    private static byte[] tail(String logs) {
        byte[] bytes = logs.getBytes(StandardCharsets.UTF_8);
        return bytes.length <= LOG_TAIL_BYTES ? bytes : Arrays.copyOfRange(bytes, bytes.length - LOG_TAIL_BYTES, bytes.length);
    }

    private static String header(HttpExchange exchange, String name, String fallback) {
        String value = exchange.getRequestHeaders().getFirst(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** An error of the Lambda API itself (not of the function), in the shape the AWS SDKs parse. */
    private static void apiError(HttpExchange exchange, int status, String type, String message) throws IOException {
        exchange.getResponseHeaders().set("X-Amzn-ErrorType", type);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        String body = "{\"Type\":\"User\",\"message\":" + Json.quote(message) + "}";
        Exchanges.send(exchange, status, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Stops listening. The function stays open: its owner closes it. */
    @Override
    public void close() {
        listener.close();
    }
}
