package dev.latentlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The numbers a report opens with, read from summary.json by its documented shapes: a classifier's test accuracy,
 * NMI and ARI (its first {@code evaluations} set, else {@code validation}); a patch dictionary's lowest test MSE with
 * its PSNR and the elbow; a colour quantization's best MSE and PSNR per picture at its largest K; a sweep's best
 * objective, mean over seeds and candidates (an interrupted run has none: its banner says where it stopped). Then
 * the run time ({@code seconds_total}, a sweep's {@code seconds}). Values keep every digit here; the page rounds
 * them.
 */
public record Headline(List<Item> items) {
    /** One number of the headline: what it is, its value (a number or a text) and where it comes from. */
    public record Item(String label, JsonNode value, String unit, String detail) {
    }

    public Headline {
        items = List.copyOf(items);
    }

    /** The headline of {@code summary} (empty for a missing or unknown summary). */
    public static Headline of(JsonNode summary) {
        List<Item> items = new ArrayList<>();
        if (summary == null || !summary.isObject()) {
            return new Headline(items);
        }
        classifier(summary, items);
        dictionary(summary, items);
        quantization(summary, items);
        sweep(summary, items);
        JsonNode seconds = summary.has("seconds_total") ? summary.get("seconds_total") : summary.get("seconds");
        if (seconds != null && seconds.isNumber()) {
            items.add(new Item("run time", text(duration(seconds.asDouble())), "", ""));
        }
        return new Headline(items);
    }

    private static void classifier(JsonNode s, List<Item> items) {
        JsonNode set = s.path("evaluations").path(0);
        // evaluate.fitted's set holds the images fitted on: the papers' protocol, not a held-out score
        String what = set.path("name").asText().equals("fitted") ? "fitted-set" : "test";
        if (!set.has("accuracy")) {
            set = s.path("validation");
            what = "validation";
        }
        if (!set.has("accuracy")) {
            return;
        }
        String detail = set.path("name").asText(what) + (set.has("count")
                ? ", " + ReportNumbers.whole(set.get("count").asLong()) + " images" : "");
        items.add(new Item(what + " accuracy", set.get("accuracy"), "", detail));
        for (String key : List.of("nmi", "ari")) {
            if (set.has(key)) {
                items.add(new Item(key.toUpperCase(Locale.ROOT), set.get(key), "", detail));
            }
        }
        JsonNode k = s.path("gmm_components");
        if (k.isNumber()) {
            items.add(new Item("mixture components", k, "", "chosen by " + Html.label(s.path("select_by")
                    .asText(s.path("gmm_components_chosen_by").asText("val_accuracy")))));
        }
    }

    private static void dictionary(JsonNode s, List<Item> items) {
        JsonNode best = null;
        for (JsonNode r : s.path("results")) {
            if (r.has("test_mse") && (best == null || r.get("test_mse").asDouble() < best.get("test_mse").asDouble())) {
                best = r;
            }
        }
        if (best == null) {
            return;
        }
        String detail = best.path("method").asText("") + ", K = " + ReportNumbers.whole(best.path("k").asLong());
        items.add(new Item("lowest test MSE", best.get("test_mse"), "", detail + " (per pixel, 0..255)"));
        if (best.has("recon_psnr")) {
            items.add(new Item("test digits rebuilt", best.get("recon_psnr"), "dB PSNR", detail));
        }
        if (s.path("elbow_k").isNumber()) {
            JsonNode methods = s.path("methods");
            items.add(new Item("elbow K", s.get("elbow_k"), "", (methods.size() > 1 ? methods.get(0).asText() + ": " : "")
                    + "beyond it, " + Html.label(s.path("elbow_metric").asText("the error")) + " falls slowly"));
        }
    }

    private static void quantization(JsonNode s, List<Item> items) {
        Map<String, JsonNode> best = new LinkedHashMap<>();
        for (JsonNode r : s.path("results")) {
            if (!r.has("psnr") || !r.has("mse") || !r.has("image")) {
                continue;
            }
            JsonNode b = best.get(r.get("image").asText());
            int k = r.path("k").asInt();
            if (b == null || k > b.path("k").asInt()
                    || (k == b.path("k").asInt() && r.get("mse").asDouble() < b.get("mse").asDouble())) {
                best.put(r.get("image").asText(), r);
            }
        }
        best.forEach((image, r) -> {
            String detail = r.path("method").asText("") + ", K = " + r.path("k").asInt();
            items.add(new Item("MSE, " + image, r.get("mse"), "", detail + " (lowest at the largest K)"));
            items.add(new Item("PSNR, " + image, r.get("psnr"), "dB", detail));
        });
    }

    private static void sweep(JsonNode s, List<Item> items) {
        JsonNode best = s.path("best");
        if (!best.has("objective")) {
            return;
        }
        List<String> parameters = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> p = best.path("parameters").fields();
        while (p.hasNext()) {
            Map.Entry<String, JsonNode> e = p.next();
            parameters.add(e.getKey() + " = " + e.getValue().asText());
        }
        String direction = s.path("direction").asText("");
        items.add(new Item("best " + s.path("objective").asText("objective"), best.get("objective"), "",
                (direction.isEmpty() ? "" : direction + "d, ") + (parameters.isEmpty() ? "candidate "
                        + best.path("index").asText() : String.join(", ", parameters))));
        JsonNode seeds = s.path("across_seeds").path(0).path("objective");
        if (seeds.has("mean")) {
            items.add(new Item("mean over seeds", seeds.get("mean"), "", "sd " + ReportNumbers.format(seeds.path("sd")
                    .asDouble()) + ", seeds " + s.path("across_seeds").path(0).path("seeds").toString()));
        }
        if (s.has("complete") && s.has("planned")) {
            items.add(new Item("candidates complete", text(s.get("complete").asText() + " of " + s.get("planned").asText()),
                    "", s.path("failed").asInt() + " failed"));
        }
    }

    /** Seconds as "48 s", "3 min 49 s" or "1 h 04 min". */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (seconds < 10) {
            return ReportNumbers.format(Math.round(seconds * 10) / 10.0) + " s";
        }
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3600 + " h " + String.format(Locale.ROOT, "%02d", s / 60 % 60) + " min";
    }

    private static JsonNode text(String s) {
        return TextNode.valueOf(s);
    }
}
