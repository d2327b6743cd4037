package dev.latentlab.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Drops whole lines that start with a given prefix and passes everything else through. Installed on
 * {@code System.out} to silence SameDiff M2.1, which prints "Added differentiated op …" dozens of times with
 * {@code System.out.println} when it builds a gradient graph (no logger to turn down).
 */
final class LineFilteringStream extends OutputStream {
    private final OutputStream target;
    private final byte[] prefix;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LineFilteringStream(OutputStream target, String prefix) {
        this.target = target;
        this.prefix = prefix.getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces System.out with a filtered copy dropping lines that start with {@code prefix}. */
    static void installOnStdout(String prefix) {
        System.setOut(new PrintStream(new LineFilteringStream(System.out, prefix), true, StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void write(int b) throws IOException {
        line.write(b);
        if (b == '\n') {
            flushLine();
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        // Forward a partial line only when it cannot be the start of a dropped one.
        if (line.size() > 0 && !startsWithPrefix(line.toByteArray(), true)) {
            flushLine();
        }
        target.flush();
    }

    private void flushLine() throws IOException {
        byte[] bytes = line.toByteArray();
        line.reset();
        if (!startsWithPrefix(bytes, false)) {
            target.write(bytes);
        }
    }

    private boolean startsWithPrefix(byte[] bytes, boolean partialCounts) {
        int n = Math.min(bytes.length, prefix.length);
        if (!partialCounts && bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
