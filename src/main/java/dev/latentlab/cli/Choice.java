package dev.latentlab.cli;

import dev.latentlab.BadInputException;
import java.util.Arrays;

/** A word-valued option matched against its allowed words in any case: {@code --split TEST} means test. */
final class Choice {
    private Choice() {
    }

    /** The allowed word that {@code value} names, ignoring case; anything else is refused in one line. */
    static String of(String option, String value, String... allowed) {
        for (String word : allowed) {
            if (word.equalsIgnoreCase(value)) {
                return word;
            }
        }
        throw new BadInputException(option + " " + value + ": expected " + words(allowed));
    }

    /** {@code a}, {@code a or b}, {@code a, b or c}. */
    static String words(String... words) {
        String last = words[words.length - 1];
        return words.length == 1 ? last : String.join(", ", Arrays.copyOf(words, words.length - 1)) + " or " + last;
    }
}
