package dev.latentlab.manifold;

/**
 * UMAP's settings, with umap-learn's names: the embedding dimension, the neighbourhood size that balances local
 * against global structure, how tightly points may pack ({@code minDist} 0 gives the dense, well-separated clumps
 * a mixture fits best — the N2D recipe), the optimisation epochs (null = UMAP's default for the data size) and
 * the seed.
 */
public record UmapOptions(int components, int neighbours, double minDist, Integer epochs, long seed) {
    public UmapOptions {
        if (components < 1) {
            throw new IllegalArgumentException("components must be at least 1, got " + components);
        }
        if (neighbours < 2) {
            throw new IllegalArgumentException("neighbours must be at least 2, got " + neighbours);
        }
        if (!(minDist >= 0 && minDist <= 1)) {
            throw new IllegalArgumentException("min_dist must be in [0, 1], got " + minDist);
        }
        if (epochs != null && epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
    }
}
