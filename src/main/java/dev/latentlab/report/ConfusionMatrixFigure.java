package dev.latentlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A confusion matrix as a heat map (XChart): true labels down (the first at the top), predicted labels across,
 * each cell the count of images, white for none to dark blue for the most.
 */
public final class ConfusionMatrixFigure implements Figure {
    private final String title;
    private final List<String> labels;
    private final long[][] counts;

    private ConfusionMatrixFigure(String title, List<String> labels, long[][] counts) {
        this.title = title;
        this.labels = List.copyOf(labels);
        this.counts = counts;
    }

    /**
     * The figure of a classification block of summary.json: one with {@code labels} (n values) and
     * {@code confusion_matrix} (n rows of n counts, rows true labels); empty when {@code block} is not one.
     */
    public static Optional<ConfusionMatrixFigure> of(String title, JsonNode block) {
        JsonNode labels = block.path("labels");
        JsonNode matrix = block.path("confusion_matrix");
        int n = labels.size();
        if (!labels.isArray() || !matrix.isArray() || n == 0 || matrix.size() != n) {
            return Optional.empty();
        }
        long[][] counts = new long[n][n];
        for (int r = 0; r < n; r++) {
            JsonNode row = matrix.get(r);
            if (!row.isArray() || row.size() != n) {
                return Optional.empty();
            }
            for (int c = 0; c < n; c++) {
                if (!row.get(c).canConvertToLong()) {
                    return Optional.empty();
                }
                counts[r][c] = row.get(c).asLong();
            }
        }
        List<String> names = new ArrayList<>();
        labels.forEach(l -> names.add(l.asText()));
        return Optional.of(new ConfusionMatrixFigure(title, names, counts));
    }

    /** The picture's side in pixels: room for the labels and about 56 pixels a class, 420 to 760. */
    int side() {
        return Math.max(420, Math.min(760, 200 + 56 * labels.size()));
    }

    @Override
    public BufferedImage toImage() {
        int n = labels.size();
        double[][] cells = new double[n][n];     // [column = predicted][row from the bottom]
        List<String> rows = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            rows.add(labels.get(n - 1 - r));
            for (int c = 0; c < n; c++) {
                cells[c][r] = counts[n - 1 - r][c];
            }
        }
        return LabelledHeatMap.titled(title).axes("predicted label", "true label").size(side() + 90, side())
                .colours(new Color(0xf7, 0xfb, 0xff), new Color(0xc6, 0xdb, 0xef), new Color(0x42, 0x92, 0xc6))
                .cells(labels, rows, cells).toImage();
    }
}
