package dev.threeways.lambda;

import dev.threeways.lambdalocal.LambdaLocal;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Functions made of the deployable artifact, run by the real runtime interface client under
 * lambda-local: the class path is the built jar plus what Lambda's managed Java runtime provides
 * (the runtime client and its serialization library), nothing from this module's build.
 */
public final class LambdaFunctions {
    private LambdaFunctions() {}

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
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.contains("aws-lambda-java-runtime-interface-client") || e.contains("aws-lambda-java-serialization")
                        || e.contains("utils-lite"))
                .map(Path::of)
                .forEach(classpath::add);
        return classpath;
    }

    /** The artifact plus this module's test classes, for the constant-answer baseline. */
    public static List<Path> withTestClasses() {
        var classpath = new ArrayList<>(artifactClasspath());
        Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(e -> e.endsWith("test-classes"))
                .map(Path::of)
                .forEach(classpath::add);
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
