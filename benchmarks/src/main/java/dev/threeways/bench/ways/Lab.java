package dev.threeways.bench.ways;

import dev.threeways.server.testing.Container;
import dev.threeways.server.testing.Placement;
import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.TestDatabase;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What the local comparison runs against, found or started once per run: the built artifacts of the
 * three ways, a PostgreSQL schema with the app's migrations applied (so no way migrates at start, as
 * deployed), and ElasticMQ as the SQS-compatible server.
 */
public final class Lab implements AutoCloseable {
    public static final String WEBHOOK_SECRET = dev.threeways.core.testing.StripeEvents.SECRET;
    public static final String READ_TOKEN = "read_benchmark_only";

    /** How long closing waits for the queue server to stop before it leaves the stop to finish on its own. */
    static final java.time.Duration QUEUE_STOP_WAIT = java.time.Duration.ofSeconds(2);

    private final Path repo;
    private final TestDatabase database;
    private final ElasticMq queueServer;
    private final SqsClient sqs;
    private final PostgresTls tls;
    private final Placement placement;
    private final boolean databasePinned;
    /** Each adapter's image, built once a run: its training run takes seconds, and the parts share the image. */
    private final Map<String, Container> images = new java.util.HashMap<>();

    private Lab(Path repo, TestDatabase database, ElasticMq queueServer, PostgresTls tls, Placement placement) {
        this.repo = repo;
        this.database = database;
        this.queueServer = queueServer;
        this.sqs = queueServer.client();
        this.tls = tls;
        this.placement = placement;
        this.databasePinned = placement.pinDatabase(backendPid(database));
    }

    public static Lab open(Path repo) {
        for (Path jar : new Path[] {lambdaJar(repo), appRunnerJar(repo), fargateJar(repo)}) {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("not built: " + jar + " (run ./mvnw -q install -DskipTests first)");
            }
        }
        // adapter-lambda's function fixtures find the artifact through this property
        System.setProperty("app.jar", lambdaJar(repo).toString());
        // first, so that every thread the harness starts (the load generator's, ElasticMQ's) stays off the measured CPUs
        Placement placement = Placement.detect();
        placement.pinHarness();
        TestDatabase database = TestDatabase.postgres();
        PostgresTls tls = PostgresTls.ensure(database.url(), database.user(), database.password());
        try {
            return new Lab(repo, database, ElasticMq.start(), tls, placement);
        } catch (RuntimeException e) {
            tls.close();
            database.close();
            placement.close();
            throw e;
        }
    }

    /** The repository this jar was built in: {@code <repo>/benchmarks/target/three-ways-bench.jar}, or the working directory. */
    public static Path findRepo() {
        try {
            Path here = Path.of(Lab.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
            for (Path p = here; p != null; p = p.getParent()) {
                if (Files.isRegularFile(p.resolve("adapter-lambda/pom.xml"))) {
                    return p;
                }
            }
        } catch (URISyntaxException | SecurityException e) {
            // fall back to the working directory
        }
        return Path.of("").toAbsolutePath();
    }

    static Path lambdaJar(Path repo) {
        return repo.resolve("adapter-lambda/target/three-ways-lambda.jar");
    }

    static Path appRunnerJar(Path repo) {
        return repo.resolve("adapter-apprunner/target/three-ways-apprunner.jar");
    }

    static Path fargateJar(Path repo) {
        return repo.resolve("adapter-fargate/target/three-ways-fargate.jar");
    }

    public Path repo() {
        return repo;
    }

    public TestDatabase database() {
        return database;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String newQueue(String name) {
        return sqs.createQueue(b -> b.queueName(name)).queueUrl();
    }

    /** Messages still on the queue: visible, in flight (received, not yet deleted) and delayed. */
    public long messagesLeft(String queueUrl) {
        Map<QueueAttributeName, String> counts = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        long left = 0;
        for (String count : counts.values()) {
            left += Long.parseLong(count);
        }
        return left;
    }

    /**
     * The environment every way gets, as the CDK stacks wire it (AppWiring): a PostgreSQL database
     * already migrated, secrets given as settings (the stand-in for Secrets Manager), the queue when
     * the way uses one.
     */
    public LinkedHashMap<String, String> wiring(String queueUrl) {
        var env = new LinkedHashMap<String, String>();
        env.put("DATABASE_URL", tls.url(database.url()));
        env.put("DATABASE_USER", database.user());
        env.put("DATABASE_PASSWORD", database.password());
        env.put("DATABASE_MIGRATE_ON_START", "false");
        env.put("STRIPE_WEBHOOK_SECRETS", WEBHOOK_SECRET);
        env.put("READ_API_TOKENS", READ_TOKEN);
        // no LOG_LEVEL: every stack deploys the app's default (INFO, an access line a request), and so does this
        env.put("AWS_REGION", "us-east-1");
        // ElasticMQ ignores credentials; the SDK's chain still resolves them at init, as it does on AWS
        env.put("AWS_ACCESS_KEY_ID", "benchmark");
        env.put("AWS_SECRET_ACCESS_KEY", "benchmark");
        if (queueUrl != null) {
            env.put("QUEUE_URL", queueUrl);
            env.put("AWS_ENDPOINT_URL_SQS", queueServer.endpoint().toString());
        }
        return env;
    }

    /** The same for a function: Lambda sets AWS_REGION itself (and lambda-local, like Lambda, refuses it). */
    public Map<String, String> lambdaWiring(String queueUrl) {
        var env = wiring(queueUrl);
        env.remove("AWS_REGION");
        return env;
    }

    /**
     * The image of {@code module} (an adapter's folder), built as {@code docker build} would the first time a
     * part asks for it, at the memory its stack deploys.
     */
    synchronized Container image(String module, double memoryGb) {
        return images.computeIfAbsent(module + "@" + memoryGb, k -> Container.of(repo.resolve(module), memoryGb));
    }

    public Placement placement() {
        return placement;
    }

    public String describe() {
        return database.source() + " (schema " + database.schema() + ", migrated before any start)";
    }

    /** The server's version, how the ways reach it, and where it runs, for the report. */
    public String describePostgres() {
        return serverVersion() + ", " + tls.describe() + (databasePinned ? "; on the load generator's CPUs" : "");
    }

    private String serverVersion() {
        try (var c = database.dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1).split(" ")[0];
        } catch (java.sql.SQLException e) {
            return "PostgreSQL (version unread: " + e.getMessage() + ")";
        }
    }

    private static long backendPid(TestDatabase database) {
        try (var c = database.dataSource().getConnection(); var st = c.createStatement();
             var rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            return -1;
        }
    }

    public String describeQueue() {
        return "ElasticMQ " + elasticMqVersion() + " (embedded, " + queueServer.endpoint() + ", on the load generator's CPUs)";
    }

    /** From its jar's name, as Maven names it: the library carries no version of its own. */
    public static String elasticMqVersion() {
        try {
            String jar = Path.of(org.elasticmq.rest.sqs.SQSRestServer.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI()).getFileName().toString();
            var m = java.util.regex.Pattern.compile("-(\\d[\\w.-]*)\\.jar$").matcher(jar);
            return m.find() ? m.group(1) : jar;
        } catch (URISyntaxException | RuntimeException e) {
            return "(version unknown)";
        }
    }

    @Override
    public void close() {
        sqs.close();
        // ElasticMQ's stop waits out every open long poll (a consumer stopped mid-receive holds it up to 20 s);
        // nothing here needs its answer, so the stop goes on in the background while the rest is given back
        Thread stopping = Thread.ofPlatform().daemon().name("elasticmq-stop").start(queueServer::close);
        try {
            stopping.join(QUEUE_STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        tls.close();
        database.close();
        placement.close();
    }
}
