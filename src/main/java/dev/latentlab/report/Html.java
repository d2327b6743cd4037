package dev.latentlab.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/** Text made safe for the report's HTML: escaping, relative links, readable labels for JSON keys. */
final class Html {
    private static final Pattern ACRONYMS = Pattern.compile(
            "\\b(gmm|vae|nmi|ari|mse|psnr|bic|aic|umap|lr|k)\\b");
    private Html() {
    }

    /** HTML-escapes text for element content and quoted attribute values. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A relative link to a file of the run folder, e.g. {@code ./x%20y.png}. */
    static String href(String fileName) {
        return "./" + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
    }

    /**
     * A JSON key as a label: {@code train_mse} becomes "train MSE" (the key itself goes into a title); a dotted key
     * (a config key path such as {@code kmeans.k}) stays as it is.
     */
    static String label(String key) {
        if (key.contains(".")) {
            return key;
        }
        return ACRONYMS.matcher(key.replace('_', ' ')).replaceAll(m -> m.group().toUpperCase(Locale.ROOT));
    }

    /** A heading from a key: {@code one_component_per_class} becomes "One component per class". */
    static String heading(String key) {
        String l = label(key);
        return l.isEmpty() ? l : l.substring(0, 1).toUpperCase(Locale.ROOT) + l.substring(1);
    }

    /** An element id from a path of keys: lower-case letters, digits and dashes. */
    static String id(String path) {
        return "s-" + path.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
