package dev.latentlab.cli;

import java.util.IllegalFormatException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.Column.Overflow;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The usage help of every command: {@value #WIDTH} columns wide, every section laid out as picocli does but in
 * {@link WholeWordTable}s, so that lines break only between words (a config key, a file name or a synopsis
 * element such as {@code [--seeds=N[,N...]]} is never split across two lines).
 */
final class WholeWordHelp extends Help {
    /** The width of the usage help, in columns: the same on every terminal, so the help reads as documented. */
    static final int WIDTH = 100;
    /** picocli's bound on the indent of wrapped synopsis lines, as a fraction of the width (private there). */
    private static final double MAX_SYNOPSIS_INDENT = 0.9;

    WholeWordHelp(CommandSpec command, ColorScheme colors) {
        super(command, colors);
    }

    @Override
    public Layout createDefaultLayout(List<OptionSpec> options, List<PositionalParamSpec> positionals,
                                      ColorScheme colors) {
        int longOptions = calcLongOptionColumnWidth(options, positionals, colors);
        // picocli's default columns: required marker, short option, comma, long option, description
        WholeWordTable table = new WholeWordTable(colors, new Column(2, 0, Overflow.TRUNCATE),
                new Column(2, 0, Overflow.SPAN), new Column(1, 0, Overflow.TRUNCATE),
                new Column(longOptions, 1, Overflow.SPAN), new Column(width() - 5 - longOptions, 1, Overflow.WRAP));
        return new Layout(colors, table, createDefaultOptionRenderer(), createDefaultParameterRenderer());
    }

    @Override
    public String description(Object... params) {
        return paragraphs(usage().description(), params);
    }

    @Override
    public String header(Object... params) {
        return paragraphs(usage().header(), params);
    }

    @Override
    public String footer(Object... params) {
        return paragraphs(usage().footer(), params);
    }

    @Override
    public String commandList(Map<String, Help> subcommands) {
        if (subcommands.isEmpty()) {
            return "";
        }
        int names = Math.min(subcommands.keySet().stream().mapToInt(String::length).max().orElse(0), width() / 2);
        WholeWordTable table = new WholeWordTable(colorScheme(), new Column(names + 2, 2, Overflow.SPAN),
                new Column(width() - (names + 2), 2, Overflow.WRAP));
        for (Help help : subcommands.values()) {
            UsageMessageSpec usage = help.commandSpec().usageMessage();
            String[] summary = usage.header().length > 0 ? usage.header() : usage.description();
            table.addRowValues(help.commandNamesText(", "),
                    colorScheme().text(summary.length == 0 ? "" : format(summary[0])));
        }
        return table.toString();
    }

    @Override
    protected String insertSynopsisCommandName(int headingLength, Ansi.Text details) {
        String name = commandSpec().qualifiedName();
        int indent = headingLength + name.length() + 1;
        if (indent > usage().synopsisAutoIndentThreshold() * width()) {
            indent = usage().synopsisIndent() < 0 ? headingLength : usage().synopsisIndent();
            indent = Math.min(indent, (int) (MAX_SYNOPSIS_INDENT * width()));
        }
        WholeWordTable table = new WholeWordTable(colorScheme(), new Column(width(), 0, Overflow.WRAP));
        table.indentWrappedLines = indent;
        // the heading ("Usage: ") is printed before this text: stand-in characters keep its place on the first line
        Ansi.Text heading = Ansi.OFF.new Text("X".repeat(headingLength), colorScheme());
        table.addRowValues(heading.concat(colorScheme().commandText(name)).concat(details));
        return table.toString().substring(headingLength);
    }

    private String paragraphs(String[] lines, Object... params) {
        WholeWordTable table = new WholeWordTable(colorScheme(), new Column(width(), 0, Overflow.WRAP));
        table.indentWrappedLines = 0;
        for (String line : lines) {
            table.addRowValues(format(line, params));
        }
        return lines.length == 0 ? "" : table.toString();
    }

    /** A description line with its {@code %n}/{@code %%} and parameters applied, as picocli does. */
    private static String format(String line, Object... params) {
        try {
            return line == null ? "" : String.format(line, params);
        } catch (IllegalFormatException e) {
            return line;
        }
    }

    private UsageMessageSpec usage() {
        return commandSpec().usageMessage();
    }

    private int width() {
        return usage().width();
    }
}
