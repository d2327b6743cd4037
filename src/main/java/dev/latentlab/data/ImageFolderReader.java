package dev.latentlab.data;

import dev.latentlab.BadInputException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.datavec.api.io.labels.ParentPathLabelGenerator;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.image.recordreader.ImageRecordReader;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads image files (PNG, JPEG, BMP, any size) through DataVec into an {@link ImageSet} of the model's input shape:
 * an {@link ImageRecordReader} (OpenCV decoding; grey for one channel, RGB for three; resized with
 * {@link AreaResizingImageLoader}), class labels from the parent folder ({@link ParentPathLabelGenerator}), batches
 * through a {@link RecordReaderDataSetIterator}. Each image is then inverted when asked, or, with
 * {@link PictureLoader.Invert#AUTO}, when it is mostly light (mean above 127.5: the models see light strokes on
 * a dark ground, as in MNIST) — the same rule as {@code reconstruct --image}.
 *
 * <p>Reusable by any command: {@link #readClasses} for a folder of class folders (training, {@code evaluate}),
 * {@link #readFiles} for loose files and folders without classes (e.g. {@code predict --images}).
 */
public final class ImageFolderReader {
    private static final Logger LOG = LoggerFactory.getLogger(ImageFolderReader.class);
    private static final int BATCH = 256;
    private static final int COLOUR_PROBE = 200;

    private final int channels;
    private final int height;
    private final int width;
    private final PictureLoader.Invert invert;

    /**
     * @param channels 1 (grey) or 3 (RGB)
     * @param height   rows of the images produced
     * @param width    columns of the images produced
     * @param invert   polarity: yes, no or auto (invert mostly light images)
     */
    public ImageFolderReader(int channels, int height, int width, PictureLoader.Invert invert) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (grey) or 3 (RGB), got " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be >= 1, got " + height + "x" + width);
        }
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.invert = invert;
    }

    /**
     * The images of {@code dir}'s class folders, labelled: each folder name is a class (its integer value when every
     * name is an integer, else its index among the sorted names). {@code what} names the source in error messages
     * (e.g. {@code data.dir}).
     */
    public FolderImages readClasses(Path dir, String what) {
        List<ImageFolderListing.ClassFolder> classes = ImageFolderListing.classes(dir, what);
        List<String> names = classes.stream().map(ImageFolderListing.ClassFolder::name).toList();
        boolean numeric = FolderImages.numericNames(names);
        int[] values = new int[names.size()];
        Map<String, Integer> labelOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            values[i] = numeric ? Integer.parseInt(names.get(i)) : i;
            labelOf.put(names.get(i), values[i]);
        }
        List<Path> files = new ArrayList<>();
        classes.forEach(c -> files.addAll(c.files()));
        Decoded decoded = decode(files, what, true);
        int[] labels = new int[files.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labelOf.get(decoded.labelNames.get(decoded.labelIndex[i]));
        }
        ImageSet images = new ImageSet(files.size(), channels, height, width, decoded.pixels, labels);
        return new FolderImages(images, names, values, files);
    }

    /** The images named by {@code paths} (files, or folders of images), unlabelled, in the order given. */
    public FolderImages readFiles(List<Path> paths, String what) {
        List<Path> files = ImageFolderListing.files(paths, what);
        Decoded decoded = decode(files, what, false);
        return new FolderImages(new ImageSet(files.size(), channels, height, width, decoded.pixels, null),
                List.of(), new int[0], files);
    }

    private record Decoded(byte[] pixels, int[] labelIndex, List<String> labelNames) {
    }

    private Decoded decode(List<Path> files, String what, boolean labelled) {
        Path colour = null;
        for (int i = 0; i < files.size(); i++) {
            checkComplete(files.get(i), what);
            // the headers of the first pictures say whether the set is in colour (reading every header would
            // add seconds to a 60,000-picture folder)
            if (channels == 1 && colour == null && i < COLOUR_PROBE && ImageFileReader.storedInColour(files.get(i))) {
                colour = files.get(i);
            }
        }
        if (colour != null) {
            LOG.warn("pictures of {} are stored in colour ({} among them): converted to grey for the model's one "
                    + "channel", what, colour);
        }
        int size = channels * height * width;
        byte[] pixels = new byte[files.size() * size];
        int[] labelIndex = new int[files.size()];
        List<URI> uris = files.stream().map(Path::toUri).toList();
        try (ImageRecordReader reader = new AreaResizingRecordReader(height, width, channels,
                labelled ? new ParentPathLabelGenerator() : null)) {
            reader.initialize(new CollectionInputSplit(uris));
            List<String> labelNames = labelled ? reader.getLabels() : List.of();
            RecordReaderDataSetIterator it = labelled
                    ? new RecordReaderDataSetIterator(reader, BATCH, 1, labelNames.size())
                    : new RecordReaderDataSetIterator(reader, BATCH);
            int n = 0;
            while (it.hasNext()) {
                DataSet batch = nextBatch(it, files, n, what);
                INDArray x = batch.getFeatures().castTo(DataType.FLOAT);
                int b = (int) x.size(0);
                float[] values = x.dup('c').data().asFloat();
                for (int i = 0; i < b; i++) {
                    toBytes(values, i * size, pixels, (n + i) * size);
                    if (labelled) {
                        labelIndex[n + i] = batch.getLabels().getRow(i).argMax().getInt(0);
                    }
                }
                n += b;
            }
            if (n != files.size()) {
                throw new IllegalStateException("DataVec read " + n + " of " + files.size() + " images");
            }
            return new Decoded(pixels, labelIndex, labelNames);
        } catch (IOException e) {
            throw new BadInputException(what + ": cannot read images (" + e.getMessage() + ")");
        }
    }

    private static DataSet nextBatch(RecordReaderDataSetIterator it, List<Path> files, int first, String what) {
        try {
            return it.next();
        } catch (RuntimeException e) {
            Path file = files.get(Math.min(first, files.size() - 1));
            throw new BadInputException(what + ": cannot decode an image in " + file.getParent() + " (near "
                    + file.getFileName() + "): " + rootMessage(e));
        }
    }

    /**
     * DataVec's values (0..255, BGR order for colour) to bytes: RGB channel order, then inverted as asked. The
     * polarity rule looks at the whole image's mean.
     */
    private void toBytes(float[] values, int from, byte[] out, int to) {
        int plane = height * width;
        int size = channels * plane;
        double sum = 0;
        for (int p = 0; p < size; p++) {
            sum += values[from + p];
        }
        boolean flip = invert == PictureLoader.Invert.YES || (invert == PictureLoader.Invert.AUTO && sum / size > 127.5);
        for (int c = 0; c < channels; c++) {
            int source = channels == 3 ? 2 - c : c;   // OpenCV gives BGR
            for (int p = 0; p < plane; p++) {
                int v = Math.round(Math.max(0, Math.min(255, values[from + source * plane + p])));
                out[to + c * plane + p] = (byte) (flip ? 255 - v : v);
            }
        }
    }

    /**
     * Refuses a file OpenCV would half-read: an empty file, a PNG without its IEND chunk, a JPEG without its
     * end-of-image marker (libjpeg decodes a truncated JPEG with a warning and grey rows), a BMP shorter than its
     * header says.
     */
    private static void checkComplete(Path file, String what) {
        try {
            long length = Files.size(file);
            if (length == 0) {
                throw new BadInputException(what + " " + file + ": empty file (expected a PNG, JPEG or BMP image)");
            }
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            byte[] head = readRange(file, 0, (int) Math.min(length, 16));
            byte[] tail = readRange(file, Math.max(0, length - 16), (int) Math.min(length, 16));
            boolean ok;
            if (startsWith(head, 0x89, 'P', 'N', 'G')) {
                ok = new String(tail, java.nio.charset.StandardCharsets.ISO_8859_1).contains("IEND");
            } else if (startsWith(head, 0xFF, 0xD8)) {
                ok = endsWithJpegEnd(tail);
            } else if (startsWith(head, 'B', 'M')) {
                ok = head.length >= 6 && (Byte.toUnsignedLong(head[2]) | Byte.toUnsignedLong(head[3]) << 8
                        | Byte.toUnsignedLong(head[4]) << 16 | Byte.toUnsignedLong(head[5]) << 24) <= length;
            } else {
                throw new BadInputException(what + " " + file + ": not a PNG, JPEG or BMP image (unknown file signature)");
            }
            if (!ok) {
                throw new BadInputException(what + " " + file + ": truncated image (the file ends before the image does)");
            }
        } catch (IOException e) {
            throw new BadInputException(what + " " + file + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static boolean endsWithJpegEnd(byte[] tail) {
        int end = tail.length;
        while (end > 0 && tail[end - 1] == 0) {
            end--;   // some writers pad after EOI
        }
        return end >= 2 && (tail[end - 2] & 0xff) == 0xFF && (tail[end - 1] & 0xff) == 0xD9;
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] readRange(Path file, long from, int length) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            in.skipNBytes(from);
            return in.readNBytes(length);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }

    /** DataVec's image reader with {@link AreaResizingImageLoader} in place of its default loader. */
    private static final class AreaResizingRecordReader extends ImageRecordReader {
        AreaResizingRecordReader(long height, long width, long channels, ParentPathLabelGenerator labels) {
            super(height, width, channels, labels);
            this.imageLoader = new AreaResizingImageLoader(height, width, channels);
        }
    }
}
