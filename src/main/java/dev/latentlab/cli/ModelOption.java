package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.latent.LatentClassifierFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --model DIR} option of the commands that use a saved vae_gmm model (evaluate, predict, sample). */
final class ModelOption {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder, e.g. models/vae_148.")
    private Path dir;

    /** The model folder as given. */
    Path dir() {
        return dir;
    }

    /** The model folder, refused (one line) unless it holds a vae_gmm model's sidecar: checked before pictures are read. */
    Path checkedDir() {
        if (!Files.isRegularFile(dir.resolve(LatentClassifierFiles.SIDECAR))) {
            throw new BadInputException(dir + ": not a vae_gmm model folder (" + LatentClassifierFiles.SIDECAR
                    + " not found)");
        }
        return dir;
    }
}
