package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.data.IdxReader;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.NpzReader;
import dev.latentlab.data.PictureLoader;
import dev.latentlab.kmeans.PatchCoder;
import dev.latentlab.kmeans.PatchDictionary;
import dev.latentlab.kmeans.PatchDictionaryFigures;
import dev.latentlab.kmeans.PatchDictionaryFiles;
import dev.latentlab.kmeans.PatchReconstructor;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code reconstruct}: rebuilds digits or pictures with a saved patch dictionary and writes a PNG. */
@Command(name = "reconstruct", mixinStandardHelpOptions = true,
        description = {"Rebuild digits with a saved patch dictionary (overlapping-patch averaging) and write",
                "a PNG: originals on top, reconstructions below. Prints MSE and PSNR (0..255 scale)."})
final class ReconstructCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR",
            description = "Dictionary folder, e.g. models/kmeans_quick/k100.")
    private Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Input input;

    static final class Input {
        @Option(names = "--image", paramLabel = "FILE", split = ",",
                description = "Pictures (PNG/JPEG), any size: grey, resized to 28x28, inverted when mostly light.")
        List<Path> images;

        @Option(names = "--idx", paramLabel = "FILE", description = "An MNIST idx image file (plain or .gz).")
        Path idx;

        @Option(names = "--npz", paramLabel = "FILE",
                description = "A numpy .npz of digits (uint8 0..255 or float [0,1]; [N,28,28], [N,784] or [N,1,28,28]).")
        Path npz;
    }

    @Option(names = "--npz-key", paramLabel = "KEY", description = "With --npz: the images array (default: detected).")
    private String npzKey;

    @Option(names = "--first", description = "With --idx/--npz: how many digits from the start (default: ${DEFAULT-VALUE}).")
    private int first = 16;

    @Option(names = "--invert", description = "With --image: AUTO, YES or NO (default: ${DEFAULT-VALUE}).")
    private PictureLoader.Invert invert = PictureLoader.Invert.AUTO;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The PNG to write.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (first < 1) {
            throw new BadInputException("--first " + first + ": expected an integer >= 1");
        }
        PatchDictionary dictionary = PatchDictionaryFiles.load(model);
        ImageSet images;
        if (input.idx != null) {
            images = IdxReader.readImages(input.idx, null).head(first);
        } else if (input.npz != null) {
            images = NpzReader.readImages(input.npz, npzKey, null).head(first);
        } else {
            images = PictureLoader.load(input.images, 28, 28, invert);
        }
        float[] recon;
        try (PatchCoder coder = new PatchCoder(Runtime.getRuntime().availableProcessors(), 0)) {
            recon = coder.reconstruct(images, dictionary);
        }
        double mse = PatchReconstructor.mse(images, recon);
        PatchDictionaryFigures.reconstructions(out, images, Map.of(dictionary.k(), recon), 4);
        System.out.printf(Locale.ROOT, "%d images, K=%d: MSE %.2f (%.5f on [0,1]), PSNR %.2f dB -> %s%n",
                images.count(), dictionary.k(), mse, mse / (255.0 * 255.0), PatchReconstructor.psnr(mse), out);
        return ExitCode.OK;
    }
}
