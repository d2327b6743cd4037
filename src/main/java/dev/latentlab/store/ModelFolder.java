package dev.latentlab.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replaces a model folder as a whole. The new model is written into a temporary sibling
 * ({@code .<name>.new-<id>}); {@link #commit} forces every file and folder of it to disk, renames the old folder
 * aside ({@code .<name>.old-<id>}), renames the new one into place and only then deletes the old one. A crash at any
 * instant leaves the complete old folder, the complete new one, or (between the two renames) no folder and the old
 * one aside, which {@link #recover} — run under the name's {@link NameLock} before the next write — puts back.
 * Callers hold the name's lock from {@link #begin} to {@link #close}.
 *
 * <pre>{@code
 * try (ModelFolder folder = ModelFolder.begin(models.resolve("vae_148"))) {
 *     save(model, folder.dir());           // every part, into the temporary folder
 *     folder.commit();
 * }}</pre>
 */
public final class ModelFolder implements AutoCloseable {
    private final Path target;
    private final Path staging;
    private final String id;
    private boolean committed;

    private ModelFolder(Path target, Path staging, String id) {
        this.target = target;
        this.staging = staging;
        this.id = id;
    }

    /** Starts a new version of {@code target}: an empty temporary sibling folder with a fresh model id. */
    public static ModelFolder begin(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        recover(absolute);
        String id = UUID.randomUUID().toString();
        Path staging = sibling(absolute, "new", id);
        Files.createDirectories(staging);
        return new ModelFolder(absolute, staging, id);
    }

    /** The folder to write the new model into. */
    public Path dir() {
        return staging;
    }

    /** The new model's id, for {@link PartStamp}s and the model's own sidecar. */
    public String id() {
        return id;
    }

    /** Forces the new folder to disk and swaps it in; the old folder is deleted after the swap. */
    public void commit() throws IOException {
        forceTree(staging);
        FaultPoint.reached(FaultPoint.MODEL_STAGED);
        Path old = null;
        if (Files.exists(target)) {
            old = sibling(target, "old", id);
            move(target, old);
            FaultPoint.reached(FaultPoint.MODEL_SWAPPING);
        }
        move(staging, target);
        forceDir(target.getParent());
        committed = true;
        FaultPoint.reached(FaultPoint.MODEL_SWAPPED);
        if (old != null) {
            deleteTree(old);
        }
    }

    /** Deletes the temporary folder when {@link #commit} was not reached; the old model stays as it was. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            deleteTree(staging);
        }
    }

    /**
     * Finishes or undoes what a crashed writer of {@code target} left: deletes unfinished new folders and puts an
     * old folder back when the crash came between the two renames (else deletes it). Call under the name's lock.
     */
    public static void recover(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        if (!Files.isDirectory(parent)) {
            return;
        }
        String name = absolute.getFileName().toString();
        Pattern ours = Pattern.compile("\\." + Pattern.quote(name) + "\\.(new|old)-[0-9a-f-]{36}");
        List<Path> leftovers;
        try (Stream<Path> children = Files.list(parent)) {
            leftovers = children.filter(p -> ours.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path p : leftovers) {
            String rest = p.getFileName().toString().substring(name.length() + 2);
            if (rest.startsWith("new-")) {
                deleteTree(p);
            } else if (rest.startsWith("old-")) {
                if (!Files.exists(absolute)) {
                    move(p, absolute);
                } else {
                    deleteTree(p);
                }
            }
        }
    }

    private static Path sibling(Path target, String kind, String id) {
        return target.resolveSibling("." + target.getFileName() + "." + kind + "-" + id);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static void forceTree(Path root) throws IOException {
        List<Path> all;
        try (Stream<Path> tree = Files.walk(root)) {
            all = tree.sorted(Comparator.reverseOrder()).toList();   // files before their folders
        }
        for (Path p : all) {
            if (Files.isDirectory(p)) {
                forceDir(p);
            } else {
                try (FileChannel c = FileChannel.open(p, StandardOpenOption.READ)) {
                    c.force(true);
                }
            }
        }
    }

    /** Forces a folder's entries (the renames into it) to disk; where folders cannot be opened this is a no-op. */
    private static void forceDir(Path dir) {
        try (FileChannel c = FileChannel.open(dir, StandardOpenOption.READ)) {
            c.force(true);
        } catch (IOException notSupported) {
            // some platforms cannot open a directory for reading; the renames are still atomic
        }
    }

    /** Deletes {@code root} and everything under it (nothing when it does not exist). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> all;
        try (Stream<Path> tree = Files.walk(root)) {
            all = tree.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : all) {
            Files.deleteIfExists(p);
        }
    }
}
