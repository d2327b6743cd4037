package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The image files of a class folder ({@code dir/<class>/<image>}) or of a list of files and folders, sorted by path,
 * checked before any image is decoded: an empty folder, a class folder without an image and a path that is neither
 * an image nor a folder are {@link BadInputException}s naming the path.
 */
public final class ImageFolderListing {
    /** The file name extensions read (PNG, JPEG, BMP), lower case. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");

    private ImageFolderListing() {
    }

    /** One class folder with its image files. */
    public record ClassFolder(String name, List<Path> files) {
    }

    /** The class subfolders of {@code dir}, sorted by name, each with its images (at least one each). */
    public static List<ClassFolder> classes(Path dir, String what) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(what + " " + dir + ": folder not found (expected one subfolder of images per class)");
        }
        List<ClassFolder> classes = new ArrayList<>();
        for (Path sub : list(dir)) {
            if (Files.isDirectory(sub) && !sub.getFileName().toString().startsWith(".")) {
                List<Path> images = images(sub);
                if (images.isEmpty()) {
                    throw new BadInputException(what + " " + sub + ": class folder holds no image (expected "
                            + extensionsText() + " files)");
                }
                classes.add(new ClassFolder(sub.getFileName().toString(), images));
            }
        }
        if (classes.isEmpty()) {
            throw new BadInputException(what + " " + dir + ": no class folders (expected one subfolder of "
                    + extensionsText() + " images per class, named after the class)");
        }
        return classes;
    }

    /**
     * The images named by {@code paths}: files as given, folders by their images; a folder that holds no image
     * itself but class folders ({@code dir/<class>/<image>}, as {@link #classes} reads) by the images of each class
     * folder in turn.
     */
    public static List<Path> files(List<Path> paths, String what) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                List<Path> images = images(p);
                if (images.isEmpty() && hasClassFolders(p)) {
                    images = classes(p, what).stream().flatMap(c -> c.files().stream()).toList();
                }
                if (images.isEmpty()) {
                    throw new BadInputException(what + " " + p + ": folder holds no image (expected " + extensionsText()
                            + " files)");
                }
                out.addAll(images);
            } else if (Files.isRegularFile(p)) {
                if (!isImage(p)) {
                    throw new BadInputException(what + " " + p + ": not an image file (expected " + extensionsText() + ")");
                }
                out.add(p);
            } else {
                throw new BadInputException(what + " " + p + ": no such file or folder");
            }
        }
        if (out.isEmpty()) {
            throw new BadInputException(what + ": no image given");
        }
        return out;
    }

    /** The class a listed file belongs to: its folder's name when it came from a class folder of one of {@code paths}. */
    public static String classOf(Path file, List<Path> paths) {
        Path folder = file.getParent();
        Path above = folder == null ? null : folder.getParent();
        return above != null && paths.stream().anyMatch(p -> Files.isDirectory(p) && sameFile(p, above))
                ? folder.getFileName().toString() : "";
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean hasClassFolders(Path dir) {
        return list(dir).stream().anyMatch(sub -> Files.isDirectory(sub) && !sub.getFileName().toString().startsWith(".")
                && !images(sub).isEmpty());
    }

    /** Whether the file name ends in one of {@link #EXTENSIONS}. */
    public static boolean isImage(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<Path> images(Path dir) {
        return list(dir).stream().filter(p -> Files.isRegularFile(p) && isImage(p)).toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extensionsText() {
        return "PNG, JPEG or BMP";
    }
}
