package dev.latentlab.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The idx datasets a config can name as {@code data.source}: {@code mnist} and {@code fashion-mnist} (the same four
 * file names and format), their folders and their fetchers.
 *
 * <p>idx and npz data stay on the in-memory path (an {@link ImageSet} batched by {@link ImageSetIterator}), not
 * DataVec: measured with {@code java -jar target/trainer.jar bench loading --images 10000} (the 10,000 t10k digits,
 * both paths in one process on the shared 2-core machine, load average ~28): in memory 4,489 images/s (2.23 s, idx
 * read included), DataVec 229 images/s (43.6 s for the same digits as PNG class folders through ImageRecordReader +
 * RecordReaderDataSetIterator), 19.6× slower; the pixels came out identical. DataVec reads what only it can: folders
 * of pictures ({@link ImageFolderReader}).
 */
final class IdxDatasets {
    private IdxDatasets() {
    }

    /**
     * The folder of {@code source}'s files: {@code dir}, except that Fashion-MNIST with the MNIST default folder
     * (data/mnist, the key's default) means data/fashion-mnist.
     */
    static Path dir(ImageSource.Kind source, Path dir) {
        Path p = dir;
        return source == ImageSource.Kind.FASHION_MNIST && p.normalize().equals(MnistFetcher.DEFAULT_DIR)
                ? FashionMnistFetcher.DEFAULT_DIR : p;
    }

    /** Fetches {@code source} into {@code dir} when it is missing (MNIST) or not yet verified (Fashion-MNIST). */
    static void ensure(ImageSource.Kind source, Path dir) throws IOException {
        if (source == ImageSource.Kind.FASHION_MNIST) {
            new FashionMnistFetcher().ensure(dir);
        } else {
            new MnistFetcher().ensure(dir);
        }
    }

    /** A short name for held-out evaluations: mnist_t10k or fashion_t10k. */
    static String testName(ImageSource.Kind source) {
        return source == ImageSource.Kind.FASHION_MNIST ? "fashion_t10k" : "mnist_t10k";
    }
}
