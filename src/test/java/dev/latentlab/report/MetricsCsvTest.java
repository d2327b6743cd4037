package dev.latentlab.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsCsvTest {
    @TempDir
    Path dir;

    @Test
    void writesHeaderThenRowsWithConsistentNumbers() throws IOException {
        Path file = dir.resolve("metrics.csv");
        MetricsCsv csv = MetricsCsv.create(file, "epoch", "loss", "lr", "note");
        assertThat(Files.readString(file)).isEqualTo("epoch,loss,lr,note\n");

        csv.append(1, 0.25, 1e-4, "ok");
        csv.append(2L, Double.NaN, 0.1f, null);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("epoch", 3);
        row.put("loss", Double.POSITIVE_INFINITY);
        csv.append(row);

        assertThat(Files.readAllLines(file)).containsExactly(
                "epoch,loss,lr,note",
                "1,0.25,1.0e-4,ok",
                "2,NaN,0.1,",
                "3,inf,,");
        assertThat(csv.rowCount()).isEqualTo(3);
        assertThat(csv.columns()).containsExactly("epoch", "loss", "lr", "note");
        try (var files = Files.list(dir)) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void quotesStringsWithCommasQuotesAndLineBreaks() throws IOException {
        Path file = dir.resolve("m.csv");
        MetricsCsv csv = MetricsCsv.create(file, "name", "value");
        csv.append("a,b", "say \"hi\"");
        csv.append("two\nlines", " padded");
        assertThat(Files.readString(file)).isEqualTo(
                "name,value\n\"a,b\",\"say \"\"hi\"\"\"\n\"two\nlines\",\" padded\"\n");
        assertThat(CsvReader.parse(Files.readString(file))).containsExactly(
                List.of("name", "value"), List.of("a,b", "say \"hi\""), List.of("two\nlines", " padded"));
    }

    @Test
    void rejectsWrongRows() throws IOException {
        MetricsCsv csv = MetricsCsv.create(dir.resolve("m.csv"), "a", "b");
        assertThatThrownBy(() -> csv.append(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected 2");
        assertThatThrownBy(() -> csv.append(Map.of("c", 1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[c]");
        assertThatThrownBy(() -> MetricsCsv.create(dir.resolve("x.csv"), "a", "a"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
