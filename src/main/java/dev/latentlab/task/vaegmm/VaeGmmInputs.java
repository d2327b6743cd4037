package dev.latentlab.task.vaegmm;

import dev.latentlab.BadInputException;
import dev.latentlab.config.VaeGmmConfig;
import dev.latentlab.data.FolderImages;
import dev.latentlab.data.ImageFormat;
import dev.latentlab.data.ImageInput;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.ImageSource;
import dev.latentlab.data.LabelledImages;
import dev.latentlab.latent.LatentClassifier;
import dev.latentlab.vae.ModelArchitecture;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The images of a vae_gmm run, read and checked before its run folder exists: the training images (the digits kept,
 * the limit, sized for the model) and every held-out set by name.
 *
 * @param training   the images split into training and validation
 * @param heldOut    the held-out sets by report name (the set {@code fitted} is the training images themselves)
 * @param classNames the training folders' names when they are not all integers (label i is name i), else empty
 */
record VaeGmmInputs(ImageSet training, Map<String, ImageSet> heldOut, List<String> classNames) {
    private static final Logger LOG = LoggerFactory.getLogger(VaeGmmInputs.class);

    /** Fetches what is missing, reads every set of {@code config} and checks it against {@code architecture}. */
    static VaeGmmInputs load(VaeGmmConfig config, ModelArchitecture architecture) throws IOException {
        VaeGmmConfig.Data d = config.data();
        ImageSource source = source(config);
        if (source.kind().isIdx() || (source.kind() == ImageSource.Kind.NPZ && config.evaluate().mnistTest())) {
            ImageInput.fetchIdx(source);
        }
        LabelledImages read = ImageInput.training(source, d.withTestImages());
        if (source.kind() == ImageSource.Kind.FOLDER) {
            LOG.info("data.dir {}: {} images in classes {}", d.dir(), read.images().count(), read.classNames());
        }
        ImageSet training = trainingImages(config, source, read.images(), architecture);
        Map<String, ImageSet> heldOut = new LinkedHashMap<>();
        for (Map.Entry<String, ImageSet> e : heldOutSets(config, source, read.classNames()).entrySet()) {
            heldOut.put(e.getKey(), LatentClassifier.conform(architecture, e.getValue(), "evaluate: " + e.getKey()));
        }
        if (config.evaluate().fitted()) {   // the transductive protocol: every image fitted on, scored
            heldOut.put(VaeGmmConfig.Evaluate.FITTED, training);
        }
        List<String> names = FolderImages.numericNames(read.classNames()) ? List.of() : read.classNames();
        return new VaeGmmInputs(training, heldOut, names);
    }

    /** The loader's view of data: (model.input sizes the folder pictures). */
    private static ImageSource source(VaeGmmConfig config) {
        VaeGmmConfig.Data d = config.data();
        List<Integer> in = config.model().input();
        return new ImageSource(d.source(), Path.of(d.dir()), d.fetch(), d.npz() == null ? null : Path.of(d.npz()),
                d.imageKey(), d.labelKey(), ImageFormat.ofConfig(d.layout(), d.scale()), d.invert(), in.get(0),
                in.get(1), in.get(2));
    }

    private static ImageSet trainingImages(VaeGmmConfig config, ImageSource source, ImageSet images,
                                           ModelArchitecture architecture) {
        VaeGmmConfig.Data d = config.data();
        if (source.kind() == ImageSource.Kind.NPZ && images.labels() == null) {
            throw new BadInputException(d.npz() + ": no labels found (data.label_key); the GMM classifier needs them");
        }
        int[] sourceLabels = images.distinctLabels();
        if (!d.digits().isEmpty()) {
            images = images.withLabels(d.digits());
        }
        if (d.trainLimit() != null) {
            images = images.head(d.trainLimit());
        }
        boolean folder = source.kind() == ImageSource.Kind.FOLDER;
        if (images.count() < 2) {
            throw new BadInputException("data.digits " + d.digits() + ": leaves " + images.count()
                    + " training images (expected at least 2" + (folder ? "; the folder's labels are "
                    + Arrays.toString(sourceLabels) + ", data.digits: [] keeps all" : "") + ")");
        }
        if (source.kind() == ImageSource.Kind.NPZ) {   // model.input decides: resized to its H x W, its channels
            return LatentClassifier.conform(architecture, images, "data.npz " + d.npz());
        }
        if (!folder && (images.height() != 28 || images.width() != 28)) {
            throw new BadInputException("data: images are " + images.height() + "x" + images.width() + ", expected 28x28");
        }
        return images;
    }

    private static Map<String, ImageSet> heldOutSets(VaeGmmConfig config, ImageSource source,
                                                     List<String> trainClassNames) {
        VaeGmmConfig.Data d = config.data();
        Map<String, ImageSet> sets = new LinkedHashMap<>();
        if (config.evaluate().mnistTest() && source.kind() != ImageSource.Kind.FOLDER) {
            ImageSet test = ImageInput.idxTest(source);
            sets.put(ImageInput.idxTestName(source), d.digits().isEmpty() ? test : test.withLabels(d.digits()));
        }
        if (d.testDir() != null) {
            ImageSet test = ImageInput.testFolders(source, d.testDir(), "data.test_dir", trainClassNames);
            sets.put(Path.of(d.testDir()).getFileName().toString(),
                    d.digits().isEmpty() ? test : test.withLabels(d.digits()));
        }
        for (String file : config.evaluate().npz()) {
            sets.put(Path.of(file).getFileName().toString(),
                    ImageInput.labelledNpz(file, source.npzFormat(), "evaluate.npz"));
        }
        return sets;
    }
}
