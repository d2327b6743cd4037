package dev.latentlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.data.FolderImages;
import dev.latentlab.data.IdxReader;
import dev.latentlab.data.ImageFolderListing;
import dev.latentlab.data.ImageFolderReader;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.ImageTensors;
import dev.latentlab.data.NpzReader;
import dev.latentlab.eval.ClassificationReport;
import dev.latentlab.latent.LatentClassifier;
import dev.latentlab.latent.LatentClassifierFiles;
import dev.latentlab.latent.ModelClasses;
import dev.latentlab.latent.UnknownDetector;
import dev.latentlab.latent.UnknownReport;
import dev.latentlab.store.AtomicFiles;
import dev.latentlab.vae.ModelArchitecture;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evaluate --model models/vae_148 --npz held_out.npz}: the VAE + GMM classifier on labelled digits. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Classifies labelled digits or pictures with a saved VAE + GMM model and reports how well.",
                "The report has the majority-map accuracy, macro and per-class precision/recall/F1, the confusion "
                        + "matrix and the clustering figures of the components (Hungarian-matched accuracy, NMI, "
                        + "ARI); it is printed as a table and written as JSON."})
final class EvaluateCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    private ModelOption modelOption = new ModelOption();

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    static final class Input {
        @Option(names = "--npz", paramLabel = "FILE", description = "A labelled .npz (images + labels, keys detected).")
        Path npz;

        @Option(names = "--idx", paramLabel = "FILE", description = "An MNIST idx image file; labels from --labels.")
        Path idx;

        @Option(names = "--images", paramLabel = "DIR",
                description = "A folder of class folders of pictures (PNG, JPEG, BMP, any size; DIR/<class>/<image>), "
                        + "read through DataVec and resized to the model's input.")
        Path images;
    }

    @picocli.CommandLine.Mixin
    private InvertOption invert = new InvertOption();

    @Option(names = "--labels", paramLabel = "FILE", description = "With --idx: the idx label file.")
    private Path labels;

    @picocli.CommandLine.Mixin
    private ImageKeyOption imageKey = new ImageKeyOption();

    @picocli.CommandLine.Mixin
    private ImageFormatOption format = new ImageFormatOption();

    @Option(names = "--unknown", paramLabel = "FILE",
            description = "An .npz of images of classes the model was not trained on (labels ignored): reports how "
                    + "well the novelty score tells them from the evaluated images (detection AUROC) and the share "
                    + "of each set flagged unknown at the model's threshold.")
    private Path unknown;

    @Option(names = "--label-key", paramLabel = "KEY",
            description = "With --npz: the key of the labels array (default: detected).")
    private String labelKey;

    @Option(names = "--known-only", description = "Leave out the images whose class the model does not know "
            + "(and say how many); without it they are refused, for --npz, --idx and --images alike.")
    private boolean knownOnly;

    @Option(names = "--out", paramLabel = "FILE",
            description = "The JSON report (default: evaluation-<model>-<input>.json in the working folder). "
                    + OutputPath.FOLDERS)
    private Path out;

    @Override
    public Integer call() throws Exception {
        OutputPath.file("--out", reportFile());
        ImageSet images;
        String name;
        if (input.images != null) {
            return evaluatePictures();
        }
        if (input.npz != null) {
            images = NpzReader.readImages(input.npz, imageKey.value(), labelKey, format.value());
            name = input.npz.getFileName().toString();
        } else {
            if (labels == null) {
                throw new BadInputException("--idx needs --labels FILE (the idx label file)");
            }
            images = IdxReader.readImages(input.idx, labels);
            name = input.idx.getFileName().toString();
        }
        if (images.labels() == null) {
            throw new BadInputException(name + ": no labels found (use --label-key)");
        }
        ModelArchitecture architecture = LatentClassifierFiles.architecture(modelOption.dir());
        images = ModelClasses.of(modelOption.checkedDir()).known(images, name, knownOnly);   // refusals first
        images = LatentClassifier.conform(architecture, images, name);
        ImageSet others = unknownImages(architecture);
        return report(LatentClassifierFiles.load(modelOption.dir()), images, others, name);
    }

    /** --images DIR: the model loaded first (its input shape and classes), then the pictures checked and read. */
    private int evaluatePictures() throws Exception {
        String what = "--images " + input.images;
        Path model = modelOption.checkedDir();
        ModelClasses classes = ModelClasses.of(model);
        ImageSet others = unknownImages(LatentClassifierFiles.architecture(model));
        List<String> folders = ImageFolderListing.classes(input.images, "--images").stream()
                .map(ImageFolderListing.ClassFolder::name).toList();
        classes.unknownFolders(folders, what, knownOnly);
        LatentClassifier classifier = LatentClassifierFiles.load(model);
        ModelArchitecture a = classifier.vae().architecture();
        FolderImages pictures = new ImageFolderReader(a.channels(), a.height(), a.width(),
                invert.value()).readClasses(input.images, "--images");
        ImageSet images = classes.relabel(pictures, what, knownOnly);
        return report(classifier, images, others, picturesName());
    }

    /** --unknown FILE read and conformed to the model's input, before the model is loaded; null without it. */
    private ImageSet unknownImages(ModelArchitecture architecture) {
        if (unknown == null) {
            return null;
        }
        String where = "--unknown " + unknown;
        return LatentClassifier.conform(architecture, NpzReader.readImages(unknown, imageKey.value(), null,
                format.value()), where);
    }

    /** --out, or evaluation-<model>-<input>.json in the working folder. */
    private Path reportFile() {
        if (out != null) {
            return out;
        }
        String name = input.images != null ? picturesName()
                : (input.npz != null ? input.npz : input.idx).getFileName().toString();
        return Path.of("evaluation-" + modelOption.dir().getFileName() + "-" + name.replaceAll("\\.\\w+$", "") + ".json");
    }

    private String picturesName() {
        Path folder = input.images.normalize().getFileName();
        return folder == null ? "images" : folder.toString();
    }

    private int report(LatentClassifier classifier, ImageSet images, ImageSet others, String name) throws Exception {
        UnknownDetector detector = LatentClassifierFiles.unknownDetector(modelOption.dir(), classifier);
        UnknownDetector.Classified predicted;
        try (INDArray tensor = ImageTensors.unit(images)) {
            predicted = detector.classify(classifier, tensor);
        }
        ClassificationReport report = ClassificationReport.of(name, images.labels(), predicted.classes().labels(),
                predicted.classes().components());
        System.out.print(report.toTable());
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode tree = json.valueToTree(report);
        UnknownReport unknownReport = UnknownReport.of(detector, predicted.unknown().scores(),
                others == null ? null : scores(classifier, detector, others), name,
                unknown == null ? null : unknown.getFileName().toString());
        System.out.print(unknownReport.toText(modelOption.dir()));
        tree.set("unknown_detection", json.valueToTree(unknownReport));
        Path file = reportFile();
        AtomicFiles.writeString(file, json.writeValueAsString(tree));
        System.out.println("report: " + file);
        return ExitCode.OK;
    }

    private static double[] scores(LatentClassifier classifier, UnknownDetector detector, ImageSet images) {
        try (INDArray tensor = ImageTensors.unit(images)) {
            return detector.apply(classifier, tensor, classifier.encode(tensor)).scores();
        }
    }
}
