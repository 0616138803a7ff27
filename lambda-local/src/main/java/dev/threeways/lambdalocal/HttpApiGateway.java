package dev.threeways.lambdalocal;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * What Amazon API Gateway's HTTP API does in front of a function with a Lambda proxy integration (payload
 * format 2.0), so that a function can be reached with any HTTP client the way its users reach it:
 * {@code curl localhost:9000/hello?name=you}.
 *
 * <p>Each request becomes an HTTP API event as API Gateway builds one: {@code rawPath} percent-decoded (as
 * {@code requestContext.http.path}), {@code rawQueryString} as sent, {@code queryStringParameters} decoded
 * with repeated names joined by commas, header names lower-cased and repeated headers joined by commas, the
 * {@code Cookie} header as {@code cookies} only, the body as text for {@code text/*}, {@code application/json},
 * {@code application/xml} and {@code application/javascript} and as base64 for anything else, and the
 * {@code X-Forwarded-*} and {@code X-Amzn-Trace-Id} headers API Gateway adds. The function's answer is read
 * as API Gateway reads it: {@code statusCode}, {@code headers} (no {@code Content-Type} means
 * {@code text/plain; charset=utf-8}), {@code cookies} (each a {@code Set-Cookie}), {@code body} and
 * {@code isBase64Encoded}; an answer without a {@code statusCode} is the "inferred" format (200,
 * {@code application/json}, the answer itself — a JSON string unwrapped — as the body).
 *
 * <p>Its own answers are API Gateway's: a body over the HTTP API's 10 MB payload quota, or one whose event is
 * over Lambda's 6 MB synchronous payload, is {@code 413 {"message":"Request Entity Too Large"}}; a function
 * error, a crash, an answer over 6 MB or a {@code statusCode} that is not one is
 * {@code 500 {"message":"Internal Server Error"}}; a function that outlasts its timeout or the 30 s
 * integration timeout is {@code 503 {"message":"Service Unavailable"}}; a throttled invoke is
 * {@code 429 {"message":"Too Many Requests"}}. Every answer carries an {@code apigw-requestid}, the event's
 * {@code requestContext.requestId}. Sources and what stays unconfirmed: {@code lambda-local/README.md}.
 */
public final class HttpApiGateway implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(HttpApiGateway.class.getName());
    /** The HTTP API's payload quota ("Payload size: 10 MB", not adjustable). */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** Lambda's limit for a synchronous invocation's payload (the event), and for its response. */
    public static final int MAX_INVOKE_PAYLOAD_BYTES = 6 * 1024 * 1024;
    /** The HTTP API's "Maximum integration timeout: 30 seconds" (not adjustable). */
    public static final Duration INTEGRATION_TIMEOUT = Duration.ofSeconds(30);
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String API_ID = "local";
    /** The connection's own headers, which a proxy does not pass on (RFC 9110, 7.6.1). */
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "upgrade",
            "http2-settings", "te", "trailer", "transfer-encoding", "proxy-connection");

    private final LambdaLocal function;
    private final Consumer<InvokeResult> afterInvoke;
    private final Listener listener;

    private HttpApiGateway(LambdaLocal function, InetSocketAddress address,
                           Consumer<InvokeResult> afterInvoke) {
        this.function = function;
        this.afterInvoke = afterInvoke;
        this.listener = Listener.start(address, this::handle, function);
    }

    /** Serves {@code function} as an HTTP API's {@code $default} route on {@code address} (port 0 for any free port). */
    public static HttpApiGateway start(LambdaLocal function, InetSocketAddress address) {
        return start(function, address, result -> { });
    }

    /** As {@link #start(LambdaLocal, InetSocketAddress)}; {@code afterInvoke} sees every invoke's result (the CLI prints its logs). */
    public static HttpApiGateway start(LambdaLocal function, InetSocketAddress address,
                                       Consumer<InvokeResult> afterInvoke) {
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(afterInvoke, "afterInvoke");
        return new HttpApiGateway(function, address, afterInvoke);
    }

    public int port() {
        return listener.port();
    }

    /** The API's base URL, as its invoke URL would be given. */
    public URI uri() {
        return listener.uri("/");
    }

    private void handle(HttpExchange exchange) throws IOException {
        String requestId = requestId();
        try (exchange) {
            exchange.getResponseHeaders().set("apigw-requestid", requestId);
            byte[] body = Exchanges.readAtMost(exchange, MAX_BODY_BYTES);
            if (body == null) {
                gatewayError(exchange, 413, "Request Entity Too Large");
                return;
            }
            byte[] event = event(exchange, body, requestId, Instant.now()).getBytes(StandardCharsets.UTF_8);
            if (event.length > MAX_INVOKE_PAYLOAD_BYTES) {
                // Lambda refuses the invoke (RequestEntityTooLargeException), and API Gateway says so
                gatewayError(exchange, 413, "Request Entity Too Large");
                return;
            }
            Future<InvokeResult> invoke = listener.exchanges().submit(() -> function.invoke(event));
            InvokeResult result;
            try {
                result = invoke.get(INTEGRATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                // API Gateway stops waiting; the invoke runs on to its own end, as it does on Lambda
                gatewayError(exchange, 503, "Service Unavailable");
                return;
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
            afterInvoke.accept(result);
            answer(exchange, result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gatewayError(exchange, 503, "Service Unavailable");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "request " + requestId + " to " + function.config().functionName() + " failed", e);
            if (exchange.getResponseCode() == -1) {
                gatewayError(exchange, 500, "Internal Server Error");
            }
        }
    }

    /** The HTTP API event (payload format 2.0) for one request. */
    static String event(HttpExchange exchange, byte[] body, String requestId, Instant at) {
        URI uri = exchange.getRequestURI();
        String path = decodePath(uri.getRawPath() == null ? "/" : uri.getRawPath());
        String rawQuery = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        var headers = new LinkedHashMap<String, String>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                for (String header : values) {
                    for (String cookie : header.split(";")) {
                        if (!cookie.isBlank()) {
                            cookies.add(cookie.trim());
                        }
                    }
                }
            } else if (!HOP_BY_HOP.contains(lower)) {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        headers.merge("x-forwarded-for", sourceIp, (sent, ip) -> sent + ", " + ip);
        headers.put("x-forwarded-port", String.valueOf(exchange.getLocalAddress().getPort()));
        headers.put("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", "Root=1-" + Long.toHexString(at.getEpochSecond()) + "-"
                + HexFormat.of().formatHex(randomBytes(12)));
        if (body.length > 0) {
            headers.put("content-length", String.valueOf(body.length));
        }
        boolean textual = isTextual(headers.get("content-type"));

        var json = new StringBuilder(body.length + 1024).append('{');
        member(json, "version", "2.0").append(',');
        member(json, "routeKey", "$default").append(',');
        member(json, "rawPath", path).append(',');
        member(json, "rawQueryString", rawQuery).append(',');
        if (!cookies.isEmpty()) {
            json.append("\"cookies\":[");
            for (int i = 0; i < cookies.size(); i++) {
                json.append(i == 0 ? "" : ",").append(Json.quote(cookies.get(i)));
            }
            json.append("],");
        }
        json.append("\"headers\":");
        object(json, headers).append(',');
        Map<String, String> parameters = queryParameters(rawQuery);
        if (!parameters.isEmpty()) {
            json.append("\"queryStringParameters\":");
            object(json, parameters).append(',');
        }
        String domain = headers.getOrDefault("host", "localhost");
        json.append("\"requestContext\":{");
        member(json, "accountId", "000000000000").append(',');
        member(json, "apiId", API_ID).append(',');
        member(json, "domainName", domain).append(',');
        member(json, "domainPrefix", domain.split("[.:]", 2)[0]).append(',');
        json.append("\"http\":{");
        member(json, "method", exchange.getRequestMethod()).append(',');
        member(json, "path", path).append(',');
        member(json, "protocol", exchange.getProtocol()).append(',');
        member(json, "sourceIp", sourceIp).append(',');
        member(json, "userAgent", headers.getOrDefault("user-agent", "")).append("},");
        member(json, "requestId", requestId).append(',');
        member(json, "routeKey", "$default").append(',');
        member(json, "stage", "$default").append(',');
        member(json, "time", REQUEST_TIME.format(at)).append(',');
        json.append("\"timeEpoch\":").append(at.toEpochMilli()).append("},");
        if (body.length > 0) {
            member(json, "body", textual ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body)).append(',');
        }
        json.append("\"isBase64Encoded\":").append(body.length > 0 && !textual).append('}');
        return json.toString();
    }

    /** Whether API Gateway passes a body of this type as text (else base64, a missing type included). */
    public static boolean isTextual(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.equals("application/xml")
                || type.equals("application/javascript");
    }

    /** {@code queryStringParameters}: each name once, its values decoded and joined with commas. */
    static Map<String, String> queryParameters(String rawQuery) {
        var parameters = new LinkedHashMap<String, String>();
        if (rawQuery.isEmpty()) {
            return parameters;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = decodeQuery(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decodeQuery(pair.substring(equals + 1));
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static String decodeQuery(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text; // passed on as sent; rawQueryString has it too
        }
    }

    private static String decodePath(String rawPath) {
        try {
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return rawPath;
        }
    }

    /** The function's answer as API Gateway turns it into an HTTP response. */
    private static void answer(HttpExchange exchange, InvokeResult result) throws IOException {
        switch (result.status()) {
            case SUCCESS -> { }
            case TIMEOUT -> {
                gatewayError(exchange, 503, "Service Unavailable");
                return;
            }
            case THROTTLED -> {
                gatewayError(exchange, 429, "Too Many Requests");
                return;
            }
            default -> {
                gatewayError(exchange, 500, "Internal Server Error");
                return;
            }
        }
        byte[] payload = result.payload();
        if (payload.length > MAX_INVOKE_PAYLOAD_BYTES) {
            gatewayError(exchange, 500, "Internal Server Error");
            return;
        }
        FunctionResponse response;
        try {
            response = FunctionResponse.read(new String(payload, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException unreadable) {
            LOG.log(System.Logger.Level.WARNING, "the function's answer is not an HTTP API response: " + unreadable.getMessage());
            gatewayError(exchange, 500, "Internal Server Error");
            return;
        }
        var headers = exchange.getResponseHeaders();
        response.headers().forEach(headers::set);
        response.cookies().forEach(cookie -> headers.add("Set-Cookie", cookie));
        Exchanges.send(exchange, response.statusCode(), response.body());
    }

    /** A function's HTTP API response (payload format 2.0), read. */
    record FunctionResponse(int statusCode, Map<String, String> headers, List<String> cookies, byte[] body) {

        static FunctionResponse read(String payload) {
            Object answer;
            try {
                answer = JsonReader.parse(payload);
            } catch (IllegalArgumentException notJson) {
                answer = payload; // API Gateway does not check an inferred answer: it is the body as it came
            }
            if (!(answer instanceof Map<?, ?> fields) || !fields.containsKey("statusCode")) {
                // the inferred format: the answer is the body (a JSON string, unwrapped)
                String body = answer instanceof String text && payload.trim().startsWith("\"") ? text : payload;
                return new FunctionResponse(200, Map.of("Content-Type", "application/json"), List.of(),
                        body.getBytes(StandardCharsets.UTF_8));
            }
            if (!(fields.get("statusCode") instanceof BigDecimal code) || code.scale() > 0
                    || code.intValue() < 100 || code.intValue() > 599) {
                throw new IllegalArgumentException("statusCode is not an HTTP status: " + fields.get("statusCode"));
            }
            var headers = new LinkedHashMap<String, String>();
            if (fields.get("headers") instanceof Map<?, ?> given) {
                given.forEach((name, value) -> headers.put(String.valueOf(name), scalar(value)));
            }
            if (headers.keySet().stream().noneMatch("content-type"::equalsIgnoreCase)) {
                headers.put("Content-Type", "text/plain; charset=utf-8");
            }
            var cookies = new ArrayList<String>();
            if (fields.get("cookies") instanceof List<?> given) {
                given.forEach(cookie -> cookies.add(String.valueOf(cookie)));
            }
            Object body = fields.get("body");
            String text = body == null ? "" : body instanceof String s ? s : scalar(body);
            byte[] bytes = Boolean.TRUE.equals(fields.get("isBase64Encoded"))
                    ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
            return new FunctionResponse(code.intValue(), headers, cookies, bytes);
        }

        private static String scalar(Object value) {
            return value instanceof BigDecimal number ? number.toPlainString() : String.valueOf(value);
        }
    }

    /** An answer of API Gateway itself, in its words: {@code {"message":"..."}}. */
    private static void gatewayError(HttpExchange exchange, int status, String message) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        Exchanges.send(exchange, status, ("{\"message\":" + Json.quote(message) + "}").getBytes(StandardCharsets.UTF_8));
    }

    /** An id shaped like API Gateway's (14 characters, base64-looking, ending in '='). */
    private static String requestId() {
        return Base64.getEncoder().encodeToString(randomBytes(10)).substring(0, 13).replace('+', 'A').replace('/', 'B') + "=";
    }

    private static byte[] randomBytes(int count) {
        byte[] random = new byte[count];
        ThreadLocalRandom.current().nextBytes(random);
        return random;
    }

    private static StringBuilder member(StringBuilder json, String name, String value) {
        return json.append(Json.quote(name)).append(':').append(Json.quote(value));
    }

    private static StringBuilder object(StringBuilder json, Map<String, String> members) {
        json.append('{');
        boolean first = true;
        for (var member : members.entrySet()) {
            json.append(first ? "" : ",");
            member(json, member.getKey(), member.getValue());
            first = false;
        }
        return json.append('}');
    }

    /** Stops listening. The function stays open: its owner closes it. */
    @Override
    public void close() {
        listener.close();
    }
}
