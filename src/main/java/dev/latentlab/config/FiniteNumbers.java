package dev.latentlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;

/**
 * Finds numbers in a config tree that are not finite doubles (NaN, ±∞, or a literal such as {@code 1e400} that
 * overflows a double): every numeric key of every task is refused for them at load, before its record's own range
 * checks (which an ∞ could pass, e.g. {@code tol >= 0}).
 */
final class FiniteNumbers {
    private static final BigDecimal DOUBLE_MAX = new BigDecimal(Double.MAX_VALUE);

    private FiniteNumbers() {
    }

    /** The key path of the first non-finite number in {@code node} (lists as {@code key[i]}), or null. */
    static String firstNonFinite(JsonNode node, String path) {
        if (node.isNumber()) {
            return finite(node) ? null : path;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String found = firstNonFinite(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey());
                if (found != null) {
                    return found;
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                String found = firstNonFinite(node.get(i), path + "[" + i + "]");
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static boolean finite(JsonNode number) {
        if (number.isBigDecimal()) {
            return number.decimalValue().abs().compareTo(DOUBLE_MAX) <= 0;
        }
        if (number.isIntegralNumber()) {
            return true;
        }
        return Double.isFinite(number.doubleValue());
    }
}
