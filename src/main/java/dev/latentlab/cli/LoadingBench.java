package dev.latentlab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latentlab.BadInputException;
import dev.latentlab.data.Augmentation;
import dev.latentlab.data.ImageFolderReader;
import dev.latentlab.data.ImageFolderWriter;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.ImageSetIterator;
import dev.latentlab.data.MnistFetcher;
import dev.latentlab.data.MnistFiles;
import dev.latentlab.data.PictureLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench loading}: images per second from MNIST into training batches, both ways in one process — the
 * in-memory path (idx file read into an {@link ImageSet}, batches from {@link ImageSetIterator}) and DataVec's
 * (the same digits as PNG class folders through {@link ImageFolderReader}: ImageRecordReader +
 * RecordReaderDataSetIterator); the PNGs are written first and not timed.
 */
@Command(name = "loading", mixinStandardHelpOptions = true,
        description = {"Measures images per second from MNIST into training batches, in memory and through DataVec.",
                "The same digits go through the idx file and the in-memory iterator, then as PNG class folders "
                        + "through DataVec; the PNGs are written first and not timed."})
final class LoadingBench implements Callable<Integer> {
    @Option(names = "--images", paramLabel = "N", description = "t10k digits to load (default: ${DEFAULT-VALUE}).")
    private int images = 10_000;

    @picocli.CommandLine.Mixin
    private MnistDirOption dataDir = new MnistDirOption();

    @Option(names = "--work", paramLabel = "DIR", description = "Where the PNG folders go (default: a temp folder).")
    private Path work;

    @Override
    public Integer call() throws Exception {
        if (images < 1) {
            throw new BadInputException("bench loading: --images must be >= 1");
        }
        new MnistFetcher().fetchIfMissing(dataDir.value());
        Path dir = work != null ? work : Files.createTempDirectory("latentlab-loading");
        ImageFolderWriter.write(MnistFiles.test(dataDir.value()).head(images), dir.resolve("png"), "png", 0, false);

        drain(new ImageSetIterator(MnistFiles.test(dataDir.value()).head(images), 128, true, Augmentation.NONE, 1));  // warm-up
        long t0 = System.nanoTime();
        ImageSet inMemory = MnistFiles.test(dataDir.value()).head(images);
        drain(new ImageSetIterator(inMemory, 128, true, Augmentation.NONE, 1));
        double memorySeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        ImageSet viaDataVec = new ImageFolderReader(1, 28, 28, PictureLoader.Invert.NO)
                .readClasses(dir.resolve("png"), "bench").images();
        drain(new ImageSetIterator(viaDataVec, 128, true, Augmentation.NONE, 1));
        double dataVecSeconds = (System.nanoTime() - t1) / 1e9;

        ObjectNode out = new ObjectMapper().createObjectNode();
        out.put("images", images);
        out.put("in_memory_seconds", memorySeconds);
        out.put("in_memory_images_per_second", images / memorySeconds);
        out.put("datavec_png_seconds", dataVecSeconds);
        out.put("datavec_png_images_per_second", images / dataVecSeconds);
        out.put("ratio", dataVecSeconds / memorySeconds);
        out.put("same_pixel_sum", pixelSum(inMemory) == pixelSum(viaDataVec));
        System.out.println(out);
        return ExitCode.OK;
    }

    /** One pass over the iterator's batches (each one's features materialised). */
    private static void drain(ImageSetIterator it) {
        while (it.hasNext()) {
            DataSet batch = it.next();
            batch.getFeatures().close();
        }
    }

    private static long pixelSum(ImageSet set) {
        long sum = 0;
        for (byte b : set.pixels()) {
            sum += b & 0xff;
        }
        return sum;
    }
}
