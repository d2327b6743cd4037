package dev.latentlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The peak resident memory of this process (Linux {@code VmHWM}), for benchmark lines. */
final class PeakMemory {
    private PeakMemory() {
    }

    /** Peak resident set size in MiB, -1 where /proc is not available. */
    static long residentMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
