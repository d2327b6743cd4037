package dev.latentlab.rng;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every generator in the sources comes from {@link RandomStreams}: a bare {@code new Random(seed + i)},
 * {@code new SplittableRandom(…)} or {@code seed ^ constant} elsewhere fails the build, naming the file and line.
 */
class RandomStreamsSourceTest {
    private static final Pattern FORBIDDEN = Pattern.compile(
            "new\\s+(java\\.util\\.)?(Random|SplittableRandom)\\s*\\("
                    + "|\\bseed\\w*(\\(\\))?\\s*[-+*^]\\s*\\w"        // seed + i, seed * k + e, seed ^ constant
                    + "|\\w\\s*[-+*^]\\s*(\\w+\\.)?seed\\w*\\b(?!\\()" // i + seed, k * seed
                    + "|\\w\\s*[-+*^]\\s*\\w+\\.seed\\(\\)");          // 1 + options.seed()
    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("src/spark/java"));
    private static final Path HOME = Path.of("src/main/java/dev/latentlab/rng/RandomStreams.java");

    @Test
    void noGeneratorIsSeededOutsideRandomStreams() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path root : SOURCES) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(f -> f.toString().endsWith(".java") && !f.equals(HOME)).forEach(f -> scan(f, found));
            }
        }
        assertThat(found).as("seed a generator with RandomStreams.random/splittable/seed(seed, purpose, index…)")
                .isEmpty();
    }

    @Test
    void theScanCatchesThePatternsItIsFor() {
        for (String line : List.of("Random rng = new Random(options.seed() + i);",
                "return new SplittableRandom(seed * 1_000_003L + epoch);", "new Random(seed ^ 0x5DEECE66DL)",
                "rng = new java.util.Random(0);", "long s = seed + 1;", "long s = 1 + options.seed();")) {
            assertThat(FORBIDDEN.matcher(line).find()).as(line).isTrue();
        }
        for (String line : List.of("Random rng = RandomStreams.random(options.seed(), \"gmm.restart\", i);",
                "private static final SecureRandom RANDOM = new SecureRandom();", "this.seed = seed;",
                "@param seed   seed of every random choice")) {
            assertThat(FORBIDDEN.matcher(line).find()).as(line).isFalse();
        }
    }

    private static void scan(Path file, List<String> found) {
        try {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String code = lines.get(i).strip();
                if (code.startsWith("*") || code.startsWith("//") || code.startsWith("/*")) {
                    continue;
                }
                if (FORBIDDEN.matcher(code).find()) {
                    found.add(file + ":" + (i + 1) + ": " + code);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
