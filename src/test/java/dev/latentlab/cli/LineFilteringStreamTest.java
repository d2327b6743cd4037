package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineFilteringStreamTest {

    @Test
    void dropsOnlyWholeLinesWithThePrefix() {
        PrintStream old = System.out;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(sink, true, StandardCharsets.UTF_8));
            LineFilteringStream.installOnStdout("Added differentiated op ");
            System.out.println("Added differentiated op add_1");
            System.out.println("run folder: runs/x");
            System.out.print("Added");
            System.out.println(" differentiated op mul");
            System.out.println("Added something else");
            System.out.print("no newline yet");
            System.out.flush();
        } finally {
            System.setOut(old);
        }
        assertThat(sink.toString(StandardCharsets.UTF_8))
                .isEqualTo("run folder: runs/x\nAdded something else\nno newline yet");
    }
}
