package dev.latentlab.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/** Parses YAML text into a tree, describing syntax errors in one line with their line and column. */
final class YamlText {
    private YamlText() {
    }

    /** A YAML syntax error: 1-based line and column (0 when unknown) and a one-line description. */
    static final class SyntaxError extends Exception {
        private final int line;
        private final int column;

        SyntaxError(int line, int column, String description, Throwable cause) {
            super(description, cause);
            this.line = line;
            this.column = column;
        }

        int line() {
            return line;
        }

        int column() {
            return column;
        }
    }

    /** The tree of {@code text}; a missing node when it holds no document (empty or only comments). */
    static JsonNode parse(String text) throws SyntaxError {
        try {
            return parse(new StringReader(text));
        } catch (IOException e) {
            throw new IllegalStateException("reading a string failed", e);
        }
    }

    /** The tree of the YAML read from {@code reader}; a missing node when it holds no document. */
    static JsonNode parse(Reader reader) throws IOException, SyntaxError {
        try {
            JsonNode tree = ConfigMappers.STRICT.readTree(reader);
            return tree == null ? ConfigMappers.STRICT.missingNode() : tree;
        } catch (JsonProcessingException e) {
            throw describe(e);
        }
    }

    private static SyntaxError describe(JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml) {
            Mark mark = yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
            String text = oneLine(yaml.getProblem());
            if (yaml.getContext() != null) {
                text += " (" + oneLine(yaml.getContext()) + ")";
            }
            int line = mark == null ? 0 : mark.getLine() + 1;
            int column = mark == null ? 0 : mark.getColumn() + 1;
            return new SyntaxError(line, column, "invalid YAML: " + text, e);
        }
        JsonLocation location = e.getLocation();
        int line = location == null ? 0 : location.getLineNr();
        int column = location == null ? 0 : location.getColumnNr();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        if (message.startsWith("Duplicate field")) {
            return new SyntaxError(line, column, "duplicate key " + duplicateKey(e, message), e);
        }
        if (message.contains("MalformedInputException") || message.contains("Invalid UTF-8")) {
            return new SyntaxError(line, column, "not UTF-8 text (expected a YAML config)", e);
        }
        if (message.startsWith("Trailing token")) {
            return new SyntaxError(line, column, "a second YAML document (---) found; a config holds one", e);
        }
        return new SyntaxError(line, column, "invalid YAML: " + oneLine(message), e);
    }

    /** The dotted path of a duplicate key, from the parser's context when it is at hand. */
    private static String duplicateKey(JsonProcessingException e, String message) {
        int open = message.indexOf('\'');
        int close = message.lastIndexOf('\'');
        String name = open >= 0 && close > open ? message.substring(open + 1, close) : message;
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null
                && parser.getParsingContext().getParent() != null) {
            String parent = KeyPath.of(parser.getParsingContext().getParent());
            return KeyPath.join(parent, name);
        }
        return name;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
