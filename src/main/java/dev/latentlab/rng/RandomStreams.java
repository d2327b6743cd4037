package dev.latentlab.rng;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Derives independent random streams from one seed: a consumer names its purpose ({@code "gmm.restart"},
 * {@code "shuffle"}, …) and, where it has several, an index (restart i, epoch e), and gets a 64-bit seed that is a
 * SplitMix64-mixed function of the seed, the purpose and the indices only.
 *
 * <p>So streams are reproducible (the same seed, purpose and indices give the same draws), a consumer's stream does
 * not move when another consumer is added, and streams do not mirror each other: seed {@code s} restart {@code i+1}
 * is unrelated to seed {@code s+1} restart {@code i}, and adjacent seeds do not start alike. That is what
 * {@code new Random(seed + i)} did not give: {@link Random} scrambles its seed with one XOR, so adjacent seeds begin
 * with nearly the same draws, and {@code seed + i} makes runs with adjacent seeds share restarts. Every random
 * choice in latentlab goes through this class ({@code RandomStreamsSourceTest} refuses a bare {@code new Random(…)}
 * elsewhere in the sources).
 */
public final class RandomStreams {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private RandomStreams() {
    }

    /** The seed of the stream for {@code purpose} (and {@code indices}, outermost first) under {@code seed}. */
    public static long seed(long seed, String purpose, long... indices) {
        long h = mix(mix(seed + GOLDEN) ^ hash(purpose));
        for (long index : indices) {
            h = mix(h + GOLDEN * (index + 1));
        }
        return h;
    }

    /** A {@link Random} for the stream (for APIs that take one). */
    public static Random random(long seed, String purpose, long... indices) {
        return new Random(seed(seed, purpose, indices));
    }

    /** A {@link SplittableRandom} for the stream. */
    public static SplittableRandom splittable(long seed, String purpose, long... indices) {
        return new SplittableRandom(seed(seed, purpose, indices));
    }

    /** SplitMix64's finaliser (Stafford's variant 13): every input bit flips about half the output bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** FNV-1a over the purpose's UTF-8 bytes: stable across JVMs and releases (unlike relying on object hashes). */
    private static long hash(String purpose) {
        long h = FNV_OFFSET;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return h;
    }
}
