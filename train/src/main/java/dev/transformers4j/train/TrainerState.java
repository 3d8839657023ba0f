package dev.transformers4j.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.transformers4j.models.io.ConfigJson;
import dev.transformers4j.models.io.ModelFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a run is, as HF's {@code trainer_state.json}: the step, the epoch, the tokens trained on, the best
 * evaluation so far (for early stopping) and the whole log history, which the loss curves are drawn from. Each
 * {@link TrainingRun} owns one: a new one for a run from the start, the checkpoint's for a resumed run; only
 * that run changes it.
 */
public final class TrainerState {

    public static final String FILE = "trainer_state.json";

    private int globalStep;
    private double epoch;
    private int maxSteps;
    private long numInputTokensSeen;
    private double bestMetric = Double.NaN;
    private int bestStep = -1;
    private int evalsWithoutImprovement;
    private final List<StepLog> steps = new ArrayList<>();
    private final List<EvalLog> evals = new ArrayList<>();

    /** The state before the first step of a run to {@code maxSteps}. */
    TrainerState(int maxSteps) {
        this.maxSteps = maxSteps;
    }

    public int globalStep() {
        return globalStep;
    }

    public double epoch() {
        return epoch;
    }

    public int maxSteps() {
        return maxSteps;
    }

    /** The tokens of every training batch so far, as {@link TrainingTask#tokens} counts them. */
    public long numInputTokensSeen() {
        return numInputTokensSeen;
    }

    /** The best value of the tracked metric so far (NaN before the first evaluation), and its step. */
    public double bestMetric() {
        return bestMetric;
    }

    public int bestStep() {
        return bestStep;
    }

    /** Every optimizer step, in order. */
    public List<StepLog> steps() {
        return Collections.unmodifiableList(steps);
    }

    /** Every evaluation, in order. */
    public List<EvalLog> evals() {
        return Collections.unmodifiableList(evals);
    }

    /** Evaluations in a row that did not improve on the best (early stopping counts them). */
    int evalsWithoutImprovement() {
        return evalsWithoutImprovement;
    }

    /** A resumed run goes on to the {@code max_steps} of its arguments, whatever the checkpoint's run had. */
    void continueTo(int steps) {
        maxSteps = steps;
    }

    /** Adds an optimizer step that trained on {@code tokens} tokens. */
    void recordStep(StepLog log, long tokens) {
        globalStep = log.step();
        epoch = log.epoch();
        numInputTokensSeen += tokens;
        steps.add(log);
    }

    /** Adds an evaluation and updates the best value; returns whether it improved on the best. */
    boolean recordEval(EvalLog log, String metric, boolean greaterIsBetter) {
        evals.add(log);
        double v = log.result().get(metric);
        boolean better = Double.isNaN(bestMetric) || (greaterIsBetter ? v > bestMetric : v < bestMetric);
        if (better) {
            bestMetric = v;
            bestStep = log.step();
            evalsWithoutImprovement = 0;
        } else {
            evalsWithoutImprovement++;
        }
        return better;
    }

    ObjectNode toJson() {
        ObjectNode o = ConfigJson.MAPPER.createObjectNode();
        o.put("global_step", globalStep);
        o.put("epoch", epoch);
        o.put("max_steps", maxSteps);
        o.put("num_input_tokens_seen", numInputTokensSeen);
        putNumber(o, "best_metric", bestMetric);
        o.put("best_step", bestStep);
        o.put("evals_without_improvement", evalsWithoutImprovement);
        ArrayNode history = o.putArray("log_history");
        for (StepLog s : steps) {
            ObjectNode e = history.addObject().put("step", s.step()).put("epoch", s.epoch()).put("loss", s.loss())
                    .put("learning_rate", s.learningRate());
            putNumber(e, "grad_norm", s.gradNorm());
        }
        for (EvalLog ev : evals) {
            ObjectNode e = history.addObject().put("step", ev.step());
            ev.result().metrics().forEach((k, v) -> putNumber(e, "eval_" + k, v));
        }
        return o;
    }

    static TrainerState fromJson(ObjectNode o, Path file) {
        for (String field : List.of("global_step", "max_steps", "log_history")) {
            if (!o.has(field)) {
                throw new ModelFileException(file, "field '" + field + "' is missing");
            }
        }
        TrainerState s = new TrainerState(o.get("max_steps").asInt());
        s.globalStep = o.get("global_step").asInt();
        s.epoch = o.path("epoch").asDouble();
        s.numInputTokensSeen = o.path("num_input_tokens_seen").asLong();
        s.bestMetric = number(o.get("best_metric"));
        s.bestStep = o.path("best_step").asInt(-1);
        s.evalsWithoutImprovement = o.path("evals_without_improvement").asInt();
        for (JsonNode e : o.get("log_history")) {
            if (e.has("loss")) {
                s.steps.add(new StepLog(e.get("step").asInt(), e.path("epoch").asDouble(), e.get("loss").asDouble(),
                        e.path("learning_rate").asDouble(), number(e.get("grad_norm"))));
            } else {
                Map<String, Double> m = new LinkedHashMap<>();
                e.properties().forEach(p -> {
                    if (p.getKey().startsWith("eval_")) {
                        m.put(p.getKey().substring(5), number(p.getValue()));
                    }
                });
                s.evals.add(new EvalLog(e.get("step").asInt(), new EvalResult(m)));
            }
        }
        return s;
    }

    /** JSON has no NaN: written as null. */
    private static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) {
            o.put(field, v);
        } else {
            o.putNull(field);
        }
    }

    private static double number(JsonNode n) {
        return n == null || !n.isNumber() ? Double.NaN : n.asDouble();
    }
}
