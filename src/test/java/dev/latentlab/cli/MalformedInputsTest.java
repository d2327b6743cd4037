package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latentlab.data.MnistFixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of malformed inputs (npz, npy entries, idx, gz, PNG, JPEG, YAML, configs), each given to the command
 * that reads it: exit code 2, one line on stderr naming the file or key, no stack trace, nothing written (no run
 * folder, no models, no output file).
 */
class MalformedInputsTest {
    @TempDir
    static Path tmp;
    static Path model;
    static Path dictionary;

    /** One case: a name, the input's bytes, and the command line that reads the input at {@code file}. */
    record Case(String name, String fileName, byte[] bytes, Function<Path, List<String>> command) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void models() throws IOException {
        model = TinyModels.vaeGmm(tmp.resolve("fixture-models/vae"));
        dictionary = TinyModels.dictionary(tmp.resolve("fixture-models/dict/k2"));
    }

    static Stream<Arguments> corpus() {
        List<Case> cases = new ArrayList<>();
        byte[] labels10 = ints(1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        byte[] images10 = npy("|u1", "(10, 28, 28)", new byte[10 * 784]);
        // --- npz files (evaluate --npz)
        npz(cases, "empty file", new byte[0]);
        npz(cases, "random bytes", "this is not a zip archive at all".getBytes(StandardCharsets.US_ASCII));
        npz(cases, "a bare .npy, not a zip", images10);
        npz(cases, "zip without .npy entries", zip(Map.of("readme.txt", "hello".getBytes(StandardCharsets.US_ASCII)), true));
        byte[] good = zip(entries("x", images10, "y", npy("|u1", "(10,)", labels10)), true);
        npz(cases, "zip cut in half", Arrays.copyOf(good, good.length / 2));
        npz(cases, "entry with bad magic", zip(entries("x", "NOTNUMPY-data".getBytes(StandardCharsets.US_ASCII),
                "y", npy("|u1", "(10,)", labels10)), false));
        npz(cases, "entry with truncated header", zip(entries("x", Arrays.copyOf(images10, 20),
                "y", npy("|u1", "(10,)", labels10)), false));
        npz(cases, "header shape overflows a long", zip(entries("x",
                npy("<f8", "(4611686018427387904, 4611686018427387904)", new byte[0]), "y", npy("|u1", "(10,)", labels10)), true));
        npz(cases, "unsupported dtype complex128", zip(entries("x", npy("<c16", "(10, 28, 28)", new byte[16]),
                "y", npy("|u1", "(10,)", labels10)), true));
        npz(cases, "data shorter than the shape", zip(entries("x", npy("|u1", "(10, 28, 28)", new byte[100]),
                "y", npy("|u1", "(10,)", labels10)), true));
        npz(cases, "data longer than the shape", zip(entries("x", npy("|u1", "(10, 28, 28)", new byte[20 * 784]),
                "y", npy("|u1", "(10,)", labels10)), true));
        npz(cases, "zip bomb: 64 MB of zeros behind a 10-image header", zip(entries("x",
                npy("|u1", "(10, 28, 28)", new byte[64 << 20]), "y", npy("|u1", "(10,)", labels10)), true));
        npz(cases, "header claims 6 GB", zip(entries("x", npy("<f8", "(1000000, 784)", new byte[64]),
                "y", npy("|u1", "(10,)", labels10)), true));
        npz(cases, "images of rank 5", zip(entries("x", npy("|u1", "(10, 1, 1, 28, 28)", new byte[10 * 784]),
                "y", npy("|u1", "(10,)", labels10)), true));
        npz(cases, "NaN pixels", zip(entries("x", npy("<f4", "(1, 28, 28)", floats(784, Float.NaN)),
                "y", npy("|u1", "(1,)", ints(1, 3))), true));
        npz(cases, "float pixels on the 0..255 scale", zip(entries("x", npy("<f4", "(1, 28, 28)", floats(784, 200f)),
                "y", npy("|u1", "(1,)", ints(1, 3))), true));
        npz(cases, "label count differs", zip(entries("x", images10, "y", npy("|u1", "(9,)", Arrays.copyOf(labels10, 9))), true));
        npz(cases, "no labels", zip(entries("x", images10), true));
        npz(cases, "int16 pixels out of range", zip(entries("x", npy("<i2", "(1, 28, 28)", shorts(784, (short) 300)),
                "y", npy("|u1", "(1,)", ints(1, 3))), true));
        npz(cases, "labels that are not whole numbers", zip(entries("x", npy("|u1", "(1, 28, 28)", new byte[784]),
                "y", npy("<f8", "(1,)", doubles(1.5))), true));
        byte[] version9 = images10.clone();
        version9[6] = 9;
        npz(cases, "npy format version 9", zip(entries("x", version9, "y", npy("|u1", "(10,)", labels10)), true));
        // --- idx and gz files (evaluate --idx)
        byte[] labelsIdx = idx(0x801, new int[] {10}, labels10);
        idx(cases, "idx with a label file's magic", labelsIdx, labelsIdx);
        idx(cases, "truncated idx", Arrays.copyOf(idx(0x803, new int[] {10, 28, 28}, new byte[7840]), 1000), labelsIdx);
        idx(cases, "idx with a zero dimension", idx(0x803, new int[] {10, 0, 28}, new byte[0]), labelsIdx);
        idx(cases, "idx dimensions overflow", idx(0x803, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE},
                new byte[16]), labelsIdx);
        idx(cases, "idx with trailing bytes", idx(0x803, new int[] {10, 28, 28}, new byte[7850]), labelsIdx);
        byte[] gz = MnistFixtures.gzip(idx(0x803, new int[] {10, 28, 28}, new byte[7840]));
        idx(cases, "truncated gzip", Arrays.copyOf(gz, gz.length - 10), labelsIdx);
        idx(cases, "gzip magic then garbage", "\u001f\u008bgarbage-garbage".getBytes(StandardCharsets.ISO_8859_1), labelsIdx);
        idx(cases, "labels count differs from images", idx(0x803, new int[] {10, 28, 28}, new byte[7840]),
                idx(0x801, new int[] {9}, Arrays.copyOf(labels10, 9)));
        // --- pictures (reconstruct --image)
        byte[] png = png();
        picture(cases, "truncated PNG", ".png", Arrays.copyOf(png, png.length / 2));
        picture(cases, "PNG claiming 100000x100000 pixels", ".png", hugePng());
        picture(cases, "empty .png", ".png", new byte[0]);
        picture(cases, "text named .png", ".png", "hello, I am text".getBytes(StandardCharsets.US_ASCII));
        picture(cases, "JPEG header then garbage", ".jpg", concat(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff,
                (byte) 0xe0, 0, 16, 'J', 'F', 'I', 'F', 0}, new byte[200]));
        // --- YAML and configs (--config)
        config(cases, "YAML syntax error", "task: kmeans_patches\nkmeans: {k: [1, 2\n");
        config(cases, "YAML that is a list", "- task\n- kmeans_patches\n");
        config(cases, "unknown key", "task: kmeans_patches\nkmeans:\n  max_iters: 3\n");
        config(cases, "wrong type", "task: kmeans_patches\nkmeans:\n  k: abc\n");
        config(cases, "tol is .nan", "task: kmeans_patches\nkmeans:\n  tol: .nan\n");
        config(cases, "tol is 1e400", "task: kmeans_patches\nkmeans:\n  tol: 1e400\n");
        config(cases, "no task", "name: x\n");
        config(cases, "duplicate key", "task: kmeans_patches\ntask: vae_gmm\n");
        config(cases, "binary garbage", "\u0000\u0001\u0002\u00ff\u00fe");
        config(cases, "empty config", "");
        config(cases, "a vae config with NaN beta", "task: vae_gmm\nmodel:\n  beta: .nan\n");
        return cases.stream().map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedWithOneLineAndNothingWritten(Case c) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("case-" + c.name().replaceAll("[^A-Za-z0-9]+", "_")));
        Path file = dir.resolve(c.fileName());
        Files.write(file, c.bytes());
        List<String> args = new ArrayList<>(c.command().apply(file));
        Path out = dir.resolve("out");
        CliRun r = CliRun.of(args.stream().map(a -> a.replace("@OUT", out.toString())).toList());

        assertThat(r.exitCode()).as(c.name() + ": " + r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("error: ").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(out).as("outputs, run folders and models all go under this folder").doesNotExist();
    }

    // ---------------------------------------------------------------- case builders

    private static void npz(List<Case> cases, String name, byte[] bytes) {
        cases.add(new Case("npz: " + name, "input.npz", bytes, f -> List.of("evaluate", "--model", model.toString(),
                "--npz", f.toString(), "--out", "@OUT/report.json")));
    }

    private static void idx(List<Case> cases, String name, byte[] images, byte[] labels) {
        cases.add(new Case("idx: " + name, "images-idx3-ubyte", images, f -> {
            Path labelFile = f.resolveSibling("labels-idx1-ubyte");
            write(labelFile, labels);
            return List.of("evaluate", "--model", model.toString(), "--idx", f.toString(), "--labels",
                    labelFile.toString(), "--out", "@OUT/report.json");
        }));
    }

    private static void picture(List<Case> cases, String name, String ext, byte[] bytes) {
        cases.add(new Case("picture: " + name, "picture" + ext, bytes, f -> List.of("reconstruct", "--model",
                dictionary.toString(), "--image", f.toString(), "--out", "@OUT/recon.png")));
    }

    private static void config(List<Case> cases, String name, String yaml) {
        cases.add(new Case("config: " + name, "config.yaml", yaml.getBytes(StandardCharsets.ISO_8859_1), f -> List.of(
                "--config", f.toString(), "--set", "output.runs_dir=@OUT/runs", "--set", "output.models_dir=@OUT/models",
                "--set", "data.fetch=false")));
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, byte[]> entries(Object... keysAndBytes) {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndBytes.length; i += 2) {
            m.put(keysAndBytes[i] + ".npy", (byte[]) keysAndBytes[i + 1]);
        }
        return m;
    }

    static byte[] zip(Map<String, byte[]> entries, boolean deflate) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                if (!deflate) {
                    CRC32 crc = new CRC32();
                    crc.update(e.getValue());
                    entry.setMethod(ZipEntry.STORED);
                    entry.setSize(e.getValue().length);
                    entry.setCrc(crc.getValue());
                }
                zip.putNextEntry(entry);
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] npy(String descr, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int pad = (64 - (10 + dict.length() + 1) % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII)).put(data);
        return b.array();
    }

    private static byte[] idx(int magic, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.putInt(magic);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    private static byte[] ints(int size, int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] floats(int n, float v) {
        ByteBuffer b = ByteBuffer.allocate(4 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putFloat(v);
        }
        return b.array();
    }

    private static byte[] shorts(int n, short v) {
        ByteBuffer b = ByteBuffer.allocate(2 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            b.putShort(v);
        }
        return b.array();
    }

    private static byte[] doubles(double... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            b.putDouble(v);
        }
        return b.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] png() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(28, 28,
                java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A PNG whose header (IHDR, valid CRC) claims 100,000 x 100,000 grey pixels, with no image data. */
    private static byte[] hugePng() {
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(100_000).putInt(100_000).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
