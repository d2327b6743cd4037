package dev.latentlab.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;

/**
 * picocli's text table with its wrapping columns broken only at spaces. picocli breaks where the JDK's line
 * {@link java.text.BreakIterator} allows, which includes after a '.' and before a '[' inside a word, so a config
 * key or a file name could be split across two lines ({@code --set search.} / {@code max_candidates=3}); here each
 * wrapped value is cut into lines between words first, and picocli writes each line as it is.
 */
final class WholeWordTable extends TextTable {
    private final ColorScheme colors;

    WholeWordTable(ColorScheme colors, Column... columns) {
        super(colors, columns);
        this.colors = colors;
    }

    @Override
    public Cell putValue(int row, int col, Text value) {
        Column column = columns()[col];
        if (value == null || column.overflow != Column.Overflow.WRAP) {
            return super.putValue(row, col, value);
        }
        int first = column.width - column.indent;
        List<int[]> lines = lines(value.plainString(), first, first - indentWrappedLines);
        Text continuation = colors.text(" ".repeat(indentWrappedLines));
        Cell cell = super.putValue(row, col, value.substring(lines.get(0)[0], lines.get(0)[1]));
        for (int i = 1; i < lines.size(); i++) {
            addEmptyRow();
            cell = super.putValue(++row, col, continuation.concat(value.substring(lines.get(i)[0], lines.get(i)[1])));
        }
        return cell;
    }

    /**
     * {@code text} cut between words into lines of at most {@code first} characters, then {@code next}: each line
     * as [start, end) without the spaces at the cut. A word longer than a line stays whole on its own line.
     */
    static List<int[]> lines(String text, int first, int next) {
        List<int[]> lines = new ArrayList<>();
        int start = 0;
        while (true) {
            int width = Math.max(1, lines.isEmpty() ? first : next);
            if (text.length() - start <= width) {
                lines.add(new int[] {start, text.length()});
                return lines;
            }
            int cut = text.lastIndexOf(' ', start + width);
            if (cut <= start) {
                cut = text.indexOf(' ', start + width);
                if (cut < 0) {
                    lines.add(new int[] {start, text.length()});
                    return lines;
                }
            }
            int end = cut;
            while (end > start && text.charAt(end - 1) == ' ') {
                end--;
            }
            lines.add(new int[] {start, end});
            start = cut;
            while (start < text.length() && text.charAt(start) == ' ') {
                start++;
            }
            if (start == text.length()) {
                return lines;
            }
        }
    }
}
