package dev.threeways.lambdalocal;

import static dev.threeways.lambdalocal.TestFunctions.function;
import static dev.threeways.lambdalocal.TestFunctions.json;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.lambdalocal.handlers.ConstantHandler;
import dev.threeways.lambdalocal.handlers.EchoHandler;
import dev.threeways.lambdalocal.handlers.ExitingInitHandler;
import dev.threeways.lambdalocal.handlers.FailingInitHandler;
import dev.threeways.lambdalocal.handlers.ScriptedHandler;
import dev.threeways.lambdalocal.handlers.SlowInitHandler;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Each test starts its own function, so every environment count and cold start it asserts is its own. */
class LambdaLocalTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private LambdaLocal fn;

    @AfterEach
    void closeFunction() {
        if (fn != null) {
            fn.close();
        }
    }

    @Test
    void streamHandlerGetsTheEventBytesAndItsOutputIsThePayload() {
        fn = function(EchoHandler.class).build();
        byte[] event = "{\"text\":\"grüße, 日本\",\"n\":[1,2,3]}".getBytes(UTF_8);

        InvokeResult result = fn.invoke(event);

        assertEquals(InvokeStatus.SUCCESS, result.status(), result::toString);
        assertArrayEquals(event, result.payload());
        assertEquals("", result.errorJson());
    }

    @Test
    void pojoHandlerReturnsItsConstantAsJson() {
        fn = function(ConstantHandler.class).build();

        InvokeResult result = fn.invoke("{}");

        assertEquals(InvokeStatus.SUCCESS, result.status(), result::toString);
        assertEquals(ConstantHandler.GREETING, json(result.payload()).get("greeting").asString());
    }

    @Test
    void afterInitIsToldTheRuntimeJvmOnceWhenItsInitEndsBeforeTheEventIsHandedOver() {
        var told = new java.util.concurrent.CopyOnWriteArrayList<Long>();
        fn = function(ScriptedHandler.class).afterInit(told::add).build();

        InvokeResult cold = fn.invoke(describe());
        List<Long> byTheColdAnswer = List.copyOf(told);
        InvokeResult warm = fn.invoke(describe());

        assertEquals(InvokeStatus.SUCCESS, cold.status(), cold::toString);
        assertEquals(InvokeStatus.SUCCESS, warm.status(), warm::toString);
        assertEquals(List.of(pid(cold)), byTheColdAnswer, "told by the time the cold invoke answered, with the JVM that served it");
        assertEquals(List.of(pid(cold)), told, "once: a warm invoke is no init");
    }

    @Test
    void firstInvokeIsAColdStartAndTheNextReusesTheWarmEnvironment() {
        fn = function(ScriptedHandler.class).env("GREETING", "hi from the caller").build();

        InvokeResult cold = fn.invoke(describe());
        InvokeResult warm = fn.invoke(describe());

        assertEquals(InvokeStatus.SUCCESS, cold.status(), cold::toString);
        assertEquals(InvokeStatus.SUCCESS, warm.status(), warm::toString);
        assertEquals(cold.environmentId(), warm.environmentId());
        assertEquals(pid(cold), pid(warm), "the same runtime JVM served both");
        assertEquals(1, fn.environments().size());

        assertTrue(cold.report().initDuration().isPresent(), "a cold start reports its init duration");
        assertTrue(cold.report().initDuration().get().toMillis() > 0);
        assertTrue(cold.report().toLogLine().contains("\tInit Duration: "), cold.report()::toLogLine);
        assertTrue(warm.report().initDuration().isEmpty(), "a warm invoke has no init");
        assertFalse(warm.report().toLogLine().contains("Init Duration"), warm.report()::toLogLine);

        // what the handler saw: the request id, Lambda's context and environment
        JsonNode seen = json(warm.payload());
        assertEquals(warm.requestId(), seen.get("requestId").asString());
        assertEquals("test-function", seen.get("functionName").asString());
        assertEquals("arn:aws:lambda:us-east-1:000000000000:function:test-function", seen.get("functionArn").asString());
        assertEquals(256, seen.get("memoryLimitMb").asInt());
        assertEquals("hi from the caller", seen.get("greeting").asString());
        assertEquals("on-demand", seen.get("initializationType").asString(), "as Lambda sets it for an on-demand init");
        assertEquals(seen.get("taskRoot").asString(), seen.get("workingDirectory").asString());
        assertTrue(seen.get("traceId").asString().startsWith("Root=1-"), seen::toString);
        long remaining = seen.get("remainingMillis").asLong();
        assertTrue(remaining > 0 && remaining <= 5_000, "remaining time counts down from the 5 s timeout: " + remaining);

        InvokeReport report = warm.report();
        assertEquals(warm.requestId(), report.requestId());
        assertEquals(256, report.memorySizeMb());
        assertTrue(report.maxMemoryUsedMb() > 0, "peak RSS is read from /proc");
        assertTrue(report.billedDurationMs() >= report.duration().toMillis());
        assertTrue(report.toLogLine().matches("REPORT RequestId: " + warm.requestId()
                + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\tMemory Size: 256 MB\tMax Memory Used: \\d+ MB"),
                report::toLogLine);

        // the invoke's logs: the handler's own line between Lambda's START and REPORT lines
        assertTrue(warm.logs().startsWith("START RequestId: " + warm.requestId() + " Version: $LATEST\n"), warm::logs);
        assertTrue(warm.logs().contains("scripted handler did describe for " + warm.requestId()), warm::logs);
        assertTrue(warm.logs().contains("END RequestId: " + warm.requestId() + "\n" + report.toLogLine()), warm::logs);
        String environmentLog = fn.environmentLog(warm.environmentId());
        assertTrue(environmentLog.contains(cold.report().toLogLine()), environmentLog);
        assertFalse(environmentLog.contains("WARNING"), "the JVM options keep JDK warnings out of the log: " + environmentLog);
    }

    @Test
    void concurrentInvokesStartAnEnvironmentEachAndCloseKillsThemAll() throws Exception {
        fn = function(ScriptedHandler.class).build();
        ExecutorService callers = Executors.newFixedThreadPool(2);
        List<InvokeResult> results;
        try {
            CountDownLatch ready = new CountDownLatch(2);
            Future<InvokeResult> first = callers.submit(() -> {
                ready.countDown();
                ready.await();
                return fn.invoke(sleep(1_500));
            });
            Future<InvokeResult> second = callers.submit(() -> {
                ready.countDown();
                ready.await();
                return fn.invoke(sleep(1_500));
            });
            results = List.of(first.get(WAIT.toSeconds(), TimeUnit.SECONDS), second.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } finally {
            callers.shutdownNow();
        }

        for (InvokeResult result : results) {
            assertEquals(InvokeStatus.SUCCESS, result.status(), result::toString);
            assertTrue(result.report().initDuration().isPresent(), "each was a cold start");
        }
        assertNotEquals(results.get(0).environmentId(), results.get(1).environmentId());
        assertNotEquals(pid(results.get(0)), pid(results.get(1)));
        List<EnvironmentInfo> environments = fn.environments();
        assertEquals(2, environments.size());
        assertTrue(environments.stream().noneMatch(EnvironmentInfo::busy));

        fn.close();

        for (EnvironmentInfo environment : environments) {
            assertFalse(ProcessHandle.of(environment.pid()).map(ProcessHandle::isAlive).orElse(false),
                    "close() killed " + environment);
            assertFalse(Files.exists(environment.logFile()), "close() removed " + environment.logFile());
        }
        assertTrue(fn.environments().isEmpty());
    }

    @Test
    void handlerExceptionIsAFunctionErrorInLambdasShapeAndTheEnvironmentStaysUsable() {
        fn = function(ScriptedHandler.class).build();

        InvokeResult failed = fn.invoke("{\"action\":\"throw\",\"message\":\"no such order\"}");
        InvokeResult next = fn.invoke(describe());

        assertEquals(InvokeStatus.FUNCTION_ERROR, failed.status(), failed::toString);
        assertTrue(failed.status().isFunctionError());
        JsonNode error = json(failed.errorJson());
        assertEquals("asked to fail: no such order", error.get("errorMessage").asString());
        assertEquals("java.lang.IllegalStateException", error.get("errorType").asString());
        assertTrue(error.get("stackTrace").isArray() && !error.get("stackTrace").isEmpty(), error::toString);
        assertEquals("Runtime.UserException", failed.runtimeErrorType());
        assertEquals(0, failed.payload().length);
        assertArrayEquals(failed.errorJson().getBytes(UTF_8), failed.invokeResponseBody());

        assertEquals(InvokeStatus.SUCCESS, next.status(), next::toString);
        assertEquals(failed.environmentId(), next.environmentId(), "a function error does not cost the environment");
        assertTrue(next.report().initDuration().isEmpty());
    }

    @Test
    void handlerPastTheTimeoutIsReportedAsLambdaDoesAndItsEnvironmentReplaced() {
        fn = function(ScriptedHandler.class).timeout(Duration.ofSeconds(1)).build();
        InvokeResult first = fn.invoke(describe());
        long firstPid = pid(first);

        long started = System.nanoTime();
        InvokeResult timedOut = fn.invoke(sleep(20_000));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(InvokeStatus.TIMEOUT, timedOut.status(), timedOut::toString);
        assertEquals(first.environmentId(), timedOut.environmentId(), "the warm environment took it");
        assertTrue(waited.toMillis() < 5_000, "the invoke ended at the timeout, not when the handler did: " + waited);
        assertTrue(timedOut.report().duration().toMillis() >= 1_000, timedOut.report()::toLogLine);
        JsonNode error = json(timedOut.errorJson());
        assertEquals("Sandbox.Timedout", error.get("errorType").asString());
        assertEquals("RequestId: " + timedOut.requestId() + " Error: Task timed out after 1.00 seconds",
                error.get("errorMessage").asString());
        assertEquals("Sandbox.Timedout", timedOut.runtimeErrorType());
        assertTrue(timedOut.logs().contains("Task timed out after 1.00 seconds"), timedOut::logs);
        assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false), "the runtime was killed");
        assertTrue(fn.environments().isEmpty(), "and its environment discarded");

        InvokeResult after = fn.invoke(describe());
        assertEquals(InvokeStatus.SUCCESS, after.status(), after::toString);
        assertNotEquals(first.environmentId(), after.environmentId());
        assertTrue(after.report().initDuration().isPresent(), "the next invoke is a cold start");
    }

    @Test
    void systemExitIsARuntimeExitErrorAndTheNextInvokeGetsANewEnvironment() {
        fn = function(ScriptedHandler.class).build();

        InvokeResult exited = fn.invoke("{\"action\":\"exit\",\"status\":3}");
        InvokeResult next = fn.invoke(describe());

        assertEquals(InvokeStatus.RUNTIME_EXIT, exited.status(), exited::toString);
        JsonNode error = json(exited.errorJson());
        assertEquals("Runtime.ExitError", error.get("errorType").asString());
        assertEquals("RequestId: " + exited.requestId() + " Error: Runtime exited with error: exit status 3",
                error.get("errorMessage").asString());
        assertTrue(exited.report().initDuration().isPresent(), "it was the environment's first invoke");

        assertEquals(InvokeStatus.SUCCESS, next.status(), next::toString);
        assertNotEquals(exited.environmentId(), next.environmentId());
        assertTrue(next.report().initDuration().isPresent());
    }

    @Test
    void fatalErrorIsReportedThenTheRuntimeEndsAndTheNextInvokeStartsAfresh() {
        fn = function(ScriptedHandler.class).build();

        InvokeResult fatal = fn.invoke("{\"action\":\"fatal\"}");
        InvokeResult next = fn.invoke(describe());

        // the client reports a VirtualMachineError as a function error, then leaves its loop and the JVM ends
        assertEquals(InvokeStatus.FUNCTION_ERROR, fatal.status(), fatal::toString);
        assertEquals("java.lang.OutOfMemoryError", json(fatal.errorJson()).get("errorType").asString());
        assertEquals(InvokeStatus.SUCCESS, next.status(), next::toString);
        assertNotEquals(fatal.environmentId(), next.environmentId());
        assertTrue(next.report().initDuration().isPresent());
    }

    @Test
    void runtimeThatExitsDuringInitIsARuntimeExitError() {
        fn = function(ExitingInitHandler.class).build();

        InvokeResult result = fn.invoke("{}");

        assertEquals(InvokeStatus.RUNTIME_EXIT, result.status(), result::toString);
        assertEquals("RequestId: " + result.requestId() + " Error: Runtime exited with error: exit status 2",
                json(result.errorJson()).get("errorMessage").asString());
        assertTrue(result.report().initDuration().isPresent(), "the init ended, by exiting");
        assertEquals(Duration.ZERO, result.report().duration(), "the event was never handed over");
        assertTrue(fn.environments().isEmpty());
    }

    @Test
    void handlerThatCannotBeConstructedIsAnInitErrorNotAHang() {
        fn = function(FailingInitHandler.class).build();

        InvokeResult result = fn.invoke("{}");

        assertEquals(InvokeStatus.INIT_ERROR, result.status(), result::toString);
        JsonNode error = json(result.errorJson());
        assertTrue(error.get("errorMessage").asString().contains("no configuration for this function"), error::toString);
        assertEquals("java.lang.IllegalStateException", error.get("errorType").asString());
        assertEquals("Runtime.BadFunctionCode", result.runtimeErrorType());
        assertTrue(result.report().initDuration().isPresent());
        assertEquals(Duration.ZERO, result.report().duration(), "the event was never handed over");
        assertTrue(fn.environments().isEmpty(), "a failed environment is discarded");

        InvokeResult again = fn.invoke("{}");
        assertEquals(InvokeStatus.INIT_ERROR, again.status(), "every new environment fails the same way");
        assertNotEquals(result.environmentId(), again.environmentId());
    }

    @Test
    void handlerClassThatDoesNotExistIsReportedAtTheFirstInvokeNotAHang() {
        // the client does not treat a missing class as fatal: it starts, asks for the event and answers it with
        // the ClassNotFoundException, as Lambda does ("Class not found: ...")
        fn = function("dev.threeways.lambdalocal.handlers.DoesNotExist::handleRequest").build();

        InvokeResult result = fn.invoke("{}");

        assertEquals(InvokeStatus.FUNCTION_ERROR, result.status(), result::toString);
        JsonNode error = json(result.errorJson());
        assertEquals("Class not found: dev.threeways.lambdalocal.handlers.DoesNotExist", error.get("errorMessage").asString());
        assertEquals("java.lang.ClassNotFoundException", error.get("errorType").asString());
        assertEquals("Runtime.BadFunctionCode", result.runtimeErrorType());
    }

    @Test
    void runtimeThatNeverAsksForAnEventFailsAtTheInitTimeout() {
        fn = function(SlowInitHandler.class).initTimeout(Duration.ofSeconds(2)).build();

        long started = System.nanoTime();
        InvokeResult result = fn.invoke("{}");
        Duration waited = Duration.ofNanos(System.nanoTime() - started);

        assertEquals(InvokeStatus.TIMEOUT, result.status(), result::toString);
        assertEquals("Sandbox.Timedout", json(result.errorJson()).get("errorType").asString());
        assertTrue(waited.toMillis() < 8_000, "bounded by the init timeout: " + waited);
        assertTrue(fn.environments().isEmpty(), "the stuck environment was killed");
    }

    @Test
    void invokeBeyondMaxConcurrencyIsThrottled() throws Exception {
        fn = function(ScriptedHandler.class).maxConcurrency(1).build();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try {
            Future<InvokeResult> busy = caller.submit(() -> fn.invoke(sleep(3_000)));
            waitUntil(() -> !fn.environments().isEmpty(), Duration.ofSeconds(10));

            InvokeResult throttled = fn.invoke(describe());

            assertEquals(InvokeStatus.THROTTLED, throttled.status(), throttled::toString);
            assertEquals("TooManyRequestsException", json(throttled.errorJson()).get("errorType").asString());
            assertEquals(InvokeStatus.SUCCESS, busy.get(WAIT.toSeconds(), TimeUnit.SECONDS).status());
        } finally {
            caller.shutdownNow();
        }
    }

    private static String describe() {
        return "{\"action\":\"describe\"}";
    }

    private static String sleep(long millis) {
        return "{\"action\":\"sleep\",\"millis\":" + millis + "}";
    }

    private static long pid(InvokeResult result) {
        return json(result.payload()).get("pid").asLong();
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, Duration atMost) throws InterruptedException {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + atMost);
            }
            Thread.sleep(20);
        }
    }
}
