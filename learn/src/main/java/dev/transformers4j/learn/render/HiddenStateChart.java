package dev.transformers4j.learn.render;

import dev.transformers4j.figures.Axis;
import dev.transformers4j.figures.Canvas;
import dev.transformers4j.figures.ColorScale;
import dev.transformers4j.figures.Figure;
import dev.transformers4j.figures.LineChart;
import dev.transformers4j.figures.Series;
import dev.transformers4j.learn.HiddenStateStats;
import java.util.List;

/**
 * Two small charts of {@link HiddenStateStats}: the mean token norm and the cosine similarity to the final hidden
 * state, for the embeddings ({@code emb}) and every layer's output (0, 1, …).
 */
public final class HiddenStateChart implements Figure {

    private static final double MARGIN = 14;
    private static final double TITLE = 28;
    private static final double GAP = 20;
    private static final int CHART_WIDTH = 340;
    private static final int CHART_HEIGHT = 230;

    private final String title;
    private final HiddenStateStats stats;

    /** @param model the model's name, for the title */
    public HiddenStateChart(String model, HiddenStateStats stats) {
        this.title = model + " · hidden states of " + stats.tokens().size() + " tokens";
        this.stats = stats;
    }

    @Override
    public int width() {
        return (int) Math.ceil(2 * MARGIN + 2 * CHART_WIDTH + GAP);
    }

    @Override
    public int height() {
        return (int) Math.ceil(2 * MARGIN + TITLE + CHART_HEIGHT + 16);
    }

    @Override
    public void draw(Canvas c) {
        c.text(MARGIN, MARGIN + 16, title, 14, Canvas.Anchor.START, false, 0x202020);
        List<HiddenStateStats.Layer> layers = stats.layers();
        Axis x = Axis.named("", layers.stream().map(l -> l.index() == 0 ? "emb" : String.valueOf(l.index() - 1))
                .toList());
        double[] norms = layers.stream().mapToDouble(HiddenStateStats.Layer::meanNorm).toArray();
        double[] cosines = layers.stream().mapToDouble(HiddenStateStats.Layer::cosineToFinal).toArray();
        double y = MARGIN + TITLE;
        chart("mean ‖h‖ per token", x, norms).drawAt(c, MARGIN, y);
        chart("cosine similarity to the final hidden state", x, cosines).drawAt(c, MARGIN + CHART_WIDTH + GAP, y);
        c.text(width() / 2.0, height() - MARGIN, "x: the embeddings (emb), then the output of each layer", 9.5,
                Canvas.Anchor.MIDDLE, false, 0x606060);
    }

    /** One panel: a line over the layers, its y axis from 0 (or below, for negative cosines). */
    private static LineChart chart(String title, Axis x, double[] values) {
        return new LineChart(title, x, Axis.linear("").withZero(), List.of(Series.of("", values, ColorScale.series(0))),
                CHART_WIDTH, CHART_HEIGHT);
    }
}
