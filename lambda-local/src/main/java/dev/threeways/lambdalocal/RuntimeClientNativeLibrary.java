package dev.threeways.lambdalocal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The runtime interface client's JNI library (its libcurl-based Runtime API client), copied out of the function's
 * classpath to a path of our own.
 *
 * <p>Left to itself the client unpacks the library to the fixed path {@code /tmp/.libaws-lambda-jni.so} on every
 * start, so runtimes starting side by side overwrite the file while another is loading it. Given the system property
 * {@value #JNI_PROPERTY} it loads that file instead and writes nothing.
 */
final class RuntimeClientNativeLibrary {

    /** The property the client's {@code JniHelper} reads before falling back to unpacking. */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";

    private static final String RUNTIME_CLIENT_ARTIFACT = "com.amazonaws:aws-lambda-java-runtime-interface-client";

    private RuntimeClientNativeLibrary() {
    }

    /**
     * Finds the library for this platform on the classpath and copies it into {@code directory}.
     *
     * @return the copied file, to pass as {@code -D}{@value #JNI_PROPERTY}
     */
    static Path extract(List<Path> classpath, Path directory) {
        String entryName = "jni/" + libraryFileName();
        Path target = directory.resolve("libaws-lambda-jni.so");
        try {
            for (Path element : classpath) {
                if (Files.isDirectory(element)) {
                    Path candidate = element.resolve(entryName);
                    if (Files.isRegularFile(candidate)) {
                        Files.copy(candidate, target, StandardCopyOption.REPLACE_EXISTING);
                        return target;
                    }
                } else if (Files.isRegularFile(element) && element.getFileName().toString().endsWith(".jar")) {
                    try (ZipFile jar = new ZipFile(element.toFile())) {
                        ZipEntry entry = jar.getEntry(entryName);
                        if (entry != null) {
                            try (InputStream in = jar.getInputStream(entry)) {
                                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                            }
                            return target;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not copy the runtime interface client's " + entryName + " to " + target, e);
        }
        throw new IllegalStateException("the function classpath has no " + entryName + ": add " + RUNTIME_CLIENT_ARTIFACT
                + " (the runtime interface client) to it; classpath was " + classpath);
    }

    /**
     * The file name the client ships for this OS, CPU and C library, e.g. {@code libaws-lambda-jni.linux-x86_64.so}
     * (the others: {@code linux-aarch_64}, {@code linux_musl-x86_64}, {@code linux_musl-aarch_64}).
     */
    static String libraryFileName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("the runtime interface client ships its native library for Linux only; this is "
                    + System.getProperty("os.name"));
        }
        String arch = switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch_64";
            default -> throw new IllegalStateException("the runtime interface client ships no native library for CPU "
                    + System.getProperty("os.arch"));
        };
        return "libaws-lambda-jni." + (isMusl() ? "linux_musl-" : "linux-") + arch + ".so";
    }

    /** Alpine and other musl systems have a musl dynamic loader, {@code /lib/ld-musl-<arch>.so.1}. */
    private static boolean isMusl() {
        try (DirectoryStream<Path> loaders = Files.newDirectoryStream(Path.of("/lib"), "ld-musl-*")) {
            return loaders.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }
}
