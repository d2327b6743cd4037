package dev.latentlab.cli;

import dev.latentlab.data.PictureLoader;
import picocli.CommandLine.Option;

/** The {@code --invert yes|no|auto} option of the commands that read pictures (any case: {@code YES} works too). */
final class InvertOption {
    @Option(names = "--invert", paramLabel = "yes|no|auto",
            description = "Invert the grey levels of the pictures: yes, no, or auto (default), which inverts each "
                    + "mostly light picture (the models see light strokes on dark).")
    private PictureLoader.Invert invert = PictureLoader.Invert.AUTO;

    /** The chosen polarity (a value other than yes, no or auto is refused while the command line is parsed). */
    PictureLoader.Invert value() {
        return invert;
    }
}
