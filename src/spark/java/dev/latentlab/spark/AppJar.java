package dev.latentlab.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The application jar a Spark cluster's executors need (the patch source and its lambdas run there): trainer.jar
 * itself when the code runs from it, else (tests, an IDE: classes in a folder) a temporary jar of that folder,
 * deleted when the JVM exits.
 */
final class AppJar {
    private AppJar() {
    }

    /** The jar holding this application's classes. */
    static Path locate() throws IOException {
        Path source;
        try {
            source = Path.of(AppJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException("cannot locate the application's classes: " + e.getMessage(), e);
        }
        return Files.isDirectory(source) ? jarOf(source) : source;
    }

    private static Path jarOf(Path classes) throws IOException {
        Path jar = Files.createTempFile("latentlab-app-", ".jar");
        jar.toFile().deleteOnExit();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out)) {
            for (Path f : files) {
                zip.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, zip);
                zip.closeEntry();
            }
        }
        return jar;
    }
}
