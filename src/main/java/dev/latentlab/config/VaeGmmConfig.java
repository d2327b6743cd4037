package dev.latentlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latentlab.data.ImageLayout;
import dev.latentlab.data.ImageSource;
import dev.latentlab.data.PictureLoader;
import dev.latentlab.data.PixelScale;
import dev.latentlab.mixture.CovarianceType;
import dev.latentlab.mixture.GmmOptions;
import dev.latentlab.vae.ReconstructionLoss;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code vae_gmm} task: a convolutional VAE (or, with {@code model.type: dense}, a fully connected
 * autoencoder) trained on digits, a Gaussian mixture fitted on its latent means and used as a classifier, evaluated
 * on held-out digits.
 *
 * @param task     always {@value #TASK}
 * @param name     the run name ({@code runs/<stamp>-<name>/}, {@code models/<name>/}); defaults to the file name
 * @param seed     the seed of every random choice in the run (split, shuffles, weights, dropout, GMM)
 * @param data     the training digits
 * @param model    the model's type, architecture and loss
 * @param train    the training loop
 * @param gmm      the Gaussian mixture on the latent means
 * @param evaluate held-out evaluation
 * @param report   figures
 * @param output   where runs and models go
 */
public record VaeGmmConfig(String task, String name, long seed, Data data, Model model, Train train, Gmm gmm,
                           Evaluate evaluate, Report report, Output output) implements InputFiles {
    public static final String TASK = "vae_gmm";
    /** Every key at its default. */
    public static final VaeGmmConfig DEFAULTS = new VaeGmmConfig(TASK, TASK, 42L, Data.DEFAULTS, Model.DEFAULTS,
            Train.DEFAULTS, Gmm.DEFAULTS, Evaluate.DEFAULTS, Report.DEFAULTS, Output.DEFAULTS);

    public VaeGmmConfig {
        Check.oneOf("task", task, TASK);
        Check.matches("name", name, PatchDictionaryConfig.RUN_NAME, "a name of letters, digits, '_', '.', '-'");
        Check.sectionsPresent("data model train gmm evaluate report output",
                data, model, train, gmm, evaluate, report, output);
        if (model.usesConv()) {
            checkStrides(model);
        }
        if (data.source().isIdx() && !model.input().equals(List.of(1, 28, 28))) {
            throw new InvalidValueException("model.input", model.input(), "[1, 28, 28] for data.source "
                    + data.source().yamlName() + " (28x28 grey digits); other sizes and RGB need data.source: npz or folder");
        }
        if (data.source() == ImageSource.Kind.NPZ && evaluate.mnistTest() && !model.input().equals(List.of(1, 28, 28))) {
            throw new InvalidValueException("evaluate.mnist_test", true, "false with data.source npz and model.input "
                    + model.input() + " (MNIST's t10k digits are [1, 28, 28]; evaluate.npz takes held-out .npz files)");
        }
        if (data.withTestImages() && evaluate.mnistTest()) {
            throw new InvalidValueException("evaluate.mnist_test", true, "false with data.split all (the test images "
                    + "are training images then; evaluate.fitted scores every image trained on)");
        }
        if (model.input().get(0) != 1 && data.augment().any()) {
            throw new InvalidValueException("data.augment", "on", "all off for RGB input (augmentation works on grey images)");
        }
    }

    /**
     * The defaults a config's tree is laid over: {@link #DEFAULTS}, or with {@code model.type: dense} the dense
     * model's ({@link Model#DENSE_DEFAULTS}: no conv keys, no dropout; {@code beta} 0 when the tree also says
     * {@code model.variational: false}), so that a key the file leaves out never counts as set.
     */
    public static VaeGmmConfig defaultsFor(JsonNode tree) {
        JsonNode model = tree.path("model");
        if (!ModelType.DENSE.configName().equals(model.path("type").asText(null))) {
            return DEFAULTS;
        }
        boolean plain = model.path("variational").isBoolean() && !model.path("variational").booleanValue();
        return new VaeGmmConfig(TASK, TASK, DEFAULTS.seed(), Data.DEFAULTS,
                plain ? Model.AUTOENCODER_DEFAULTS : Model.DENSE_DEFAULTS, Train.DEFAULTS, Gmm.DEFAULTS,
                Evaluate.DEFAULTS, Report.DEFAULTS, Output.DEFAULTS);
    }

    private static void checkStrides(Model model) {
        if (model.strides().size() != model.channels().size()) {
            throw new InvalidValueException("model.strides", model.strides(),
                    "one stride per entry of model.channels (" + model.channels().size() + ")");
        }
        int halvings = (int) model.strides().stream().filter(s -> s == 2).count();
        int step = 1 << halvings;
        if (model.input().get(1) % step != 0 || model.input().get(2) % step != 0) {
            throw new InvalidValueException("model.input", model.input(), "H and W divisible by " + step + " (the "
                    + halvings + " stride-2 layers of model.strides " + model.strides() + " halve them exactly)");
        }
    }

    /**
     * @param source             {@code mnist} or {@code fashion-mnist} (idx files in {@code dir}), {@code npz} (the file
     *                           {@code npz}) or {@code folder} (one subfolder of images per class in {@code dir})
     * @param dir                the dataset folder: MNIST's idx files (data/mnist; for {@code fashion-mnist} the
     *                           MNIST default means data/fashion-mnist), or the class folders of {@code folder}
     * @param fetch              download MNIST into {@code dir} when it is missing
     * @param npz                the training .npz when {@code source: npz}
     * @param imageKey           the images array in the .npz; null = detect
     * @param labelKey           the labels array in the .npz; null = detect
     * @param digits             keep only these labels; empty = all
     * @param trainLimit         use the first N digits after filtering; null = all
     * @param validationFraction the seeded validation share, in (0, 1)
     * @param augment            training-time augmentation (all off by default)
     * @param testDir            {@code folder}: class folders of held-out images, evaluated after training; null = none
     * @param invert             {@code folder}: polarity of the pictures, {@code auto} (invert each mostly light
     *                           picture), {@code yes} or {@code no}
     * @param layout             {@code npz} and evaluate.npz: the images array's axes, {@code auto}, {@code nhw},
     *                           {@code nhwc} or {@code nchw}
     * @param scale              {@code npz} and evaluate.npz: how values become [0, 1] intensities, {@code auto}
     *                           (uint8 / 255, floats in [0, 1] as they are), {@code none} (clipped) or {@code max}
     * @param split              {@code mnist}/{@code fashion-mnist}: the images trained on, {@code train} (the 60,000
     *                           training images) or {@code all} (with the 10,000 test images: the deep-clustering
     *                           papers' protocol)
     */
    public record Data(ImageSource.Kind source, String dir, boolean fetch, String npz, String imageKey,
                       String labelKey, List<Integer> digits, Integer trainLimit, double validationFraction,
                       Augment augment, String testDir, PictureLoader.Invert invert, ImageLayout layout,
                       PixelScale scale, Split split) {
        public static final Data DEFAULTS = new Data(ImageSource.Kind.MNIST, "data/mnist", true, null, null, null,
                List.of(1, 4, 8), null, 0.2, Augment.DEFAULTS, null, PictureLoader.Invert.AUTO, ImageLayout.AUTO,
                PixelScale.AUTO, Split.TRAIN);

        public Data {
            Check.option("source", source, ImageSource.Kind.class);
            Check.option("invert", invert, PictureLoader.Invert.class);
            Check.option("layout", layout, ImageLayout.class);
            Check.option("scale", scale, PixelScale.class);
            Check.option("split", split, Split.class);
            if (split == Split.ALL && !source.isIdx()) {
                throw new InvalidValueException("split", split, "train unless data.source is mnist or fashion-mnist");
            }
            if (testDir != null && source != ImageSource.Kind.FOLDER) {
                throw new InvalidValueException("test_dir", testDir, "null unless data.source is folder");
            }
            Check.nonEmpty("dir", dir);
            if (source == ImageSource.Kind.NPZ && (npz == null || npz.isBlank())) {
                throw new InvalidValueException("npz", npz, "the path of the training .npz (data.source is npz)");
            }
            digits = Check.list("digits", digits);
            Check.nullOrAtLeast("train_limit", trainLimit, 2);
            if (!(validationFraction > 0 && validationFraction < 1)) {
                throw new InvalidValueException("validation_fraction", validationFraction, "a number in (0, 1)");
            }
            Check.notNull("augment", augment, "a map");
        }

        /** Whether the test images are trained on too ({@code split: all}). */
        public boolean withTestImages() {
            return split == Split.ALL;
        }
    }

    /** The idx images trained on ({@code data.split}). */
    public enum Split {
        /** The training images (MNIST's 60,000). */
        TRAIN,
        /** The training and the test images (the deep-clustering papers' protocol). */
        ALL;

        /** The name configs use: train or all. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The model's kind ({@code model.type}). */
    public enum ModelType {
        /** The convolutional VAE. */
        CONV,
        /** The fully connected autoencoder (a VAE or a plain autoencoder). */
        DENSE;

        /** The name configs use: conv or dense. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the mixture is fitted on ({@code gmm.embedding}). */
    public enum Embedding {
        /** The latent means themselves. */
        NONE,
        /** A UMAP embedding of the latent means (the N2D recipe). */
        UMAP;

        /** The name configs use: none or umap. */
        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * @param rotationDegrees random rotation by up to ± this many degrees (0 = off)
     * @param flipProbability horizontal flip with this probability (0 = off)
     * @param noiseStd        additive Gaussian noise on [0, 1] pixels (0 = off)
     * @param shiftPixels     random shift by up to ± this many whole pixels on each axis (0 = off)
     */
    public record Augment(double rotationDegrees, double flipProbability, double noiseStd, int shiftPixels) {
        public static final Augment DEFAULTS = new Augment(0, 0, 0, 0);

        /** Whether any transformation is on. */
        public boolean any() {
            return rotationDegrees > 0 || flipProbability > 0 || noiseStd > 0 || shiftPixels > 0;
        }

        public Augment {
            Check.inRange("shift_pixels", shiftPixels, 0, 8);
            Check.inRange("rotation_degrees", rotationDegrees, 0, 180);
            Check.inRange("flip_probability", flipProbability, 0, 1);
            Check.inRange("noise_std", noiseStd, 0, 1);
        }
    }

    /**
     * The model: {@code type} conv (the convolutional VAE: channels, strides, dense) or dense (fully connected
     * layers, N2D's autoencoder: layers; a VAE, or with {@code variational: false} a plain autoencoder). A key of
     * the other type must be null (unset): the defaults leave it so ({@link VaeGmmConfig#defaultsFor}).
     *
     * @param type      {@code conv} or {@code dense}
     * @param channels  conv: encoder conv widths (the decoder mirrors them); dense: null
     * @param strides   conv: one stride (1 or 2) per encoder conv; dense: null
     * @param dense     conv: width of the dense layer before the latent heads; dense: null
     * @param layers    dense: the encoder's hidden widths (ReLU), mirrored by the decoder; conv: null
     * @param latentDim latent dimension
     * @param dropout   drop probability (conv: spatial on conv blocks, plain on the dense layer; dense: plain on
     *                  each hidden encoder layer), in [0, 1)
     * @param beta      weight of the KL divergence in the loss (0 for a plain autoencoder)
     * @param input     the images the model takes, [C, H, W]: C 1 (grey) or 3 (RGB); pictures are resized to H×W,
     *                  which every stride-2 layer must divide evenly
     * @param decoderDropout conv: drop probability of spatial dropout after each hidden transposed convolution of
     *                  the decoder (source document 004's decoder has it), in [0, 1); 0 = none; dense: 0
     * @param variational true: a VAE (μ, log σ², sampled z, KL term); false (dense only): a plain autoencoder whose
     *                  latent is its code
     * @param loss      the reconstruction term, summed over the pixels of an image: {@code bce} (sigmoid output)
     *                  or {@code mse} (dense only: linear output, squared error)
     */
    public record Model(ModelType type, List<Integer> channels, List<Integer> strides, Integer dense,
                        List<Integer> layers, int latentDim, double dropout, double beta, List<Integer> input,
                        double decoderDropout, boolean variational, ReconstructionLoss loss) {
        public static final Model DEFAULTS = new Model(ModelType.CONV, List.of(32, 64, 128, 128, 256),
                List.of(1, 2, 1, 2, 1), 512, null, 2, 0.2, 0.5, List.of(1, 28, 28), 0.0, true, ReconstructionLoss.BCE);
        /** The defaults of {@code type: dense}: N2D's hidden layers, no dropout, a VAE. */
        public static final Model DENSE_DEFAULTS = new Model(ModelType.DENSE, null, null, null,
                List.of(500, 500, 2000), 2, 0.0, 0.5, List.of(1, 28, 28), 0.0, true, ReconstructionLoss.BCE);
        /** The defaults of {@code type: dense} with {@code variational: false}: as dense, β 0. */
        public static final Model AUTOENCODER_DEFAULTS = new Model(ModelType.DENSE, null, null, null,
                List.of(500, 500, 2000), 2, 0.0, 0.0, List.of(1, 28, 28), 0.0, false, ReconstructionLoss.BCE);

        public Model {
            Check.option("type", type, ModelType.class);
            input = Check.list("input", input);
            if (input.size() != 3 || !(input.get(0) == 1 || input.get(0) == 3) || input.get(1) < 1 || input.get(2) < 1) {
                throw new InvalidValueException("input", input, "[C, H, W] with C 1 (grey) or 3 (RGB), H and W >= 1");
            }
            Check.option("loss", loss, ReconstructionLoss.class);
            if (type == ModelType.CONV) {
                channels = Check.nonEmpty("channels", channels);
                channels = Check.eachAtLeast("channels", channels, 1);
                strides = Check.list("strides", strides);
                for (int i = 0; i < strides.size(); i++) {
                    Check.inRange("strides[" + i + "]", strides.get(i), 1, 2);
                }
                Check.atLeast("dense", Check.notNull("dense", dense, "an integer"), 1);
                unset("layers", layers, ModelType.CONV);
                if (!variational) {
                    throw new InvalidValueException("variational", false, "true with model.type conv (the conv model "
                            + "is a VAE; model.type: dense for a plain autoencoder)");
                }
                if (loss != ReconstructionLoss.BCE) {
                    throw new InvalidValueException("loss", loss, "bce with model.type conv (mse: model.type dense)");
                }
            } else {
                unset("channels", channels, ModelType.DENSE);
                unset("strides", strides, ModelType.DENSE);
                unset("dense", dense, ModelType.DENSE);
                layers = Check.nonEmpty("layers", layers);
                layers = Check.eachAtLeast("layers", layers, 1);
                if (decoderDropout != 0) {
                    throw new InvalidValueException("decoder_dropout", decoderDropout, "0 with model.type dense "
                            + "(model.dropout drops units of the encoder's hidden layers)");
                }
            }
            if (latentDim < 2) {   // measured: a 1-D latent fails in SameDiff M2.1's backward pass (NPE in a reduce)
                throw new InvalidValueException("latent_dim", latentDim,
                        "an integer >= 2 (the conv VAE's graph does not train with a 1-D latent)");
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new InvalidValueException("dropout", dropout, "a number in [0, 1)");
            }
            if (!(decoderDropout >= 0 && decoderDropout < 1)) {
                throw new InvalidValueException("decoder_dropout", decoderDropout, "a number in [0, 1)");
            }
            Check.atLeast("beta", beta, 0.0);
            if (!variational && beta != 0) {
                throw new InvalidValueException("beta", beta, "0 with model.variational false (a plain autoencoder "
                        + "has no KL term)");
            }
        }

        /** True for the convolutional VAE ({@code type: conv}). */
        public boolean usesConv() {
            return type == ModelType.CONV;
        }

        /** A key of the other model type must stay null (unset). */
        private static void unset(String key, Object value, ModelType type) {
            if (value != null) {
                throw new InvalidValueException(key, value, "null (unset) with model.type " + type.configName() + " ("
                        + (type == ModelType.CONV ? "layers shape the dense model" : "channels, strides and dense shape "
                        + "the conv model; layers the dense one") + ")");
            }
        }
    }

    /**
     * @param epochs                 the most epochs
     * @param batchSize              images per batch
     * @param learningRate           Adam's initial learning rate
     * @param earlyStoppingPatience  stop after this many epochs without a better validation loss
     * @param plateauFactor          ReduceLROnPlateau: multiply the learning rate by this
     * @param plateauPatience        ReduceLROnPlateau: after this many epochs without improvement
     * @param minLr                  ReduceLROnPlateau: never below this
     */
    public record Train(int epochs, int batchSize, double learningRate, int earlyStoppingPatience,
                        double plateauFactor, int plateauPatience, double minLr) {
        public static final Train DEFAULTS = new Train(100, 128, 1e-3, 15, 0.5, 5, 1e-6);

        public Train {
            Check.atLeast("epochs", epochs, 1);
            Check.atLeast("batch_size", batchSize, 1);
            if (!(learningRate > 0 && Double.isFinite(learningRate))) {
                throw new InvalidValueException("learning_rate", learningRate, "a positive number");
            }
            Check.atLeast("early_stopping_patience", earlyStoppingPatience, 1);
            if (!(plateauFactor > 0 && plateauFactor < 1)) {
                throw new InvalidValueException("plateau_factor", plateauFactor, "a number in (0, 1)");
            }
            Check.atLeast("plateau_patience", plateauPatience, 1);
            Check.atLeast("min_lr", minLr, 0.0);
        }
    }

    /**
     * @param components candidate numbers of components; the one with the best validation accuracy is kept
     * @param covariance {@code full}, {@code diag} or {@code spherical}
     * @param nInit      EM restarts per candidate, the best lower bound kept
     * @param maxIter    EM iterations per restart
     * @param tol        EM stops when the lower bound (mean log-likelihood) changes by less than this
     * @param regCovar   added to the covariance diagonals
     * @param init       scikit-learn's init_params: kmeans (a converged k-means labelling), k-means++, random or
     *                   random_from_data
     * @param warmStart  scikit-learn's warm_start: the candidate with as many components as the mixture saved in
     *                   {@code models/<name>/gmm/} (same dimension and covariance type, no embedding) continues EM
     *                   from it instead of initialising (n_init unused for it); without such a mixture, as false
     * @param embedding  {@code none} (the mixture is fitted on the latent means) or {@code umap} (on a UMAP
     *                   embedding of them: the N2D recipe)
     * @param umap       the UMAP settings when {@code embedding: umap}
     * @param rejectQuantile vae_gmm: the quantile of the validation images' novelty scores above which an input is
     *                   flagged unknown, in (0, 1] (0.99: 1 % of validation images would be flagged)
     */
    public record Gmm(List<Integer> components, CovarianceType covariance, int nInit, int maxIter, double tol,
                      double regCovar, GmmOptions.Init init, boolean warmStart, Embedding embedding, Umap umap,
                      double rejectQuantile) {
        public static final Gmm DEFAULTS = new Gmm(List.of(3, 6, 9, 12, 15), CovarianceType.FULL, 3, 200, 1e-3, 1e-6,
                GmmOptions.Init.KMEANS, false, Embedding.NONE, Umap.DEFAULTS, 0.99);

        public Gmm {
            components = Check.nonEmpty("components", components);
            components = Check.eachAtLeast("components", components, 1);
            Check.option("covariance", covariance, CovarianceType.class);
            Check.atLeast("n_init", nInit, 1);
            Check.atLeast("max_iter", maxIter, 1);
            Check.atLeast("tol", tol, 0.0);
            Check.atLeast("reg_covar", regCovar, 0.0);
            Check.option("init", init, GmmOptions.Init.class);
            Check.option("embedding", embedding, Embedding.class);
            Check.notNull("umap", umap, "a map");
            if (!(rejectQuantile > 0 && rejectQuantile <= 1)) {
                throw new InvalidValueException("reject_quantile", rejectQuantile, "a number in (0, 1]");
            }
        }

        /** True when the mixture is fitted on a UMAP embedding of the latents. */
        public boolean usesUmap() {
            return embedding == Embedding.UMAP;
        }
    }

    /**
     * UMAP between the latent means and the mixture (umap-learn's names).
     *
     * @param components the embedding dimension
     * @param neighbors  the neighbourhood size (local against global structure)
     * @param minDist    how tightly points may pack; umap-java tabulates its curve from 0.05 up, so smaller
     *                   values are refused (umap-learn's 0 behaves like 0.05 for clustering)
     * @param epochs     optimisation epochs; null = UMAP's default (200 above 10,000 points, else 500)
     */
    public record Umap(int components, int neighbors, double minDist, Integer epochs) {
        public static final Umap DEFAULTS = new Umap(3, 20, 0.05, null);

        public Umap {
            Check.atLeast("components", components, 1);
            Check.atLeast("neighbors", neighbors, 2);
            Check.inRange("min_dist", minDist, 0.05, 1);
            Check.nullOrAtLeast("epochs", epochs, 1);
        }
    }

    /**
     * @param mnistTest also evaluate on the MNIST t10k digits of the same labels
     * @param npz       held-out .npz files to evaluate (same key detection as data)
     * @param fitted    also score every image the model was fitted on (training and validation split) as a set
     *                  named {@value #FITTED}: the transductive protocol, not held out
     */
    public record Evaluate(boolean mnistTest, List<String> npz, boolean fitted) {
        /** The name of the fitted images' set in the summary and report. */
        public static final String FITTED = "fitted";
        public static final Evaluate DEFAULTS = new Evaluate(true, List.of(), false);

        public Evaluate {
            npz = Check.list("npz", npz);
        }
    }

    /**
     * @param gridImages           validation originals shown beside their reconstructions
     * @param samplesPerComponent  decoded samples drawn from each GMM component
     * @param scatterPoints        latent points drawn in the scatter plot (a seeded sample)
     */
    public record Report(int gridImages, int samplesPerComponent, int scatterPoints) {
        public static final Report DEFAULTS = new Report(16, 8, 3000);

        public Report {
            Check.atLeast("grid_images", gridImages, 1);
            Check.atLeast("samples_per_component", samplesPerComponent, 1);
            Check.atLeast("scatter_points", scatterPoints, 1);
        }
    }

    @Override
    public Map<String, List<String>> inputFiles() {
        Map<String, List<String>> files = InputFiles.dataSection(data.source(), data.dir(), data.npz(),
                data.testDir());
        if (!evaluate.npz().isEmpty()) {
            files.put("evaluate.npz", evaluate.npz());
        }
        return files;
    }
}
