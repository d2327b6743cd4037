package dev.latentlab.cli;

import dev.latentlab.data.FolderImages;
import dev.latentlab.data.IdxReader;
import dev.latentlab.data.ImageFolderListing;
import dev.latentlab.data.ImageFolderReader;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.ImageTensors;
import dev.latentlab.data.NpyArray;
import dev.latentlab.data.NpzReader;
import dev.latentlab.data.NpzWriter;
import dev.latentlab.latent.LatentClassifier;
import dev.latentlab.latent.LatentClassifierFiles;
import dev.latentlab.latent.UnknownDetector;
import dev.latentlab.mixture.MixturePrediction;
import dev.latentlab.store.AtomicFiles;
import dev.latentlab.vae.ModelArchitecture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code predict --model models/vae_148 --npz unlabelled.npz --out predictions.csv}: labels for unlabelled digits. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Classifies digits or pictures with a saved VAE + GMM model, one row per image.",
                "Labels in the input are ignored. Each row has the index, the label, the component, its probability "
                        + "(the component's responsibility) and the posterior of every class (the summed "
                        + "responsibilities of its components). --out FILE.csv writes CSV, --out FILE.npz the same "
                        + "columns as arrays (index, label, component, probability, classes, class_probabilities). "
                        + "With --images the rows follow the files in the order given (folders sorted), and the CSV "
                        + "names each file; a folder of class folders (as evaluate takes) is walked class by class, "
                        + "and the CSV then has a folder_class column."})
final class PredictCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    private ModelOption modelOption = new ModelOption();

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    static final class Input {
        @Option(names = "--npz", paramLabel = "FILE", description = "An .npz of images (key detected, or --image-key).")
        Path npz;

        @Option(names = "--idx", paramLabel = "FILE", description = "An MNIST idx image file.")
        Path idx;

        @Option(names = "--images", paramLabel = "DIR|FILE", arity = "1..*",
                description = "Pictures (PNG, JPEG, BMP; any size, resized to the model's input), folders of them, "
                        + "or folders of class folders (DIR/<class>/<image>); the CSV then has a path column.")
        List<Path> pictures;
    }

    @picocli.CommandLine.Mixin
    private InvertOption invert = new InvertOption();

    @picocli.CommandLine.Mixin
    private ImageKeyOption imageKey = new ImageKeyOption();

    @picocli.CommandLine.Mixin
    private ImageFormatOption format = new ImageFormatOption();

    @Option(names = "--out", paramLabel = "FILE", description = "The predictions: a .csv or an .npz file (default: "
            + "${DEFAULT-VALUE}). " + OutputPath.FOLDERS)
    private Path out = Path.of("predictions.csv");

    @Override
    public Integer call() throws IOException {
        OutputPath.file("--out", out, ".csv", ".npz");
        boolean npzOut = ".npz".equals(OutputPath.extensionOf(out, ".npz"));
        if (input.pictures != null) {
            return predictPictures(npzOut);
        }
        ImageSet images = input.npz != null ? NpzReader.readImages(input.npz, imageKey.value(), null, format.value())
                : IdxReader.readImages(input.idx, null);
        images = LatentClassifier.conform(LatentClassifierFiles.architecture(modelOption.checkedDir()), images,
                (input.npz != null ? input.npz : input.idx).toString());
        return write(LatentClassifierFiles.load(modelOption.dir()), images, null, npzOut);
    }

    /** --images: the model first (its input shape), then the pictures read through DataVec in the order given. */
    private int predictPictures(boolean npzOut) throws IOException {
        Path model = modelOption.checkedDir();
        LatentClassifier classifier = LatentClassifierFiles.load(model);
        ModelArchitecture a = classifier.vae().architecture();
        FolderImages pictures = new ImageFolderReader(a.channels(), a.height(), a.width(), invert.value())
                .readFiles(input.pictures, "--images");
        return write(classifier, pictures.images(), pictures.files(), npzOut);
    }

    private int write(LatentClassifier classifier, ImageSet images, List<Path> paths, boolean npzOut)
            throws IOException {
        UnknownDetector detector = LatentClassifierFiles.unknownDetector(modelOption.dir(), classifier);
        UnknownDetector.Classified c;
        try (INDArray tensor = ImageTensors.unit(images)) {
            c = detector.classify(classifier, tensor);
        }
        UnknownDetector.Result unknown = detector.canFlag() ? c.unknown() : null;
        if (npzOut) {
            writeNpz(c.classes(), unknown);
        } else {
            writeCsv(c.classes(), unknown, paths);
        }
        MixturePrediction p = c.classes();
        System.out.printf(Locale.ROOT, "%d images, %d classes %s -> %s%n", p.count(), p.classes().length,
                java.util.Arrays.toString(p.classes()), out);
        if (unknown == null) {
            System.err.println(modelOption.dir() + ": saved without an unknown-input threshold (train it again to get "
                    + "one): no image is flagged unknown, and the output has no novelty and unknown columns");
        } else {
            System.out.printf(Locale.ROOT, "%d of %d images flagged unknown (score %s above %.4g)%n",
                    Math.round(unknown.flaggedShare() * p.count()), p.count(), detector.settings().score(),
                    detector.settings().threshold());
        }
        return ExitCode.OK;
    }

    /**
     * One row per image; with {@code paths} (pictures) each row names its file after the index; with
     * {@code unknown} the novelty score and the flag follow the probability, and a flagged row's label is
     * {@code unknown}.
     */
    private void writeCsv(MixturePrediction p, UnknownDetector.Result unknown, List<Path> paths) throws IOException {
        List<String> folderClasses = paths == null ? List.of()
                : paths.stream().map(f -> ImageFolderListing.classOf(f, input.pictures)).toList();
        boolean classColumn = folderClasses.stream().anyMatch(c -> !c.isEmpty());
        AtomicFiles.writeText(out, w -> {
            w.write(paths == null ? "index,label,component,probability"
                    : "index,path," + (classColumn ? "folder_class," : "") + "label,component,probability");
            if (unknown != null) {
                w.write(",novelty,unknown");
            }
            for (int c : p.classes()) {
                w.write(",p_" + c);
            }
            w.write('\n');
            StringBuilder row = new StringBuilder();
            for (int t = 0; t < p.count(); t++) {
                row.setLength(0);
                row.append(t).append(',');
                if (paths != null) {
                    row.append(csvField(paths.get(t).toString())).append(',');
                    if (classColumn) {
                        row.append(csvField(folderClasses.get(t))).append(',');
                    }
                }
                boolean flagged = unknown != null && unknown.unknown()[t];
                row.append(flagged ? "unknown" : String.valueOf(p.labels()[t])).append(',').append(p.components()[t])
                        .append(',').append(p.componentProbability()[t]);
                if (unknown != null) {
                    row.append(',').append(unknown.scores()[t]).append(',').append(flagged);
                }
                for (double v : p.classProbabilities()[t]) {
                    row.append(',').append(v);
                }
                w.write(row.append('\n').toString());
            }
        });
    }

    /** A CSV field: quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** The columns as arrays; with {@code unknown} also {@code novelty} (float64) and {@code unknown} (bool). */
    private void writeNpz(MixturePrediction p, UnknownDetector.Result unknown) throws IOException {
        int n = p.count();
        int c = p.classes().length;
        long[] index = new long[n];
        double[] probabilities = new double[n * c];
        for (int t = 0; t < n; t++) {
            index[t] = t;
            System.arraycopy(p.classProbabilities()[t], 0, probabilities, t * c, c);
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("index", NpyArray.ofInt64(index, n));
        arrays.put("label", NpyArray.ofInt64(java.util.Arrays.stream(p.labels()).asLongStream().toArray(), n));
        arrays.put("component", NpyArray.ofInt64(java.util.Arrays.stream(p.components()).asLongStream().toArray(), n));
        arrays.put("probability", NpyArray.ofFloat64(p.componentProbability(), n));
        arrays.put("classes", NpyArray.ofInt64(java.util.Arrays.stream(p.classes()).asLongStream().toArray(), c));
        arrays.put("class_probabilities", NpyArray.ofFloat64(probabilities, n, c));
        if (unknown != null) {
            arrays.put("novelty", NpyArray.ofFloat64(unknown.scores(), n));
            byte[] flags = new byte[n];
            for (int t = 0; t < n; t++) {
                flags[t] = (byte) (unknown.unknown()[t] ? 1 : 0);
            }
            arrays.put("unknown", NpyArray.ofBool(flags, n));
        }
        NpzWriter.write(out, arrays, NpzWriter.Compression.STORED);
    }
}
