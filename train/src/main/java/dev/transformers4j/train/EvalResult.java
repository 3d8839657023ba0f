package dev.transformers4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The metrics of one evaluation by name ({@code loss}, {@code accuracy}, {@code f1}, {@code perplexity}),
 * in the order the task reports them. The trainer logs them with an {@code eval_} prefix, as HF does.
 */
public record EvalResult(Map<String, Double> metrics) {

    public EvalResult {
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * The named metric.
     *
     * @throws IllegalArgumentException naming the metrics there are
     */
    public double get(String name) {
        Double v = metrics.get(name);
        if (v == null) {
            throw new IllegalArgumentException("metric '" + name + "' was not computed; the task reports "
                    + metrics.keySet());
        }
        return v;
    }

    public double loss() {
        return get("loss");
    }

    @Override
    public String toString() {
        return metrics.entrySet().stream().map(e -> "eval_" + e.getKey() + " " + String.format("%.4f", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
