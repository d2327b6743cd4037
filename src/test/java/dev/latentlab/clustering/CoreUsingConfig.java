package dev.latentlab.clustering;

import dev.latentlab.config.PatchDictionaryConfig;

/** A numeric core class reading a config record: ArchitectureRulesTest's proof that its rule can fail. */
final class CoreUsingConfig {
    int firstK(PatchDictionaryConfig.KMeans config) {
        return config.k().get(0);
    }
}
