package dev.transformers4j.train;

import dev.transformers4j.figures.Axis;
import dev.transformers4j.figures.ColorScale;
import dev.transformers4j.figures.LineChart;
import dev.transformers4j.figures.Series;
import dev.transformers4j.models.io.AtomicFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The loss curves of a run, from its log history: {@code training_log.csv} (one row per step: step, epoch,
 * train_loss, learning_rate, grad_norm, then the eval_ metrics where an evaluation happened) and the plot of
 * train and eval loss against the step as {@code loss_curve.svg} and {@code loss_curve.png}, drawn with the figures
 * module's {@link LineChart}.
 */
public final class LossCurves {

    public static final String CSV = "training_log.csv";
    public static final String SVG = "loss_curve.svg";
    public static final String PNG = "loss_curve.png";

    private static final Logger LOG = LoggerFactory.getLogger(LossCurves.class);

    private LossCurves() {
    }

    /** Writes the three files into {@code dir} (each atomically); a PNG that cannot be drawn is only logged. */
    public static void write(Path dir, TrainerState state) {
        AtomicFiles.writeString(dir.resolve(CSV), csv(state));
        LineChart chart = chart(state);
        chart.write(dir.resolve(SVG));
        try {
            chart.write(dir.resolve(PNG));
        } catch (RuntimeException | LinkageError | java.awt.AWTError e) {
            LOG.warn("{}: cannot draw the PNG plot ({}); the SVG has the same picture", dir.resolve(PNG), e.toString());
        }
    }

    /** The CSV text: a header, then one row per step with empty eval cells between evaluations. */
    static String csv(TrainerState state) {
        Set<String> metrics = new LinkedHashSet<>();
        Map<Integer, EvalResult> evalAt = new HashMap<>();
        for (EvalLog e : state.evals()) {
            metrics.addAll(e.result().metrics().keySet());
            evalAt.put(e.step(), e.result());
        }
        StringBuilder out = new StringBuilder("step,epoch,train_loss,learning_rate,grad_norm");
        metrics.forEach(m -> out.append(",eval_").append(m));
        out.append('\n');
        for (StepLog s : state.steps()) {
            out.append(s.step()).append(',').append(num(s.epoch())).append(',').append(num(s.loss())).append(',')
                    .append(num(s.learningRate())).append(',').append(num(s.gradNorm()));
            EvalResult r = evalAt.get(s.step());
            for (String m : metrics) {
                out.append(',').append(r == null ? "" : num(r.metrics().getOrDefault(m, Double.NaN)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static LineChart chart(TrainerState state) {
        List<Series> series = new ArrayList<>();
        List<StepLog> steps = state.steps();
        series.add(new Series("train loss", steps.stream().mapToDouble(StepLog::step).toArray(),
                steps.stream().mapToDouble(StepLog::loss).toArray(), ColorScale.series(0)));
        List<EvalLog> evals = state.evals().stream().filter(e -> e.result().metrics().containsKey("loss")).toList();
        if (!evals.isEmpty()) {
            series.add(new Series("eval loss", evals.stream().mapToDouble(EvalLog::step).toArray(),
                    evals.stream().mapToDouble(e -> e.result().loss()).toArray(), ColorScale.series(1)));
        }
        return new LineChart("Loss over " + state.globalStep() + " steps", Axis.linear("step"), Axis.linear("loss"),
                series);
    }

    private static String num(double v) {
        return !Double.isFinite(v) ? "" : v == 0 ? "0" : String.format(Locale.ROOT, "%.6g", v);
    }
}
