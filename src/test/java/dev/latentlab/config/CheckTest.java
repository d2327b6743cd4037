package dev.latentlab.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class CheckTest {

    @Test
    void passingChecksReturnTheirValue() {
        assertThat(Check.atLeast("n", 3, 1)).isEqualTo(3);
        assertThat(Check.atLeast("n", 3L, 1L)).isEqualTo(3L);
        assertThat(Check.atLeast("x", 0.0, 0.0)).isZero();
        assertThat(Check.nullOrAtLeast("n", null, 1)).isNull();
        assertThat(Check.inRange("n", 28, 1, 28)).isEqualTo(28);
        assertThat(Check.inRange("p", 0.5, 0.0, 1.0)).isEqualTo(0.5);
        assertThat(Check.oneOf("a", "lloyd", "lloyd", "minibatch")).isEqualTo("lloyd");
        assertThat(Check.nonEmpty("s", "x")).isEqualTo("x");
        assertThat(Check.matches("s", "ab", Pattern.compile("[a-z]+"), "letters")).isEqualTo("ab");
    }

    @Test
    void failuresCarryKeyValueAndExpectation() {
        assertThatThrownBy(() -> Check.atLeast("max_iter", 0, 1)).isInstanceOfSatisfying(InvalidValueException.class, e -> {
            assertThat(e.key()).isEqualTo("max_iter");
            assertThat(e.value()).isEqualTo("0");
            assertThat(e.expectation()).isEqualTo("an integer >= 1");
            assertThat(e).hasMessage("max_iter = 0: expected an integer >= 1");
        });
        assertThatThrownBy(() -> Check.atLeast("tol", Double.NaN, 0.0)).hasMessage("tol = NaN: expected a number >= 0");
        assertThatThrownBy(() -> Check.atLeast("seed", -1L, 0L)).hasMessage("seed = -1: expected an integer >= 0");
        assertThatThrownBy(() -> Check.inRange("p", 1.5, 0.0, 1.0)).hasMessage("p = 1.5: expected a number from 0 to 1");
        assertThatThrownBy(() -> Check.nonEmpty("dir", " ")).hasMessage("dir = \" \": expected a non-empty string");
        assertThatThrownBy(() -> Check.nonEmpty("dir", (String) null)).hasMessage("dir = null: expected a non-empty string");
        assertThatThrownBy(() -> Check.notNull("data", null, "a map")).hasMessage("data = null: expected a map");
        assertThatThrownBy(() -> Check.oneOf("init", "kmeans+", "kmeans++", "random"))
                .hasMessage("init = \"kmeans+\": expected one of kmeans++, random (did you mean kmeans++?)");
        assertThatThrownBy(() -> Check.oneOf("init", null, "kmeans++", "random"))
                .hasMessage("init = null: expected one of kmeans++, random");
    }

    @Test
    void listChecksCopyAndIndexTheirFailures() {
        List<Integer> source = new ArrayList<>(List.of(1, 2));
        List<Integer> copy = Check.eachAtLeast("k", source, 1);
        source.add(3);
        assertThat(copy).containsExactly(1, 2);
        assertThatThrownBy(() -> copy.add(4)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> Check.eachAtLeast("k", Arrays.asList(1, null), 1)).hasMessage("k[1] = null: expected a value");
        assertThatThrownBy(() -> Check.list("k", null)).hasMessage("k = null: expected a list");
        assertThatThrownBy(() -> Check.nonEmpty("k", List.of())).hasMessage("k = []: expected a non-empty list");
        assertThatThrownBy(() -> Check.strictlyIncreasing("k", List.of(1, 1)))
                .hasMessage("k = [1, 1]: expected strictly increasing values (k[1] = 1 is not above 1)");
        assertThatThrownBy(() -> Check.eachIn("report.atlas_k", List.of(4), List.of(1, 2), "kmeans.k"))
                .hasMessage("report.atlas_k[0] = 4: expected a value listed in kmeans.k [1, 2]");
    }

    @Test
    void stringsAreQuotedAndEscapedInMessages() {
        assertThatThrownBy(() -> Check.matches("name", "a \"b\"", Pattern.compile("\\w+"), "a word"))
                .hasMessage("name = \"a \\\"b\\\"\": expected a word");
    }
}
