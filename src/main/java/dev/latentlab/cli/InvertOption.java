package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import dev.latentlab.data.PictureLoader;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The {@code --invert yes|no|auto} option of the commands that read pictures. */
final class InvertOption {
    @Option(names = "--invert", paramLabel = "yes|no|auto", description = {"With --images: invert the grey levels;",
            "auto (default) inverts each mostly light picture (the models see light strokes on dark)."})
    private String invert = "auto";

    /** The chosen polarity; a value other than yes, no or auto is a bad input. */
    PictureLoader.Invert value() {
        return switch (invert.toLowerCase(Locale.ROOT)) {
            case "yes" -> PictureLoader.Invert.YES;
            case "no" -> PictureLoader.Invert.NO;
            case "auto" -> PictureLoader.Invert.AUTO;
            default -> throw new BadInputException("--invert " + invert + ": expected yes, no or auto");
        };
    }
}
