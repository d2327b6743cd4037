package dev.latentlab.cli;

import picocli.CommandLine.Option;

/**
 * The {@code --image-key KEY} option of the commands that read an .npz of images (evaluate, predict, reconstruct);
 * {@code --npz-key}, reconstruct's old name for it, still works but is left out of the help.
 */
final class ImageKeyOption {
    @Option(names = "--image-key", paramLabel = "KEY",
            description = "With --npz: the key of the images array (default: detected).")
    private String key;

    @Option(names = "--npz-key", paramLabel = "KEY", hidden = true, description = "The old name of --image-key.")
    private void oldName(String key) {
        this.key = key;
    }

    /** The key given, or null to detect it. */
    String value() {
        return key;
    }
}
