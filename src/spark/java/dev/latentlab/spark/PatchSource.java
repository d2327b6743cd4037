package dev.latentlab.spark;

import dev.latentlab.data.IdxImageRange;
import dev.latentlab.data.ImageSet;
import dev.latentlab.patches.PatchExtractor;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The patches of a range of digits of an idx image file, produced where a Spark partition runs: the partition
 * reads its own images from the file (which every executor must reach at the same path) and streams their
 * non-blank windows as float rows, digit by digit, so no patch passes through the driver and no partition holds more
 * than one digit's patches. With {@code copies > 0} every digit is followed by that many shifted and rotated
 * copies ({@link DigitCopies}), for patch sets larger than memory. Serializable: shipped to the executors.
 *
 * @param file      the idx image file (absolute path)
 * @param size      the patch side
 * @param stride    the window step
 * @param dropBlank leave out all-zero windows
 * @param copies    generated copies per digit (0 = the digits only)
 * @param seed      the seed of the copies
 */
public record PatchSource(String file, int size, int stride, boolean dropBlank, int copies, long seed)
        implements Serializable {

    /** The patches (0..255 pixel values, row-major, one array each) of digits {@code [from, to)} and their copies. */
    public Iterator<float[]> patches(int from, int to) {
        ImageSet digits;
        try {
            digits = IdxImageRange.read(Path.of(file), from, to);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new PatchIterator(digits, from);
    }

    /** Walks the digits (and copies) one at a time, holding one image's windows. */
    private final class PatchIterator implements Iterator<float[]> {
        private final ImageSet digits;
        private final int firstIndex;
        private final PatchExtractor windows = new PatchExtractor(size, stride);
        private final DigitCopies copier;
        private final List<float[]> pending = new ArrayList<>();
        private int next;
        private int image;
        private int copy;

        PatchIterator(ImageSet digits, int firstIndex) {
            this.digits = digits;
            this.firstIndex = firstIndex;
            this.copier = new DigitCopies(digits.height(), digits.width(), seed);
        }

        @Override
        public boolean hasNext() {
            while (next == pending.size()) {
                if (image == digits.count()) {
                    return false;
                }
                pending.clear();
                next = 0;
                ImageSet one = copy == 0 ? digits.select(new int[] {image})
                        : copier.copy(digits, image, firstIndex + image, copy);
                cut(one);
                if (++copy > copies) {
                    copy = 0;
                    image++;
                }
            }
            return true;
        }

        @Override
        public float[] next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return pending.get(next++);
        }

        private void cut(ImageSet one) {
            for (int r = 0; r < windows.positions(one.height()); r++) {
                for (int c = 0; c < windows.positions(one.width()); c++) {
                    float[] patch = new float[windows.dim()];
                    if (windows.copy(one, 0, r * stride, c * stride, patch) || !dropBlank) {
                        pending.add(patch);
                    }
                }
            }
        }
    }
}
