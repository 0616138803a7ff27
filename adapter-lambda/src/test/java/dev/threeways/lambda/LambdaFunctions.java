package dev.threeways.lambda;

import dev.threeways.lambdalocal.LambdaLocal;
import dev.threeways.server.testing.ImageRoot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Functions made of the deployable artifact, run by the real runtime interface client under
 * lambda-local: the class path is the built jar plus what Lambda's managed Java runtime provides
 * (the runtime client and its serialization library), nothing from this module's build.
 */
public final class LambdaFunctions {
    static final String RUNTIME_CLIENT_MAIN = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    /** One class from each jar Lambda's managed Java runtime puts beside a function. */
    private static final List<String> MANAGED_RUNTIME_CLASSES = List.of(
            "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    private LambdaFunctions() {}

    private static Path jarOf(String className) {
        try {
            return Path.of(Class.forName(className).getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (ReflectiveOperationException | java.net.URISyntaxException e) {
            throw new IllegalStateException("not on the test class path: " + className, e);
        }
    }

    /** The built jar (failsafe's {@code app.jar}) and the runtime client's jars from this JVM's class path. */
    public static List<Path> artifactClasspath() {
        String jar = System.getProperty("app.jar", "adapter-lambda/target/three-ways-lambda.jar");
        Path artifact = Path.of(jar);
        if (!Files.isRegularFile(artifact)) {
            artifact = Path.of("target/three-ways-lambda.jar");
        }
        if (!Files.isRegularFile(artifact)) {
            throw new IllegalStateException("the Lambda artifact is not built: " + jar + " (run ./mvnw package)");
        }
        var classpath = new ArrayList<Path>();
        classpath.add(artifact.toAbsolutePath());
        classpath.addAll(managedRuntime());
        return classpath;
    }

    /** What Lambda's managed Java runtime puts beside a function's own code. */
    public static List<Path> managedRuntime() {
        // found by class, not by java.class.path, so this also works under exec:java's class loader
        return MANAGED_RUNTIME_CLASSES.stream().map(LambdaFunctions::jarOf).toList();
    }

    /** The artifact plus this module's test classes, for the constant-answer baseline. */
    public static List<Path> withTestClasses() {
        var classpath = new ArrayList<>(artifactClasspath());
        try {
            classpath.add(Path.of(ConstantHttpHandler.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return classpath;
    }

    /**
     * The function as its container image runs it (the image built by {@link ImageRoot}): the ENTRYPOINT's
     * JVM options and class path, the CMD as the handler, and nothing of the managed runtime's.
     */
    public static LambdaLocal.Builder image(ImageRoot image, Map<String, String> env) {
        return image(image, image.cmd().getFirst(), env);
    }

    /** As {@link #image(ImageRoot, Map)}, with the function's own command (the template's ImageConfig) as the handler. */
    public static LambdaLocal.Builder image(ImageRoot image, String handler, Map<String, String> env) {
        List<String> entrypoint = image.map(image.entrypoint());
        int cp = entrypoint.indexOf("-cp");
        if (!entrypoint.getFirst().equals("java") || cp < 0 || !entrypoint.getLast().equals(RUNTIME_CLIENT_MAIN)) {
            throw new IllegalStateException("the image's ENTRYPOINT is not `java ... -cp ... " + RUNTIME_CLIENT_MAIN + "`: " + entrypoint);
        }
        List<Path> classpath = java.util.Arrays.stream(entrypoint.get(cp + 1).split(":")).map(Path::of).toList();
        return function(handler, classpath, env).containerImage().jvmOptions(entrypoint.subList(1, cp));
    }

    public static LambdaLocal.Builder function(String handler, List<Path> classpath, Map<String, String> env) {
        return LambdaLocal.builder()
                .functionName("three-ways")
                .handler(handler)
                .classpath(classpath)
                .timeout(Duration.ofSeconds(15))
                .memoryMb(1024)
                .env(env);
    }
}
