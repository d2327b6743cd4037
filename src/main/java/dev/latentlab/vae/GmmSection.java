package dev.latentlab.vae;

import dev.latentlab.config.VaeGmmConfig;
import dev.latentlab.mixture.CovarianceType;
import dev.latentlab.mixture.GmmOptions;

/** The EM options of a config's {@code gmm:} section (vae_gmm and latent_gmm). */
final class GmmSection {
    private GmmSection() {
    }

    /** {@code g}'s options with its first candidate number of components and {@code seed}. */
    static GmmOptions options(VaeGmmConfig.Gmm g, long seed) {
        return new GmmOptions(g.components().get(0), CovarianceType.fromSklearnName(g.covariance()), g.maxIter(),
                g.tol(), g.regCovar(), g.nInit(), GmmOptions.Init.fromSklearnName(g.init()), seed);
    }
}
