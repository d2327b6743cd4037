package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.data.RgbImage;
import dev.latentlab.data.RgbImageLoader;
import dev.latentlab.quantize.ColourQuantizer;
import dev.latentlab.quantize.ColourStats;
import dev.latentlab.quantize.Quantization;
import dev.latentlab.quantize.QuantizeMethod;
import dev.latentlab.quantize.QuantizeOptions;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code quantize}: one picture, one method, one palette size, one PNG; prints MSE, PSNR and seconds. */
@Command(name = "quantize", mixinStandardHelpOptions = true,
        description = {"Reduces a picture (JPEG/PNG) to K colours with one method and writes the result.",
                "Prints MSE and PSNR (0..255 scale), seconds and the palette+indices compression ratio. For several "
                        + "methods and Ks with figures and a report, run --config configs/quantize.yaml."})
final class QuantizeCommand implements Callable<Integer> {

    @Option(names = "--image", required = true, paramLabel = "FILE", description = "The picture (JPEG or PNG).")
    private Path image;

    @Option(names = "--k", required = true, paramLabel = "N", description = "Palette size K: the number of colours.")
    private int k;

    @Option(names = "--method", paramLabel = "NAME",
            description = "kmeans, minibatch, gmm, random or gmm_sample (default: ${DEFAULT-VALUE}).")
    private String method = "kmeans";

    @Option(names = "--out", required = true, paramLabel = "FILE", description = ImageOutput.DESCRIPTION)
    private Path out;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of every random choice (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--threads", paramLabel = "N",
            description = "k-means search threads; 0 = all cores (default: ${DEFAULT-VALUE}).")
    private int threads = 0;

    @Override
    public Integer call() throws Exception {
        QuantizeMethod m = QuantizeMethod.fromConfigName(method.toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new BadInputException("--method " + method + ": expected one of " + QuantizeMethod.names());
        }
        if (k < 1) {
            throw new BadInputException("--k " + k + ": expected an integer >= 1");
        }
        if (threads < 0) {
            throw new BadInputException("--threads " + threads + ": expected an integer >= 0");
        }
        ImageOutput result = ImageOutput.check("--out", out);
        RgbImage picture = RgbImageLoader.load(image);
        int n = picture.pixelCount();
        if (k > n) {
            throw new BadInputException("--k " + k + ": expected at most the picture's " + n + " pixels");
        }
        int distinct = ColourStats.distinctColours(picture.pixels());
        if (k > distinct) {
            System.err.println("note: --k " + k + " is above the picture's " + distinct + " distinct colours: the "
                    + "palette can use at most " + distinct + " (the extra centres stay empty or duplicate)");
        }
        QuantizeOptions options = QuantizeOptions.defaults(seed)
                .withThreads(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads);
        ColourQuantizer.warmUp();
        Quantization q;
        try (ColourQuantizer quantizer = new ColourQuantizer(picture.pixels(), options)) {
            q = quantizer.quantize(m, k);
        }
        result.write(picture.withPixels(q.pixels()).toBufferedImage());
        System.out.printf(Locale.ROOT, "%s, %dx%d, %d distinct colours; %s K=%d: MSE %.2f, PSNR %.2f dB, %.3f s,"
                        + " %d iterations, %.2fx smaller than raw 24-bit -> %s%n", image, picture.width(),
                picture.height(), ColourStats.distinctColours(picture.pixels()), m.configName(), k, q.mse(), q.psnr(),
                q.seconds(), q.iterations(), ColourStats.compressionRatio(n, k), out);
        return ExitCode.OK;
    }
}
