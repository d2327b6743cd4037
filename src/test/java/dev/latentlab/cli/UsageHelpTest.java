package dev.latentlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every command's and subcommand's {@code --help}, rendered as users see it (walking the command tree): whole
 * sentences, no text cut off, no word (a config key, a file name) broken across lines, uniform placeholders.
 */
class UsageHelpTest {

    @TestFactory
    Stream<DynamicTest> everyHelpReadsWhole() {
        List<CommandLine> all = new ArrayList<>();
        collect(RootCommand.commandLine(), all);
        assertThat(all).hasSizeGreaterThan(15);
        return all.stream().map(c -> DynamicTest.dynamicTest(c.getCommandSpec().qualifiedName(), () -> check(c)));
    }

    @Test
    void aWrappedLineBreaksOnlyBetweenWords() {
        String text = "Override a sweep config value, e.g. --set search.max_candidates=3 (repeatable).";
        for (int width = 10; width < text.length(); width++) {
            StringBuilder joined = new StringBuilder();
            for (int[] line : WholeWordTable.lines(text, width, width - 2)) {
                String piece = text.substring(line[0], line[1]);
                assertThat(piece.length()).as(piece).isLessThanOrEqualTo(Math.max(width, "search.max_candidates=3".length()));
                joined.append(joined.length() == 0 ? "" : " ").append(piece);
            }
            assertThat(joined.toString()).isEqualTo(text);
        }
    }

    private static void collect(CommandLine command, List<CommandLine> all) {
        all.add(command);
        command.getSubcommands().values().forEach(c -> collect(c, all));
    }

    private static void check(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
        String flat = normalise(help);
        String name = spec.qualifiedName();
        List<String> lines = help.lines().toList();
        for (String line : lines) {
            assertThat(line.length()).as(name + ": longer than " + WholeWordHelp.WIDTH + ": " + line)
                    .isLessThanOrEqualTo(WholeWordHelp.WIDTH);
        }
        String[] description = spec.usageMessage().description();
        assertThat(description).as(name + " has a description").isNotEmpty();
        String first = format(description[0]);
        assertThat(first).as(name + ": the first line of the description is a whole sentence")
                .matches("[A-Z].*\\.");
        StringBuilder source = new StringBuilder();
        for (String paragraph : description) {
            assertThat(flat).as(name + ": description shown whole").contains(normalise(format(paragraph)));
            source.append(format(paragraph)).append('\n');
        }
        for (CommandLine sub : command.getSubcommands().values()) {
            String summary = format(sub.getCommandSpec().usageMessage().description()[0]);
            assertThat(flat).as(name + ": the command list shows " + sub.getCommandName() + " whole")
                    .contains(normalise(summary));
            source.append(summary).append('\n');
        }
        List<ArgSpec> args = new ArrayList<>(spec.options());
        args.addAll(spec.positionalParameters());
        for (ArgSpec arg : args) {
            if (arg.hidden()) {
                continue;
            }
            String label = arg.isOption() ? ((CommandLine.Model.OptionSpec) arg).longestName() : arg.paramLabel();
            String text = format(String.join(" ", arg.description()));
            assertThat(text).as(name + " " + label + ": a description that ends a sentence").matches("[\\s\\S]*\\.");
            assertThat(flat).as(name + " " + label + ": description shown whole").contains(normalise(text));
            if (arg.typeInfo().isBoolean()) {
                continue;
            }
            assertThat(arg.paramLabel()).as(name + " " + label + ": a placeholder such as FILE, DIR, N or yes|no|auto")
                    .doesNotStartWith("<");
            source.append(text).append('\n');
        }
        for (int i = 0; i + 1 < lines.size(); i++) {
            String[] before = lines.get(i).strip().split(" ");
            String last = before[before.length - 1];
            String next = lines.get(i + 1).strip().split(" ")[0];
            assertThat(last.endsWith(".") && !next.isEmpty() && source.indexOf(last + next) >= 0)
                    .as(name + ": a word broken across lines " + (i + 1) + " and " + (i + 2) + ": " + last + " / " + next)
                    .isFalse();
        }
    }

    /** A description line as picocli shows it: %n and %% applied. */
    private static String format(String line) {
        return String.format(line);
    }

    private static String normalise(String text) {
        return text.replaceAll("\\s+", " ").strip();
    }
}
