package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentlab.data.MnistFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every command that writes an {@code --out} file or folder checks it the same way before any work: a folder where
 * a file is expected (or a file where a folder is), a path through a file and a place that cannot be written are
 * refused with exit 2 and one line naming the option and value, nothing written and the model untouched; missing
 * folders on the way are created; a picture's format follows its extension.
 */
class OutputPathCliTest {
    private static final String PICTURE = "configs/images/tiny.png";

    @TempDir
    static Path shared;
    private static Path vae;
    private static Path dictionary;
    private static Path digits;

    @TempDir
    Path tmp;
    private Path readOnly;

    /** A command that writes {@code --out}: the file (or folder) name it writes, its arguments given the out path. */
    record Writer(String out, boolean folder, Function<Path, List<String>> args) {
        List<String> with(Path out) {
            return args.apply(out);
        }
    }

    @BeforeAll
    static void models() throws IOException {
        vae = TinyModels.vaeGmm(shared.resolve("models/vae"));
        dictionary = TinyModels.dictionary(shared.resolve("models/k2"));
        digits = shared.resolve("digits.npz");
        CliRun npz = CliRun.of("data", "npz", "--digits", "0,1", "--limit", "4", "--dir", MnistFixtures.dir().toString(),
                "--out", digits.toString());
        assertThat(npz.exitCode()).as(npz.err()).isZero();
    }

    @AfterEach
    void writableAgain() {
        if (readOnly != null) {
            readOnly.toFile().setWritable(true, false);
        }
    }

    static Stream<Named<Writer>> writers() {
        return Stream.of(
                writer("predict", "p.csv", false, out -> List.of("predict", "--model", vae.toString(), "--npz",
                        digits.toString(), "--out", out.toString())),
                writer("evaluate", "e.json", false, out -> List.of("evaluate", "--model", vae.toString(), "--npz",
                        digits.toString(), "--out", out.toString())),
                writer("sample", "s.png", false, out -> List.of("sample", "--model", vae.toString(),
                        "--per-component", "2", "--out", out.toString())),
                writer("reconstruct", "r.png", false, out -> List.of("reconstruct", "--model",
                        dictionary.toString(), "--npz", digits.toString(), "--first", "2", "--out", out.toString())),
                writer("quantize", "q.png", false, out -> List.of("quantize", "--image", PICTURE, "--k", "2",
                        "--out", out.toString())),
                writer("data npz", "d.npz", false, out -> List.of("data", "npz", "--digits", "0,1", "--limit", "2",
                        "--dir", MnistFixtures.dir().toString(), "--out", out.toString())),
                writer("data images", "pictures", true, out -> List.of("data", "images", "--limit", "2", "--dir",
                        MnistFixtures.dir().toString(), "--out", out.toString())));
    }

    private static Named<Writer> writer(String command, String out, boolean folder, Function<Path, List<String>> args) {
        return Named.of(command, new Writer(out, folder, args));
    }

    static Stream<Named<Writer>> pictureWriters() {
        return writers().filter(w -> w.getPayload().out().endsWith(".png"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void theWrongKindOfThingAtOutIsRefusedBeforeAnyWork(Writer writer) throws IOException {
        Path out = tmp.resolve(writer.out());
        if (writer.folder()) {
            Files.writeString(out, "a file");
        } else {
            Files.createDirectories(out);
        }
        Map<String, String> before = snapshot(tmp);
        refused(writer, out, writer.folder() ? "is a file; expected a folder" : "is a folder; expected a file name");
        assertThat(snapshot(tmp)).as("nothing written").isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void aPathThroughAFileIsRefused(Writer writer) throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "a file");
        refused(writer, file.resolve("sub").resolve(writer.out()), file.toAbsolutePath() + " is a file, not a folder");
        assertThat(snapshot(tmp)).containsOnlyKeys("notes.txt");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void anUnwritablePlaceIsRefused(Writer writer) throws IOException {
        Path folder = unwritableFolder();
        Map<String, String> before = snapshot(folder);
        refused(writer, folder.resolve(writer.out()), "cannot write in folder " + folder.toAbsolutePath());
        assertThat(snapshot(folder)).isEqualTo(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writers")
    void missingFoldersOnTheWayAreCreated(Writer writer) {
        Path out = tmp.resolve("new/deeper").resolve(writer.out());
        CliRun r = CliRun.of(writer.with(out));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(out).exists();
        assertThat(Files.isDirectory(out)).isEqualTo(writer.folder());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pictureWriters")
    void aPictureIsWrittenInTheFormatItsExtensionNames(Writer writer) throws IOException {
        for (String name : List.of("x.png", "x.jpg", "x.JPEG")) {
            Path out = tmp.resolve(name);
            CliRun r = CliRun.of(writer.with(out));
            assertThat(r.exitCode()).as(r.err()).isZero();
            byte[] bytes = Files.readAllBytes(out);
            if (name.endsWith("png")) {
                assertThat(bytes).as(name).startsWith(0x89, 'P', 'N', 'G');
            } else {
                assertThat(bytes).as(name + " holds JPEG bytes").startsWith(0xFF, 0xD8, 0xFF);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pictureWriters")
    void anUnknownPictureExtensionIsRefused(Writer writer) throws IOException {
        for (String name : List.of("x.gif", "x.png.txt", "samples")) {
            refused(writer, tmp.resolve(name), "expected a file name ending in .png, .jpg or .jpeg");
        }
        assertThat(snapshot(tmp)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"p.txt", "p"})
    void predictionsAreCsvOrNpz(String name) throws IOException {
        Writer predict = writers().findFirst().orElseThrow().getPayload();
        refused(predict, tmp.resolve(name), "expected a file name ending in .csv or .npz");
    }

    /** Exit 2, one line {@code error: --out <out>: <why>}, and the models as they were. */
    private void refused(Writer writer, Path out, String why) throws IOException {
        Map<String, String> models = snapshot(shared.resolve("models"));
        CliRun r = CliRun.of(writer.with(out));
        assertThat(r.exitCode()).as(r.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(r.errLines()).as(r.err()).containsExactly("error: --out " + out + ": " + why);
        if (Files.isRegularFile(out)) {
            assertThat(out).as("nothing written").hasContent("a file");
        }
        assertThat(snapshot(shared.resolve("models"))).as("models untouched").isEqualTo(models);
    }

    /** A folder no file can be made in: a read-only one, or /proc where even root makes none. */
    private Path unwritableFolder() throws IOException {
        readOnly = Files.createDirectories(tmp.resolve("read-only"));
        assertThat(readOnly.toFile().setWritable(false, false)).isTrue();
        try {
            Files.delete(Files.createTempFile(readOnly, "probe", ".tmp"));
            return Path.of("/proc");   // root writes in a read-only folder
        } catch (IOException e) {
            return readOnly;
        }
    }

    /** Every file under {@code dir} with its size and modification time. */
    private static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir) || dir.startsWith("/proc")) {
            return files;
        }
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(p -> !p.equals(dir)).forEach(all::add);
        }
        for (Path p : all) {
            files.put(dir.relativize(p).toString(), Files.size(p) + "@" + Files.getLastModifiedTime(p));
        }
        return files;
    }
}
