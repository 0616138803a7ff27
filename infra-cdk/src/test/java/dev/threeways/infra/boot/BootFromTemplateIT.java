package dev.threeways.infra.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.core.http.Json;
import dev.threeways.core.testing.ElasticMq;
import dev.threeways.core.testing.LocalSecretsManager;
import dev.threeways.core.testing.Reads;
import dev.threeways.core.testing.StripeEvents;
import dev.threeways.core.testing.Waits;
import dev.threeways.lambda.HttpApiEvents;
import dev.threeways.lambda.LambdaFunctions;
import dev.threeways.lambda.SqsEventSource;
import dev.threeways.lambdalocal.InvokeResult;
import dev.threeways.lambdalocal.LambdaLocal;
import dev.threeways.server.testing.ImageRoot;
import dev.threeways.server.testing.JarProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.sqs.SqsClient;
import tools.jackson.databind.JsonNode;

/**
 * Boots what the synthesized templates describe, the way the platforms would, against local
 * equivalents of the AWS resources: PostgreSQL for RDS and RDS Proxy, ElasticMQ for SQS, a local
 * stand-in for Secrets Manager. Each container runs from its image asset as CDK staged it (the
 * Dockerfile's ENTRYPOINT and COPY, the template's command, environment and port) and must pass the
 * template's own health check, run as ECS or App Runner runs it; each function runs its asset jar
 * under the real runtime interface client with the template's handler, memory, timeout and
 * environment. The order is the deploy's: the data stack's migrate trigger first, then the runtimes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BootFromTemplateIT {
    private static final String REGION = "eu-west-1";
    private static final String DATA = "ThreeWays-Data";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private SynthesizedApp app;
    private ElasticMq elasticMq;
    private SqsClient sqs;
    private LocalSecretsManager secrets;
    private LocalResources local;
    private LocalPostgres postgres;

    @BeforeAll
    void deployLocally() throws Exception {
        app = SynthesizedApp.synthesize(Map.of("runtimes", "lambda,expressmode,fargate,apprunner"));
        elasticMq = ElasticMq.start();
        sqs = elasticMq.client();
        secrets = LocalSecretsManager.start();
        postgres = LocalPostgres.fresh(database());
        local = localResources(app);
        // the secrets as the deploy leaves them: RDS's generated credentials, and the Stripe secret put in after
        for (var secret : app.resources(DATA, "AWS::SecretsManager::Secret").entrySet()) {
            JsonNode template = secret.getValue().path("Properties").path("GenerateSecretString").path("SecretStringTemplate");
            String value = secret.getKey().startsWith("ReadApiTokens") ? Reads.TOKEN
                    : template.isMissingNode() ? StripeEvents.SECRET
                    : "{\"username\":\"" + Json.MAPPER.readTree(template.asString()).path("username").asString()
                      + "\",\"password\":\"" + postgres.password() + "\",\"engine\":\"postgres\",\"port\":5432}";
            secrets.put(local.secretId(DATA, secret.getKey()), value);
        }
    }

    @AfterAll
    void tearDown() {
        secrets.close();
        sqs.close();
        elasticMq.close();
    }

    /** The database name the templates' DATABASE_URL names, from the migrate function's environment. */
    private String database() {
        String url = lambdaFunctions(DATA).values().iterator().next().path("Properties").path("Environment")
                .path("Variables").path("DATABASE_URL").toString();
        var m = java.util.regex.Pattern.compile(":5432/([a-z0-9_]+)").matcher(url);
        assertTrue(m.find(), "DATABASE_URL names a database: " + url);
        return m.group(1);
    }

    /** The local stand-ins for what {@code synthesized} names: this database server, a queue in ElasticMQ per queue. */
    private LocalResources localResources(SynthesizedApp synthesized) {
        return new LocalResources(synthesized, REGION, postgres.host(), postgres.port(),
                name -> sqs.createQueue(b -> b.queueName(name)).queueUrl());
    }

    private Map<String, JsonNode> lambdaFunctions(String stack) {
        return app.resources(stack, "AWS::Lambda::Function");
    }

    // ---------------------------------------------------------------------------------------------
    // the deploy's first step: the schema, before any runtime

    @Test
    @Order(1)
    void theDataStacksTriggerRunsTheMigrateFunctionWhichCreatesTheSchema() throws Exception {
        Map<String, JsonNode> triggers = app.resources(DATA, "Custom::Trigger");
        assertEquals(1, triggers.size(), "one trigger in the data stack");
        JsonNode trigger = triggers.values().iterator().next();
        // the trigger invokes a published version of the function
        String version = trigger.path("Properties").path("HandlerArn").path("Ref").asString();
        String handlerFunction = app.template(DATA).path("Resources").path(version).path("Properties")
                .path("FunctionName").path("Ref").asString();
        var migrate = lambdaFunctions(DATA).entrySet().stream()
                .filter(f -> f.getKey().equals(handlerFunction))
                .findFirst().orElseThrow(() -> new AssertionError("the trigger invokes none of " + lambdaFunctions(DATA).keySet()));
        String dependsOn = trigger.path("DependsOn").toString();
        assertTrue(dependsOn.contains(app.resources(DATA, "AWS::RDS::DBInstance").keySet().iterator().next()),
                "the trigger waits for the database: " + dependsOn);

        assertEquals(0, postgres.tables(), "a fresh database");
        try (LambdaLocal fn = function(DATA, migrate.getKey(), migrate.getValue())) {
            InvokeResult result = fn.invoke("{}");
            assertTrue(result.isSuccess(), result.errorJson() + "\n" + result.logs());
            assertTrue(Json.MAPPER.readTree(result.payload()).path("migrationsApplied").asInt() >= 2, result.payloadUtf8());
        }
        assertTrue(postgres.tables() >= 3, "the schema exists: " + postgres.tables() + " tables");
    }

    // ---------------------------------------------------------------------------------------------
    // the Fargate way

    @Test
    @Order(2)
    void fargateServeTaskPassesItsHealthCheckTheLoadBalancersCheckAndAppliesAWebhook() throws Exception {
        String stack = "ThreeWays-Fargate";
        JsonNode task = taskDefinition(stack, "serve");
        JsonNode container = task.path("Properties").path("ContainerDefinitions").get(0);
        int containerPort = container.path("PortMappings").get(0).path("ContainerPort").asInt();
        JsonNode targetGroup = app.resources(stack, "AWS::ElasticLoadBalancingV2::TargetGroup").values().iterator().next();
        try (var run = ContainerRun.start(this, stack, imageOf(stack, container), container.path("Command"),
                local.pairs(stack, container.path("Environment"), "Name", "Value"), containerPort, "fargate-serve")) {
            run.passesHealthCheck(container.path("HealthCheck"));
            assertEquals(200, run.get(targetGroup.path("Properties").path("HealthCheckPath").asString()),
                    "the ALB's target health check");
            run.appliesASignedWebhook("pi_boot_fargate");
            int stopTimeout = container.path("StopTimeout").asInt();
            run.process().sigterm();
            assertEquals(0, run.process().awaitExit(Duration.ofSeconds(stopTimeout)),
                    "drained within the task's stopTimeout:\n" + run.process().log());
        }
    }

    @Test
    @Order(4)
    void fargateSettleTaskRunsToExitZero() throws Exception {
        String stack = "ThreeWays-Fargate";
        JsonNode container = taskDefinition(stack, "settle").path("Properties").path("ContainerDefinitions").get(0);
        try (var run = ContainerRun.start(this, stack, imageOf(stack, container), container.path("Command"),
                local.pairs(stack, container.path("Environment"), "Name", "Value"), 8080, "fargate-settle")) {
            assertEquals(0, run.process().awaitExit(Duration.ofSeconds(60)), run.process().log());
        }
    }

    private JsonNode taskDefinition(String stack, String entryPoint) {
        return taskDefinition(app, stack, entryPoint);
    }

    private ImageRoot imageOf(String stack, JsonNode container) {
        return imageOf(app, local, stack, container);
    }

    private static ImageRoot imageOf(SynthesizedApp app, LocalResources local, String stack, JsonNode container) {
        return ImageRoot.build(app.asset(stack, imageHash(local.string(stack, container.path("Image")))).path());
    }

    private static JsonNode taskDefinition(SynthesizedApp app, String stack, String entryPoint) {
        return app.resources(stack, "AWS::ECS::TaskDefinition").values().stream()
                .filter(t -> t.path("Properties").path("ContainerDefinitions").get(0).path("Command").toString()
                        .equals("[\"" + entryPoint + "\"]"))
                .findFirst().orElseThrow(() -> new AssertionError("no task definition runs " + entryPoint));
    }

    @Test
    @Order(3)
    void fargateWithTheWorkerAsItsOwnServiceTakesAWebhookInServeAndAppliesItInTheWorker() throws Exception {
        SynthesizedApp variant = SynthesizedApp.synthesize(Map.of("runtimes", "fargate", "fargateWorkerService", "true"));
        var variantLocal = localResources(variant);
        String stack = "ThreeWays-Fargate";
        JsonNode serve = taskDefinition(variant, stack, "serve").path("Properties").path("ContainerDefinitions").get(0);
        JsonNode worker = taskDefinition(variant, stack, "worker").path("Properties").path("ContainerDefinitions").get(0);
        var serveEnv = variantLocal.pairs(stack, serve.path("Environment"), "Name", "Value");
        assertEquals("false", serveEnv.get("WORKER_ENABLED"), "the serve task leaves the queue to the worker service");
        try (var intake = ContainerRun.start(this, stack, imageOf(variant, variantLocal, stack, serve), serve.path("Command"),
                serveEnv, serve.path("PortMappings").get(0).path("ContainerPort").asInt(), "fargate-serve-only");
             var consumer = ContainerRun.start(this, stack, imageOf(variant, variantLocal, stack, worker), worker.path("Command"),
                     variantLocal.pairs(stack, worker.path("Environment"), "Name", "Value"), 8080, "fargate-worker")) {
            intake.passesHealthCheck(serve.path("HealthCheck"));
            consumer.passesHealthCheck(worker.path("HealthCheck"));
            intake.appliesASignedWebhook("pi_boot_worker_service");
            // a resident process writes its INFO lines out every 200 ms
            Waits.until("the worker service's line that it applied it", Duration.ofSeconds(5),
                    () -> consumer.process().log().contains("event applied"));
        }
    }

    /** The asset hash an image URI ends with: {@code ...amazonaws.com/cdk-...-container-assets-...:HASH}. */
    private static String imageHash(String imageUri) {
        return imageUri.substring(imageUri.lastIndexOf(':') + 1);
    }

    // ---------------------------------------------------------------------------------------------
    // the App Runner image: on ECS Express Mode and on App Runner

    @Test
    @Order(5)
    void expressModeServicePassesItsHealthCheckPathAndAppliesAWebhookInTheRequest() throws Exception {
        String stack = "ThreeWays-ExpressMode";
        JsonNode service = app.resources(stack, "AWS::ECS::ExpressGatewayService").values().iterator().next().path("Properties");
        JsonNode container = service.path("PrimaryContainer");
        try (var run = ContainerRun.start(this, stack, imageOf(stack, container), container.path("Command"),
                local.pairs(stack, container.path("Environment"), "Name", "Value"),
                container.path("ContainerPort").asInt(), "expressmode")) {
            run.awaitHttp200(service.path("HealthCheckPath").asString(), Duration.ofSeconds(60));
            run.appliesASignedWebhook("pi_boot_express");
        }
    }

    @Test
    @Order(6)
    void appRunnerServicePassesItsHealthCheckAndAppliesAWebhookInTheRequest() throws Exception {
        String stack = "ThreeWays-AppRunner";
        JsonNode service = app.resources(stack, "AWS::AppRunner::Service").values().iterator().next().path("Properties");
        JsonNode image = service.path("SourceConfiguration").path("ImageRepository");
        JsonNode config = image.path("ImageConfiguration");
        String hash = imageHash(local.string(stack, image.path("ImageIdentifier")));
        assertEquals("linux/amd64", app.asset(stack, hash).platform(), "App Runner runs x86-64 images only");
        JsonNode health = service.path("HealthCheckConfiguration");
        assertEquals("HTTP", health.path("Protocol").asString());
        try (var run = ContainerRun.start(this, stack, ImageRoot.build(app.asset(stack, hash).path()), config.path("StartCommand"),
                local.pairs(stack, config.path("RuntimeEnvironmentVariables"), "Name", "Value"),
                Integer.parseInt(config.path("Port").asString()), "apprunner")) {
            run.awaitHttp200(health.path("Path").asString(), Duration.ofSeconds(60));
            run.appliesASignedWebhook("pi_boot_apprunner");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // the Lambda way

    @Test
    @Order(7)
    void lambdaFunctionsTakeAWebhookThroughTheHttpApiApplyItFromTheQueueAndRunTheSchedule() throws Exception {
        String stack = "ThreeWays-Lambda";
        Map<String, JsonNode> functions = lambdaFunctions(stack);
        var byHandler = new LinkedHashMap<String, Map.Entry<String, JsonNode>>();
        functions.entrySet().forEach(f -> byHandler.put(f.getValue().path("Properties").path("Handler").asString(), f));
        JsonNode api = app.resources(stack, "AWS::ApiGatewayV2::Integration").values().iterator().next().path("Properties");
        assertEquals("2.0", api.path("PayloadFormatVersion").asString(), "HTTP API v2 events");
        var http = functionBehind(byHandler, api.path("IntegrationUri").toString());
        JsonNode mapping = app.resources(stack, "AWS::Lambda::EventSourceMapping").values().iterator().next().path("Properties");
        var queue = functionBehind(byHandler, mapping.path("FunctionName").toString());
        JsonNode rule = app.resources(stack, "AWS::Events::Rule").values().iterator().next().path("Properties");
        var schedule = functionBehind(byHandler, rule.path("Targets").toString());

        try (LambdaLocal fn = function(stack, http.getKey(), http.getValue())) {
            queuesASignedWebhook(fn, "pi_boot_lambda");
        }
        String queueUrl = local.string(stack, queue.getValue().path("Properties").path("Environment").path("Variables").path("QUEUE_URL"));
        String mappedQueue = local.string(stack, mapping.path("EventSourceArn"));
        assertTrue(mappedQueue.endsWith(queueUrl.substring(queueUrl.lastIndexOf('/') + 1)),
                "the event source mapping reads the queue the HTTP function writes: " + mappedQueue + " / " + queueUrl);
        try (LambdaLocal fn = function(stack, queue.getKey(), queue.getValue())) {
            var source = new SqsEventSource(sqs, queueUrl, fn);
            Waits.until("the queue function applied the webhook", Duration.ofSeconds(30),
                    () -> source.pollOnce() >= 0 && postgres.paymentStatus("pi_boot_lambda").equals("succeeded"));
        }
        try (LambdaLocal fn = function(stack, schedule.getKey(), schedule.getValue())) {
            InvokeResult result = fn.invoke("{\"version\":\"0\",\"id\":\"boot\",\"detail-type\":\"Scheduled Event\","
                    + "\"source\":\"aws.events\",\"account\":\"" + LocalResources.ACCOUNT + "\",\"time\":\"2026-11-26T00:00:00Z\","
                    + "\"region\":\"" + REGION + "\",\"resources\":[],\"detail\":{}}");
            assertTrue(result.isSuccess(), result.errorJson() + "\n" + result.logs());
        }
    }

    @Test
    @Order(8)
    void lambdaAsTheContainerImageQueuesAWebhookThroughItsHttpFunctionWithItsStartupArchiveMapped() throws Exception {
        SynthesizedApp variant = SynthesizedApp.synthesize(Map.of("runtimes", "lambda", "lambdaPackage", "image"));
        var variantLocal = localResources(variant);
        String stack = "ThreeWays-Lambda";
        var http = variant.resources(stack, "AWS::Lambda::Function").entrySet().stream()
                .filter(f -> f.getKey().startsWith("HttpFunction")).findFirst().orElseThrow();
        JsonNode p = http.getValue().path("Properties");
        // the image as docker build makes it from the staged asset: the jar, the runtime client, the training run's cache
        ImageRoot image = ImageRoot.build(variant.asset(stack, imageHash(variantLocal.string(stack, p.path("Code").path("ImageUri")))).path());
        var env = new LinkedHashMap<>(variantLocal.map(stack, p.path("Environment").path("Variables")));
        env.putAll(localAccess());
        LambdaLocal.Builder builder = LambdaFunctions.image(image, p.path("ImageConfig").path("Command").get(0).asString(),
                        postgres.equivalent(env))
                .functionName(http.getKey())
                .timeout(Duration.ofSeconds(p.path("Timeout").asInt(3)))
                .memoryMb(p.path("MemorySize").asInt(128))
                .region(REGION);
        var options = new ArrayList<>(builder.toConfig().jvmOptions());
        options.add("-Xlog:aot=info");
        try (LambdaLocal fn = builder.jvmOptions(options).build()) {
            InvokeResult result = queuesASignedWebhook(fn, "pi_boot_lambda_image");
            assertTrue(result.logs().contains("Opened AOT cache " + image.path("/var/task/app.aot")), result.logs());
        }
    }

    /** Sends a signed webhook through the HTTP API function; deployed, it answers once the event is on the queue. */
    private static InvokeResult queuesASignedWebhook(LambdaLocal fn, String intent) throws Exception {
        String event = StripeEvents.paymentIntent("evt_" + intent, "payment_intent.succeeded", 1, intent, 700, 700, "succeeded");
        var headers = new LinkedHashMap<String, String>();
        headers.put("content-type", "application/json");
        headers.put("stripe-signature", StripeEvents.signed(event).first("Stripe-Signature").orElseThrow());
        InvokeResult result = fn.invoke(HttpApiEvents.post("/webhooks/stripe", headers, event));
        assertTrue(result.isSuccess(), result.errorJson() + "\n" + result.logs());
        JsonNode response = Json.MAPPER.readTree(result.payload());
        assertEquals(200, response.path("statusCode").asInt(), response.toString());
        assertTrue(response.path("body").asString().contains("queued"), response.toString());
        return result;
    }

    /** The function a reference (an alias, a version, an ARN) in {@code reference} points at, by logical id. */
    private static Map.Entry<String, JsonNode> functionBehind(Map<String, Map.Entry<String, JsonNode>> byHandler, String reference) {
        String prefix = reference.replaceAll(".*?\"(Http|Queue|Schedule)(Function|Live)[^\"]*\".*", "$1");
        return byHandler.values().stream().filter(f -> f.getKey().startsWith(prefix + "Function"))
                .findFirst().orElseThrow(() -> new AssertionError("no function behind " + reference));
    }

    /** A function as its template says: its asset jar, handler, memory, timeout and environment, on the managed runtime's class path. */
    private LambdaLocal function(String stack, String logicalId, JsonNode function) {
        JsonNode p = function.path("Properties");
        String key = p.path("Code").path("S3Key").asString();
        Path jar = app.asset(stack, key.substring(0, key.lastIndexOf('.'))).path();
        var classpath = new ArrayList<Path>();
        classpath.add(jar);
        classpath.addAll(LambdaFunctions.managedRuntime());
        assertEquals("java25", p.path("Runtime").asString());
        var env = new LinkedHashMap<>(local.map(stack, p.path("Environment").path("Variables")));
        env.putAll(localAccess());
        return LambdaLocal.builder()
                .functionName(logicalId)
                .handler(p.path("Handler").asString())
                .classpath(classpath)
                .timeout(Duration.ofSeconds(p.path("Timeout").asInt(3)))
                .memoryMb(p.path("MemorySize").asInt(128))
                .region(REGION)
                .env(postgres.equivalent(env))
                .build();
    }

    /** What the platform gives a process besides the template's settings: credentials, and here the local endpoints. */
    Map<String, String> localAccess() {
        return Map.of(
                "AWS_ACCESS_KEY_ID", "local-role",
                "AWS_SECRET_ACCESS_KEY", "local-role",
                "AWS_ENDPOINT_URL_SQS", elasticMq.endpoint().toString(),
                "AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets.endpoint().toString());
    }

    LocalPostgres postgres() {
        return postgres;
    }

    // ---------------------------------------------------------------------------------------------
    // what the platforms would refuse before anything runs

    @Test
    void everyImageIsBuiltForTheArchitectureItsServiceRuns() {
        assertEquals(List.of("linux/amd64"), app.images("ThreeWays-AppRunner").stream().map(SynthesizedApp.Asset::platform).toList());
        assertEquals(List.of("linux/amd64"), app.images("ThreeWays-ExpressMode").stream().map(SynthesizedApp.Asset::platform).toList());
        assertEquals(List.of("linux/arm64"), app.images("ThreeWays-Fargate").stream().map(SynthesizedApp.Asset::platform).toList());
        for (JsonNode task : app.resources("ThreeWays-Fargate", "AWS::ECS::TaskDefinition").values()) {
            assertEquals("ARM64", task.path("Properties").path("RuntimePlatform").path("CpuArchitecture").asString());
        }
    }

    @Test
    void theShellHealthCheckThisProjectShippedBeforeCannotPassUnderDash() throws Exception {
        // ECS runs CMD-SHELL with /bin/sh, dash in the JRE image: bash's /dev/tcp does not exist there
        Process p = new ProcessBuilder("dash", "-c",
                "exec 3<>/dev/tcp/127.0.0.1/9 && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '")
                .redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue());
    }

    static int status(URI uri) {
        try {
            return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static HttpClient http() {
        return HTTP;
    }

    /**
     * The local PostgreSQL standing in for RDS and RDS Proxy: a fresh database of the templates' name,
     * owned by the secret's user; reached by the apps through TLS, as RDS requires it, with a TLS front
     * when the local server has none.
     */
    record LocalPostgres(String host, int port, String name, String password, int appPort) {
        private static final String ADMIN_URL = System.getenv().getOrDefault("TEST_JDBC_URL", "jdbc:postgresql://127.0.0.1:5432/test");

        static LocalPostgres fresh(String name) throws Exception {
            URI server = URI.create(ADMIN_URL.substring("jdbc:".length()));
            int port = server.getPort() < 0 ? 5432 : server.getPort();
            String password = "local-" + Long.toHexString(System.nanoTime());
            boolean tls;
            try (Connection c = admin(); var st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                try (ResultSet rs = st.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = 'threeways'")) {
                    st.execute((rs.next() ? "ALTER" : "CREATE") + " ROLE threeways LOGIN PASSWORD '" + password + "'");
                }
                st.execute("CREATE DATABASE " + name + " OWNER threeways");
                try (ResultSet rs = st.executeQuery("SHOW ssl")) {
                    tls = rs.next() && rs.getString(1).equals("on");
                }
            }
            // the front lives as long as this test JVM
            int appPort = tls ? port : TlsPostgresFront.start(server.getHost(), port).port();
            return new LocalPostgres(server.getHost(), port, name, password, appPort);
        }

        private static Connection admin() throws SQLException {
            var p = new Properties();
            p.setProperty("user", System.getenv().getOrDefault("TEST_JDBC_USER", "postgres"));
            p.setProperty("password", System.getenv().getOrDefault("TEST_JDBC_PASSWORD", ""));
            return DriverManager.getConnection(ADMIN_URL, p);
        }

        private Connection connect() throws SQLException {
            return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + name, "threeways", password);
        }

        int tables() throws SQLException {
            try (Connection c = connect(); var rs = c.createStatement().executeQuery(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
                rs.next();
                return rs.getInt(1);
            }
        }

        String paymentStatus(String id) {
            try (Connection c = connect(); var st = c.prepareStatement("SELECT status FROM payments WHERE payment_intent_id = ?")) {
                st.setString(1, id);
                try (ResultSet rs = st.executeQuery()) {
                    return rs.next() ? rs.getString(1) : "";
                }
            } catch (SQLException e) {
                return "";
            }
        }

        /** The templates' DATABASE_URL, as it is ({@code sslmode=require} included), at the local server's TLS port. */
        Map<String, String> equivalent(Map<String, String> env) {
            var out = new LinkedHashMap<>(env);
            out.computeIfPresent("DATABASE_URL", (k, url) -> {
                assertTrue(url.contains("sslmode=require"), "the app reaches RDS over TLS: " + url);
                return url.replace(host + ":5432/", host + ":" + appPort + "/");
            });
            return out;
        }
    }
}
