package dev.threeways.parity;

/** One way as a client meets it, started as it is deployed: requests in, answers out. */
interface Way extends AutoCloseable {

    Kind kind();

    Answer send(Request request);

    /** What the way's processes logged, for a failure's message. */
    String logs();

    @Override
    void close();

    /** The ways, and what each does differently by design (each difference is documented where it is used). */
    enum Kind {
        /** The HTTP function invoked through the Lambda Invoke API with the event API Gateway would send. */
        LAMBDA_INVOKE("Lambda (invoke API)", true, false),
        /** The HTTP function behind the HTTP API front: plain HTTP in, as API Gateway's users send it. */
        LAMBDA_HTTP_API("Lambda (HTTP API)", true, false),
        /** The App Runner jar; ECS Express Mode runs the same image with the same command. */
        APP_RUNNER("App Runner / Express Mode", false, true),
        /** The Fargate jar's serve entry point, its queue worker in the same task. */
        FARGATE("Fargate", false, false);

        final String label;
        final boolean lambda;
        /** App Runner gives an instance no CPU between requests, so it applies webhooks in the request. */
        final boolean appliesWebhooksInRequest;

        Kind(String label, boolean lambda, boolean appliesWebhooksInRequest) {
            this.label = label;
            this.lambda = lambda;
            this.appliesWebhooksInRequest = appliesWebhooksInRequest;
        }
    }
}
