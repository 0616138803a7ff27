package dev.threeways.lambda;

import dev.threeways.lambdalocal.LambdaLocal;
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
