package dev.threeways.server.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What a container way's image promises about its start-up archive, run on the module's own build
 * context as {@code docker build} would make it ({@link ImageRoot}: the jar copied, the training run
 * run): the build makes the cache, the ENTRYPOINT maps it, and a cache the JVM cannot use — from
 * another JDK build, or damaged — costs the start its speed, never the start itself.
 */
public abstract class StartupArchiveContract {
    /** Where the image keeps its cache. */
    public static final String CACHE = "/app/app.aot";

    private final HttpClient http = HttpClient.newHttpClient();

    /** The image's CMD as the platform passes it (empty for the image's own). */
    protected abstract List<String> command();

    private static ImageRoot image() {
        return ImageRoot.build(Path.of("."));
    }

    @Test
    void theEntrypointMapsTheCacheTheTrainingRunMakesAfterTheJarIsCopied() {
        List<Dockerfile.Instruction> lines = Dockerfile.read(Path.of("Dockerfile"));
        int copy = indexOf(lines, l -> l.keyword().equals("COPY") && l.args().endsWith("/app/app.jar"));
        int run = indexOf(lines, l -> l.keyword().equals("RUN") && l.args().contains("-XX:AOTCacheOutput=" + CACHE));
        assertTrue(copy >= 0 && run > copy,
                "the training runs after the jar is copied, so a new jar always makes a new cache (a cache is not "
                        + "rejected when only the jar changed on JDK 25.0.3: JDK-8377932)");
        List<String> training = Dockerfile.execForm(lines.get(run).args());
        assertEquals(List.of("-jar", "/app/app.jar", "train"), training.subList(training.size() - 3, training.size()),
                "the training run is the jar's own train entry point: " + training);
        List<String> entrypoint = Dockerfile.entrypoint(Path.of("Dockerfile"));
        assertTrue(entrypoint.contains("-XX:AOTCache=" + CACHE), entrypoint.toString());
        // the options that shape the heap and the classes must be the same in training and at start
        assertEquals(jvmOptions(training).stream().filter(o -> !o.startsWith("-XX:AOTCacheOutput")).toList(),
                jvmOptions(entrypoint).stream().filter(o -> !o.startsWith("-XX:AOTCache=") && !o.equals("-XX:+ExitOnOutOfMemoryError")).toList());
    }

    @Test
    void theImageBuildMakesTheCacheAndTheEntrypointMapsIt() throws Exception {
        ImageRoot image = image();
        Path cache = image.path(CACHE);
        assertTrue(Files.size(cache) > 1_000_000, "a cache of the app's classes: " + Files.size(cache) + " bytes");
        try (Stream<Path> files = Files.list(cache.getParent())) {
            assertEquals(List.of("app.aot", "app.jar"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "the training leaves nothing else in the image");
        }
        try (JarProcess app = start(image, entrypointWith(image, List.of("-Xlog:aot=info")), "archive-mapped")) {
            app.awaitFirst200("/hello?name=archive", Duration.ofSeconds(60));
            assertTrue(app.log().contains("Opened AOT cache " + cache), app.log());
            assertFalse(app.log().contains("Unable to map"), app.log());
            assertEquals("{\"message\":\"hello, archive\"}", http.send(HttpRequest.newBuilder(app.uri("/hello?name=archive")).build(),
                    BodyHandlers.ofString()).body());
            app.sigterm();
            assertEquals(0, app.awaitExit(Duration.ofSeconds(30)));
        }
    }

    @Test
    void aCacheFromAnotherJdkBuildIsIgnoredAndTheAppStarts() throws Exception {
        startsIgnoring(image(), AotCaches.fromAnotherJdkBuild(image().path(CACHE)), AotCaches.OTHER_JDK_BUILD);
    }

    @Test
    void aDamagedCacheIsIgnoredAndTheAppStarts() throws Exception {
        startsIgnoring(image(), AotCaches.damaged(image().path(CACHE)), AotCaches.UNUSABLE);
    }

    private void startsIgnoring(ImageRoot image, Path cache, String why) throws Exception {
        List<String> argv = entrypointWith(image, List.of()).stream()
                .map(a -> a.startsWith("-XX:AOTCache=") ? "-XX:AOTCache=" + cache : a).toList();
        try (JarProcess app = start(image, argv, "archive-ignored")) {
            app.awaitFirst200("/hello?name=still", Duration.ofSeconds(60));
            assertTrue(app.log().contains(why), app.log());
            assertEquals(200, http.send(HttpRequest.newBuilder(app.uri("/readyz")).build(), BodyHandlers.discarding()).statusCode());
            app.sigterm();
            assertEquals(0, app.awaitExit(Duration.ofSeconds(30)));
        }
    }

    /** The image's ENTRYPOINT and command, with {@code options} right after {@code java}, mapped to the local root. */
    private List<String> entrypointWith(ImageRoot image, List<String> options) {
        var argv = new ArrayList<String>();
        argv.add(JarProcess.javaTool("java"));
        argv.addAll(options);
        argv.addAll(image.map(image.entrypoint().subList(1, image.entrypoint().size())));
        argv.addAll(command().isEmpty() ? image.cmd() : command());
        return argv;
    }

    private static JarProcess start(ImageRoot image, List<String> argv, String name) throws IOException {
        return JarProcess.launch(argv, Map.of("PORT", String.valueOf(JarProcess.freePort())), name, image.workdir());
    }

    private static List<String> jvmOptions(List<String> javaCommand) {
        return javaCommand.subList(1, javaCommand.indexOf("-jar"));
    }

    private static <T> int indexOf(List<T> list, java.util.function.Predicate<T> test) {
        for (int i = 0; i < list.size(); i++) {
            if (test.test(list.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
