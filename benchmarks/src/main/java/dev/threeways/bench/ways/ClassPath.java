package dev.threeways.bench.ways;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * This JVM's class path as files, with the {@code Class-Path} of a jar's manifest followed (the bench
 * jar names its libraries there), so a floor process can be given only the jars it needs: a floor
 * started with a hundred jars it never touches would not be a floor.
 */
final class ClassPath {
    private ClassPath() {}

    static List<Path> entries() {
        var all = new LinkedHashSet<Path>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                add(Path.of(entry).toAbsolutePath().normalize(), all);
            }
        }
        return List.copyOf(all);
    }

    private static void add(Path entry, Set<Path> all) {
        if (!all.add(entry) || !entry.toString().endsWith(".jar") || !Files.isRegularFile(entry)) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            var manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (classPath == null) {
                return;
            }
            for (String relative : classPath.trim().split("\\s+")) {
                Path resolved = relative.startsWith("file:") ? Path.of(java.net.URI.create(relative))
                        : entry.getParent().resolve(relative);
                add(resolved.toAbsolutePath().normalize(), all);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the manifest of " + entry, e);
        }
    }

    /**
     * A jar holding only {@code main}'s class file, then the entries whose file name starts with one of
     * {@code prefixes}. The class is copied out because the jar it lives in names every library of the
     * harness in its manifest, and the JVM would search them all; into a jar, because a JDK AOT cache takes
     * classes from jars only. Make it once per run: a cache is used only with the class path it was made with.
     */
    static String only(Class<?> main, List<String> prefixes) {
        var chosen = new ArrayList<String>();
        chosen.add(classJar(main).toString());
        for (Path p : entries()) {
            String name = p.getFileName().toString();
            if (prefixes.stream().anyMatch(name::startsWith) && !chosen.contains(p.toString())) {
                chosen.add(p.toString());
            }
        }
        return String.join(File.pathSeparator, chosen);
    }

    /** A new jar holding {@code type}'s class file alone, to put one class on another JVM's class path. */
    static Path classJar(Class<?> type) {
        try {
            Path jar = Files.createTempFile("three-ways-class", ".jar");
            jar.toFile().deleteOnExit();
            String resource = type.getName().replace('.', '/') + ".class";
            try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(jar));
                 var in = type.getClassLoader().getResourceAsStream(resource)) {
                out.putNextEntry(new java.util.jar.JarEntry(resource));
                out.write(in.readAllBytes());
                out.closeEntry();
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + type.getName() + " out for another JVM", e);
        }
    }
}
