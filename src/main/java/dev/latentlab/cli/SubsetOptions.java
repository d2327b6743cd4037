package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.data.ImageSet;
import dev.latentlab.data.MnistFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The labelled-subset options of {@code data npz} and {@code data images}: {@code --split}, {@code --digits}, {@code --limit}. */
final class SubsetOptions {
    @Option(names = "--split", paramLabel = "train|test",
            description = "The training or the test split (default: ${DEFAULT-VALUE}).")
    private String split = "test";

    @Option(names = "--digits", split = ",", paramLabel = "N", description = "Keep these labels (default: all).")
    private List<Integer> digits = List.of();

    @Option(names = "--limit", paramLabel = "N", description = "At most this many images after filtering (default: all).")
    private Integer limit;

    /** Refuses a split other than train or test (in any case), labels outside 0-9, and a limit below 1. */
    void check() {
        split = Choice.of("--split", split, "train", "test");
        List<Integer> notLabels = digits.stream().filter(d -> d < 0 || d > 9).toList();
        if (!notLabels.isEmpty()) {
            throw new BadInputException("--digits " + notLabels.stream().map(String::valueOf)
                    .collect(java.util.stream.Collectors.joining(",")) + ": expected labels 0-9 (the dataset's classes)");
        }
        if (limit != null && limit < 1) {
            throw new BadInputException("--limit " + limit + ": expected an integer >= 1");
        }
    }

    /** The chosen split of the idx dataset in {@code dir}, the chosen labels only, at most the limit. */
    ImageSet select(Path dir) throws IOException {
        ImageSet images = split.equals("train") ? MnistFiles.train(dir) : MnistFiles.test(dir);
        if (!digits.isEmpty()) {
            images = images.withLabels(digits);
        }
        return limit == null ? images : images.head(limit);
    }
}
