package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.vae.LatentClassifier;
import dev.latentlab.vae.LatentClassifierFiles;
import dev.latentlab.vae.VaeFigures;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample --model models/vae_148 --out samples.png}: digits generated from each GMM component. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = "Draw latent codes from each Gaussian mixture component, decode them, write a PNG grid (row = component); "
                + "for a mixture fitted on a UMAP embedding, decode training digits each component claims.")
final class SampleCommand implements Callable<Integer> {

    @picocli.CommandLine.Mixin
    private ModelOption modelOption = new ModelOption();

    @Option(names = "--per-component", description = "Samples per component (default: ${DEFAULT-VALUE}).")
    private int perComponent = 10;

    @Option(names = "--seed", description = "Sampling seed (default: ${DEFAULT-VALUE}).")
    private long seed = 42;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The PNG to write.")
    private Path out;

    @Override
    public Integer call() throws Exception {
        if (perComponent < 1 || perComponent > 100) {
            throw new BadInputException("--per-component " + perComponent + ": expected an integer in 1..100");
        }
        if (!LatentClassifierFiles.architecture(modelOption.checkedDir()).variational()) {
            throw new BadInputException(modelOption.dir() + ": a plain autoencoder (model.variational: false) has no "
                    + "prior to sample from; sample needs a VAE");
        }
        LatentClassifier classifier = LatentClassifierFiles.load(modelOption.dir());
        VaeFigures.componentSamples(out, classifier, perComponent, seed);
        System.out.println("wrote " + classifier.classifier().model().components() + " x " + perComponent
                + " samples to " + out);
        return ExitCode.OK;
    }
}
