package dev.threeways.core.queue;

import dev.threeways.core.config.AppConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Sends verified webhooks to SQS with the event id as a message attribute, so a consumer can log and
 * de-duplicate before it parses the body. On a FIFO queue the payment intent is the message group and
 * the event id the de-duplication id.
 *
 * <p>The queue of {@link #create(AppConfig)} builds its SDK client on first use: building one costs a
 * Lambda cold start about 65 ms even with the classes in a start-up archive (measured, see the README's
 * "Start-up"), which a request that sends nothing should not pay. Where init is paid ahead of requests
 * (SnapStart, provisioned concurrency) the caller builds it in init with {@link #client()}.
 */
public final class SqsWebhookQueue implements WebhookQueue, AutoCloseable {
    private final Supplier<SqsClient> build;
    private volatile SqsClient sqs;
    private final String queueUrl;
    private final int maxMessageBytes;
    private final boolean fifo;

    public SqsWebhookQueue(SqsClient sqs, String queueUrl, int maxMessageBytes) {
        this(() -> sqs, queueUrl, maxMessageBytes);
        this.sqs = sqs;
    }

    private SqsWebhookQueue(Supplier<SqsClient> build, String queueUrl, int maxMessageBytes) {
        this.build = build;
        this.queueUrl = queueUrl;
        this.maxMessageBytes = maxMessageBytes;
        this.fifo = queueUrl.endsWith(".fifo");
    }

    /** A client for {@code config}: the URLConnection HTTP client (small, quick to start), the endpoint override if any. */
    public static SqsClient client(AppConfig config, AwsCredentialsProvider credentials) {
        Duration callTimeout = config.queueSendTimeout();
        return client(config, credentials, callTimeout, UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(2))
                .socketTimeout(callTimeout));
    }

    /**
     * A client whose calls may take {@code callTimeout}, over the HTTP client {@code http} builds (its
     * socket timeout is the caller's to set): a consumer's long poll holds a connection for up to its
     * wait, so it needs a client of its own with a limit above that wait, and may want one that pools
     * connections. Closing the SQS client closes the HTTP client.
     */
    public static SqsClient client(AppConfig config, AwsCredentialsProvider credentials, Duration callTimeout,
                                   SdkHttpClient.Builder<?> http) {
        var builder = SqsClient.builder()
                .httpClientBuilder(http)
                .region(Region.of(config.awsRegion()))
                .credentialsProvider(credentials)
                .overrideConfiguration(o -> o.apiCallTimeout(callTimeout));
        config.sqsEndpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }

    /** The queue {@code config} names, its client built on first use. */
    public static SqsWebhookQueue create(AppConfig config) {
        String url = config.queueUrl().orElseThrow(() -> new IllegalStateException("QUEUE_URL is not set"));
        return new SqsWebhookQueue(() -> client(config, DefaultCredentialsProvider.builder().build()), url,
                config.queueMaxMessageBytes());
    }

    /**
     * On a FIFO queue a message cannot have a delay of its own and a copy would be de-duplicated by its
     * event id, so a retry there is refused and the consumer falls back to the redrive policy.
     */
    @Override
    public void sendLater(QueuedWebhook message, Duration delay) {
        int size = message.sqsSize();
        if (size > maxMessageBytes) {
            throw new MessageTooLargeException(size, maxMessageBytes);
        }
        if (fifo && !delay.isZero()) {
            throw new QueueException("a FIFO queue takes no per-message delay: " + queueUrl, null);
        }
        var attributes = new HashMap<String, MessageAttributeValue>();
        attributes.put(QueuedWebhook.ATTR_EVENT_ID, stringAttribute(message.eventId()));
        attributes.put(QueuedWebhook.ATTR_EVENT_TYPE, stringAttribute(message.eventType()));
        if (message.retries() > 0) {
            attributes.put(QueuedWebhook.ATTR_RETRIES, MessageAttributeValue.builder().dataType("Number")
                    .stringValue(String.valueOf(message.retries())).build());
        }
        var request = SendMessageRequest.builder()
                .queueUrl(queueUrl)
                .messageBody(message.payloadAsString())
                .messageAttributes(attributes);
        if (!delay.isZero()) {
            request.delaySeconds((int) Math.clamp(delay.toSeconds(), 1, 900));
        }
        if (fifo) {
            request.messageGroupId(message.groupKey()).messageDeduplicationId(message.eventId());
        }
        try {
            client().sendMessage(request.build());
        } catch (SdkException e) {
            throw new QueueException("could not send event " + message.eventId() + " to " + queueUrl, e);
        }
    }

    @Override
    public void ping(Duration timeout) {
        try {
            client().getQueueAttributes(GetQueueAttributesRequest.builder()
                    .queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                    .overrideConfiguration(o -> o.apiCallTimeout(timeout))
                    .build());
        } catch (SdkException e) {
            throw new QueueException("queue " + queueUrl + " unreachable", e);
        }
    }

    public String queueUrl() {
        return queueUrl;
    }

    /** The client, built now if it was not yet: for a consumer of the same queue in the same process, or an init paid ahead. */
    public SqsClient client() {
        SqsClient built = sqs;
        if (built == null) {
            synchronized (this) {
                if (sqs == null) {
                    sqs = build.get();
                }
                built = sqs;
            }
        }
        return built;
    }

    /** Whether the client exists yet (a queue of {@link #create(AppConfig)} builds it on first use). */
    public boolean clientBuilt() {
        return sqs != null;
    }

    public Optional<URI> endpoint() {
        return client().serviceClientConfiguration().endpointOverride();
    }

    private static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    @Override
    public void close() {
        SqsClient built = sqs;
        if (built != null) {
            built.close();
        }
    }
}
