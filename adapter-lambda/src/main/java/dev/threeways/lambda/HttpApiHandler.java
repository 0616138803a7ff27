package dev.threeways.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.threeways.core.http.Handler;

/**
 * API Gateway HTTP API (payload format 2.0) → the app → back, with the event classes of
 * aws-lambda-java-events: the runtime client deserializes the event. {@link HttpApiStreamHandler} is
 * the same mapping reading the event itself; the README's cold-start table says what the difference costs.
 */
public final class HttpApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
    private final HttpApiMapping mapping;

    /** What Lambda calls: the environment's app, built once in the init phase. */
    public HttpApiHandler() {
        this(LambdaApp.get().app().handler());
    }

    HttpApiHandler(Handler app) {
        this.mapping = new HttpApiMapping(app);
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        var http = event == null || event.getRequestContext() == null ? null : event.getRequestContext().getHttp();
        HttpApiMapping.Response r = mapping.handle(new HttpApiMapping.Event(
                http == null ? null : http.getMethod(), event == null ? null : event.getRawPath(),
                event == null ? null : event.getRawQueryString(), event == null ? null : event.getHeaders(),
                event == null ? null : event.getCookies(), event == null ? null : event.getBody(),
                event != null && event.getIsBase64Encoded()), context == null ? "" : context.getAwsRequestId());
        var builder = APIGatewayV2HTTPResponse.builder()
                .withStatusCode(r.statusCode())
                .withHeaders(r.headers())
                .withIsBase64Encoded(r.isBase64Encoded())
                .withBody(r.body());
        if (r.cookies() != null) {
            builder.withCookies(r.cookies());
        }
        return builder.build();
    }
}
