package dev.latentlab.task.dictionary;

import dev.latentlab.clustering.PointBlocks;
import dev.latentlab.clustering.Seeding;
import dev.latentlab.config.PatchDictionaryConfig;
import dev.latentlab.data.ImageSet;
import dev.latentlab.patches.PatchExtractor;
import dev.latentlab.rng.RandomStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a patch-dictionary run scores every dictionary on and shows: the non-blank test patches, the first digits
 * of each set for the reconstruction figures, a seeded sample of test patches for the examples figure and the one
 * test patch whose sparse code is drawn ({@code report.code_patch}, else the most varied of the sample).
 *
 * @param testImages    every test digit
 * @param testPatches   every non-blank test patch
 * @param trainExamples the first training digits reconstructed in the figures
 * @param testExamples  the first test digits reconstructed in the figures
 * @param novel         the novel pictures (null without {@code report.novel_images})
 * @param examples      the sampled test patches of the examples figure
 * @param codeRow       the test patch whose code is drawn
 * @param codePatch     that patch as a one-row block
 */
record TestSamples(ImageSet testImages, PointBlocks testPatches, ImageSet trainExamples, ImageSet testExamples, ImageSet novel,
                   PointBlocks examples, long codeRow, PointBlocks codePatch) implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TestSamples.class);

    static TestSamples of(ImageSet train, ImageSet test, ImageSet novel, PatchExtractor patches,
                          PatchDictionaryConfig.Report report, long seed) {
        PointBlocks testPatches = patches.extract(test, true);
        PointBlocks examples = null;
        try {
            LOG.info("{} non-blank test patches", testPatches.rows());
            long[] exampleRows = exampleRows(testPatches.rows(), report.examplePatches(), seed);
            long codeRow = report.codePatch() != null ? report.codePatch() : mostVaried(testPatches, exampleRows);
            examples = testPatches.gather(exampleRows);
            return new TestSamples(test, testPatches, train.head(report.exampleDigits()),
                    test.head(report.exampleDigits()), novel, examples, codeRow,
                    testPatches.gather(new long[] {codeRow}));
        } catch (RuntimeException e) {
            try (testPatches; PointBlocks made = examples) {
                throw e;
            }
        }
    }

    @Override
    public void close() {
        try (testPatches; examples; codePatch) {
            // closed in reverse order
        }
    }

    /** The rows of {@code x} as float arrays. */
    static List<float[]> rows(PointBlocks x) {
        List<float[]> out = new ArrayList<>();
        for (long i = 0; i < x.rows(); i++) {
            float[] row = new float[x.dim()];
            x.copyRow(i, row, 0);
            out.add(row);
        }
        return out;
    }

    /** Of the given rows, the one whose pixels vary most (largest variance: a stroke's edge, not a solid patch). */
    private static long mostVaried(PointBlocks x, long[] rows) {
        float[] row = new float[x.dim()];
        long best = rows.length == 0 ? 0 : rows[0];
        double bestVariance = -1;
        for (long r : rows) {
            x.copyRow(r, row, 0);
            double sum = 0;
            double sumSq = 0;
            for (float v : row) {
                sum += v;
                sumSq += (double) v * v;
            }
            double variance = sumSq / row.length - (sum / row.length) * (sum / row.length);
            if (variance > bestVariance) {
                bestVariance = variance;
                best = r;
            }
        }
        return best;
    }

    private static long[] exampleRows(long n, int count, long seed) {
        int m = (int) Math.min(n, count);
        long[] rows = Seeding.distinctIndices(n, m, RandomStreams.random(seed, "figure.patch_examples"));
        Arrays.sort(rows);
        return rows;
    }
}
