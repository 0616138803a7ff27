package dev.threeways.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threeways.lambdalocal.InvokeResult;
import dev.threeways.lambdalocal.LambdaLocal;
import dev.threeways.server.testing.AotCaches;
import dev.threeways.server.testing.Dockerfile;
import dev.threeways.server.testing.ImageRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The function's container image and its start-up archive, built from this module's Dockerfile as
 * {@code docker build} would (the training run run) and run by the real runtime interface client under
 * lambda-local as Lambda runs an image: its ENTRYPOINT, its CMD as the handler.
 */
class StartupArchiveIT {
    private static final String CACHE = "/var/task/app.aot";
    private static final Map<String, String> EMBEDDED = Map.of("LOG_LEVEL", "WARN");

    private static ImageRoot image() {
        return ImageRoot.build(Path.of("."));
    }

    @Test
    void trainingAndStartUseTheSameJvmOptionsAndClassPathAndTheDeployedHandler() {
        List<Dockerfile.Instruction> lines = Dockerfile.read(Path.of("Dockerfile"));
        List<String> training = lines.stream().filter(l -> l.keyword().equals("RUN")).map(l -> Dockerfile.execForm(l.args()))
                .filter(argv -> argv.contains("-XX:AOTCacheOutput=" + CACHE)).findFirst().orElseThrow();
        List<String> entrypoint = Dockerfile.entrypoint(Path.of("Dockerfile"));
        // a cache is used only by a JVM started with the class path it was made with
        assertEquals(withoutMain(training).stream().filter(o -> !o.startsWith("-XX:AOTCacheOutput=")).toList(),
                withoutMain(entrypoint).stream().filter(o -> !o.startsWith("-XX:AOTCache=")).toList());
        assertTrue(entrypoint.contains("-XX:AOTCache=" + CACHE), entrypoint.toString());
        assertEquals(StartupTraining.class.getName(), training.getLast());
        assertEquals(List.of("dev.threeways.lambda.HttpApiStreamHandler::handleRequest"), image().cmd(),
                "the image runs the handler the stack deploys");
    }

    @Test
    void theImageBuildMakesTheCacheAndAColdStartMapsIt() throws Exception {
        Path cache = image().path(CACHE);
        assertTrue(Files.size(cache) > 1_000_000, "a cache of the function's classes: " + Files.size(cache) + " bytes");
        InvokeResult r = coldStart(List.of("-Xlog:aot=info"), null);
        assertTrue(r.logs().contains("Opened AOT cache " + cache), r.logs());
        assertFalse(r.logs().contains("Unable to map"), r.logs());
    }

    @Test
    void aCacheFromAnotherJdkBuildIsIgnoredAndTheFunctionStarts() throws Exception {
        InvokeResult r = coldStart(List.of(), AotCaches.fromAnotherJdkBuild(image().path(CACHE)));
        assertTrue(r.logs().contains(AotCaches.OTHER_JDK_BUILD), r.logs());
    }

    @Test
    void aDamagedCacheIsIgnoredAndTheFunctionStarts() throws Exception {
        InvokeResult r = coldStart(List.of(), AotCaches.damaged(image().path(CACHE)));
        assertTrue(r.logs().contains(AotCaches.UNUSABLE), r.logs());
    }

    /** One cold start of the image's function, {@code GET /hello}, with {@code options} added and the cache replaced if given. */
    private static InvokeResult coldStart(List<String> options, Path cache) {
        LambdaLocal.Builder builder = LambdaFunctions.image(image(), EMBEDDED);
        List<String> jvm = new ArrayList<>(builder.toConfig().jvmOptions().stream()
                .map(o -> cache != null && o.startsWith("-XX:AOTCache=") ? "-XX:AOTCache=" + cache : o).toList());
        jvm.addAll(options);
        try (LambdaLocal function = builder.jvmOptions(jvm).build()) {
            InvokeResult r = function.invoke(HttpApiEvents.get("/hello", "name=image"));
            assertTrue(r.isSuccess(), r.status() + " " + r.errorJson() + "\n" + r.logs());
            assertTrue(r.payloadUtf8().contains("hello, image"), r.payloadUtf8());
            assertTrue(r.report().initDuration().isPresent(), "a cold start");
            return r;
        }
    }

    private static List<String> withoutMain(List<String> javaCommand) {
        return javaCommand.subList(1, javaCommand.size() - 1);
    }
}
