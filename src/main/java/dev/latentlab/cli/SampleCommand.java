package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.latent.LatentClassifier;
import dev.latentlab.latent.LatentClassifierFiles;
import dev.latentlab.task.vaegmm.VaeFigures;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample --model models/vae_148 --out samples.png}: digits generated from each GMM component. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draws digits from each component of a saved VAE + GMM model and writes them as one picture.",
                "Each row is a component: latent codes sampled from it and decoded; for a mixture fitted on a UMAP "
                        + "embedding, training digits that the component claims."})
final class SampleCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    private ModelOption modelOption = new ModelOption();

    @Option(names = "--per-component", paramLabel = "N", description = "Samples per component, 1 to 100 (default: ${DEFAULT-VALUE}).")
    private int perComponent = 10;

    @Option(names = "--seed", paramLabel = "N", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = ImageOutput.DESCRIPTION)
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (perComponent < 1 || perComponent > 100) {
            throw new BadInputException("--per-component " + perComponent + ": expected an integer in 1..100");
        }
        ImageOutput picture = ImageOutput.check("--out", out);
        if (!LatentClassifierFiles.architecture(modelOption.checkedDir()).variational()) {
            throw new BadInputException(modelOption.dir() + ": a plain autoencoder (model.variational: false) has no "
                    + "prior to sample from; sample needs a VAE");
        }
        LatentClassifier classifier = LatentClassifierFiles.load(modelOption.dir());
        picture.write(png -> VaeFigures.componentSamples(png, classifier, perComponent, seed));
        System.out.println("wrote " + classifier.classifier().model().components() + " x " + perComponent
                + " samples to " + out);
        return ExitCode.OK;
    }
}
