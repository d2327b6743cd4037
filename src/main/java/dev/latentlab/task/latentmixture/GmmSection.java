package dev.latentlab.task.latentmixture;

import dev.latentlab.config.VaeGmmConfig;
import dev.latentlab.mixture.GaussianMixture;
import dev.latentlab.mixture.GmmFiles;
import dev.latentlab.mixture.GmmOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The EM options of a config's {@code gmm:} section (vae_gmm and latent_gmm), and its warm start. */
public final class GmmSection {
    private static final Logger LOG = LoggerFactory.getLogger(GmmSection.class);

    private GmmSection() {
    }

    /**
     * The mixture to warm-start from: the one saved in {@code modelDir/gmm/} when {@code g.warm_start} is set and
     * there is one; null otherwise (logged).
     */
    public static GaussianMixture warmStart(VaeGmmConfig.Gmm g, Path modelDir) {
        if (!g.warmStart()) {
            return null;
        }
        Path dir = modelDir.resolve("gmm");
        if (!Files.isRegularFile(dir.resolve(GmmFiles.SIDECAR))) {
            LOG.info("gmm.warm_start: no mixture saved in {}; every candidate initialises", dir);
            return null;
        }
        GaussianMixture start = GmmFiles.load(dir);
        LOG.info("gmm.warm_start: the {}-component candidate continues EM from {}", start.components(), dir);
        return start;
    }

    /** {@code g}'s options with its first candidate number of components and {@code seed}. */
    public static GmmOptions options(VaeGmmConfig.Gmm g, long seed) {
        return new GmmOptions(g.components().get(0), g.covariance(), g.maxIter(), g.tol(), g.regCovar(), g.nInit(),
                g.init(), seed);
    }
}
