/**
 * The command line (picocli): {@code --config} runs a task, and the subcommands ({@code data}, {@code evaluate},
 * {@code predict}, {@code sample}, {@code reconstruct}, {@code quantize}, {@code sweep}, {@code bench}); user mistakes
 * become one line and exit 2 here ({@link dev.latentlab.cli.ErrorReporter}).
 */
package dev.latentlab.cli;
