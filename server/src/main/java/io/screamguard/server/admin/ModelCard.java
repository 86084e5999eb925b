package io.screamguard.server.admin;

import io.screamguard.server.scoring.ModelInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model card of GET /api/admin/model: version, window, the threshold in force, the training
 * data summary, and every threshold curve the model's metadata carries (precision, recall and
 * false-alarm rate per threshold, from out-of-fold scores), found by name wherever the training
 * section keeps them, so a retrained model with a reorganised report still shows its curves.
 */
final class ModelCard {
    /** The metadata key of a threshold curve (model.json, training.metrics.*.thresholdCurve). */
    static final String CURVE_KEY = "thresholdCurve";

    private ModelCard() {
    }

    static Map<String, Object> of(ModelInfo model, double thresholdInForce, Map<String, Object> training) {
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("version", model.version());
        card.put("window_seconds", model.windowSeconds());
        card.put("hop_seconds", model.hopSeconds());
        card.put("threshold_in_force", thresholdInForce);
        card.put("created_at", training.get("createdAt"));
        card.put("training_data", training.get("data"));
        card.put("training_examples", training.get("finalTrainingExamples"));
        card.put("threshold_rule", training.get("thresholdRule"));
        List<Map<String, Object>> curves = new ArrayList<>();
        collectCurves(training, "", curves);
        card.put("threshold_curves", curves);
        return card;
    }

    /** Every list under a {@value #CURVE_KEY} key, with the path of the evaluation it belongs to. */
    private static void collectCurves(Object node, String path, List<Map<String, Object>> out) {
        if (!(node instanceof Map<?, ?> map)) {
            return;
        }
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals(CURVE_KEY) && e.getValue() instanceof List<?> points) {
                out.add(Map.of("evaluation", path.isEmpty() ? "model" : path, "points", points));
            } else {
                collectCurves(e.getValue(), path.isEmpty() ? key : path + "." + key, out);
            }
        }
    }
}
