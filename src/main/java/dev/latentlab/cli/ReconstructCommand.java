package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.data.IdxReader;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.NpzReader;
import dev.latentlab.data.PictureLoader;
import dev.latentlab.patches.PatchCodebook;
import dev.latentlab.patches.PatchCoder;
import dev.latentlab.patches.PatchReconstructor;
import dev.latentlab.patches.SparseDictionary;
import dev.latentlab.patches.Tiling;
import dev.latentlab.task.dictionary.PatchDictionaryFigures;
import dev.latentlab.task.dictionary.PatchDictionaryFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reconstruct}: rebuilds digits or pictures with saved patch dictionaries and writes a PNG. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = {"Rebuilds digits or pictures with saved patch dictionaries and writes them as one picture.",
                "The dictionaries may be k-means or sparse coding. The picture has the originals on top and one row "
                        + "of reconstructions per dictionary below; MSE and PSNR (0..255 scale) are printed per "
                        + "dictionary."})
final class ReconstructCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", split = ",",
            description = "Dictionary folders, e.g. models/kmeans_quick/k100 (repeatable or comma-separated); "
                    + "a folder of dictionary folders (e.g. models/patch_methods) means all of them.")
    private List<Path> models;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    static final class Input {
        @Option(names = "--image", paramLabel = "FILE", split = ",",
                description = "Pictures (PNG/JPEG), any size: made grey, resized to 28x28 and inverted as --invert "
                        + "says.")
        List<Path> images;

        @Option(names = "--idx", paramLabel = "FILE", description = "An MNIST idx image file (plain or .gz).")
        Path idx;

        @Option(names = "--npz", paramLabel = "FILE",
                description = "A numpy .npz of digits (uint8 0..255 or float [0,1]; [N,28,28], [N,784] or [N,1,28,28]).")
        Path npz;
    }

    @picocli.CommandLine.Mixin
    private ImageKeyOption imageKey = new ImageKeyOption();

    @Option(names = "--first", paramLabel = "N",
            description = "With --idx or --npz: how many digits from the start (default: ${DEFAULT-VALUE}).")
    private int first = 16;

    @picocli.CommandLine.Mixin
    private InvertOption invert = new InvertOption();

    @Option(names = "--tiling", paramLabel = "overlap|padded",
            description = "overlap (default): every window, pixels averaged. padded: zero-padded to a multiple of "
                    + "the patch size (28 -> 30), non-overlapping tiles, blank tiles -> the all-zero null centroid.")
    private String tiling = Tiling.OVERLAP.configName();

    @Option(names = "--out", required = true, paramLabel = "FILE", description = ImageOutput.DESCRIPTION)
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (first < 1) {
            throw new BadInputException("--first " + first + ": expected an integer >= 1");
        }
        Tiling mode;
        try {
            mode = Tiling.fromConfigName(tiling.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--" + e.getMessage());
        }
        ImageOutput picture = ImageOutput.check("--out", out);
        Map<String, PatchCodebook> dictionaries = dictionaries();
        ImageSet images = images();
        Map<String, float[]> rows = new LinkedHashMap<>();
        try (PatchCoder coder = new PatchCoder(Runtime.getRuntime().availableProcessors(), 0)) {
            for (Map.Entry<String, PatchCodebook> e : dictionaries.entrySet()) {
                rows.put(e.getKey(), coder.reconstruct(images, e.getValue(), mode));
            }
        }
        picture.write(png -> PatchDictionaryFigures.reconstructions(png, images, rows, 4));
        for (Map.Entry<String, float[]> e : rows.entrySet()) {
            double mse = PatchReconstructor.mse(images, e.getValue());
            System.out.printf(Locale.ROOT, "%d images, %s: MSE %.2f (%.5f on [0,1]), PSNR %.2f dB%n",
                    images.count(), e.getKey(), mse, mse / (255.0 * 255.0), PatchReconstructor.psnr(mse));
        }
        System.out.println(mode.configName() + " tiling -> " + out);
        return ExitCode.OK;
    }

    /** The digits or pictures to rebuild. */
    private ImageSet images() throws IOException {
        if (input.idx != null) {
            return IdxReader.readImages(input.idx, null).head(first);
        }
        if (input.npz != null) {
            return NpzReader.readImages(input.npz, imageKey.value(), null).head(first);
        }
        return PictureLoader.load(input.images, 28, 28, invert.value());
    }

    /**
     * The dictionaries by figure label, in the order given; a folder of dictionary folders expands to them (by
     * name, then K). One dictionary is labelled {@code K=<k>} (sparse: {@code sparse K=<k> T=<t>}); several by
     * their folder names.
     */
    private Map<String, PatchCodebook> dictionaries() throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (Path m : models) {
            dirs.addAll(expand(m));
        }
        Map<String, PatchCodebook> out = new LinkedHashMap<>();
        for (Path dir : dirs) {
            PatchCodebook codebook = PatchDictionaryFiles.loadCodebook(dir);
            String label = dirs.size() == 1 ? describe(codebook) : String.valueOf(dir.getFileName());
            out.put(out.containsKey(label) ? dir.toString() : label, codebook);
        }
        return out;
    }

    private static List<Path> expand(Path dir) throws IOException {
        if (PatchDictionaryFiles.isDictionary(dir) || !Files.isDirectory(dir)) {
            return List.of(dir);
        }
        List<Path> found;
        try (Stream<Path> children = Files.list(dir)) {
            found = children.filter(PatchDictionaryFiles::isDictionary)
                    .sorted(Comparator.comparing((Path p) -> p.getFileName().toString().replaceFirst("k\\d+$", ""))
                            .thenComparingLong(p -> trailingNumber(p.getFileName().toString())))
                    .toList();
        }
        return found.isEmpty() ? List.of(dir) : found;
    }

    private static long trailingNumber(String name) {
        String digits = name.replaceFirst("^.*?(\\d*)$", "$1");
        return digits.isEmpty() ? 0 : Long.parseLong(digits);
    }

    private static String describe(PatchCodebook codebook) {
        return codebook instanceof SparseDictionary s ? "sparse K=" + s.k() + " T=" + s.nonZeros() : "K=" + codebook.k();
    }
}
