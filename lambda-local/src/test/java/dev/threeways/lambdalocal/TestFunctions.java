package dev.threeways.lambdalocal;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Functions made of the handlers in this module's test sources, run on the test JVM's own classpath. */
final class TestFunctions {

    static final ObjectMapper JSON = new ObjectMapper();

    private TestFunctions() {
    }

    /** The test classpath holds the handlers, aws-lambda-java-core and the runtime interface client. */
    static List<Path> testClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank())
                .map(Path::of)
                .toList();
    }

    static LambdaLocal.Builder function(Class<?> handlerClass) {
        return function(handlerClass.getName() + "::handleRequest");
    }

    static LambdaLocal.Builder function(String handler) {
        return LambdaLocal.builder()
                .functionName("test-function")
                .handler(handler)
                .classpath(testClasspath())
                .timeout(Duration.ofSeconds(5))
                .memoryMb(256);
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static JsonNode json(byte[] bytes) {
        return JSON.readTree(bytes);
    }
}
