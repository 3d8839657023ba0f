package dev.transformers4j.learn.render;

import dev.transformers4j.figures.Canvas;
import dev.transformers4j.figures.Figure;
import dev.transformers4j.learn.HiddenStateStats;
import java.util.ArrayList;
import java.util.List;

/**
 * Two small charts of {@link HiddenStateStats}: the mean token norm and the cosine similarity to the final hidden
 * state, for the embeddings ({@code emb}) and every layer's output (0, 1, …).
 */
public final class HiddenStateChart implements Figure {

    private static final double MARGIN = 14;
    private static final double TITLE = 28;

    private final String title;
    private final HiddenStateStats stats;

    /** @param model the model's name, for the title */
    public HiddenStateChart(String model, HiddenStateStats stats) {
        this.title = model + " · hidden states of " + stats.tokens().size() + " tokens";
        this.stats = stats;
    }

    @Override
    public int width() {
        return (int) Math.ceil(2 * MARGIN + 2 * LineChart.WIDTH + 20);
    }

    @Override
    public int height() {
        return (int) Math.ceil(2 * MARGIN + TITLE + LineChart.HEIGHT + 16);
    }

    @Override
    public void draw(Canvas c) {
        c.text(MARGIN, MARGIN + 16, title, 14, Canvas.Anchor.START, false, 0x202020);
        List<String> labels = new ArrayList<>();
        int n = stats.layers().size();
        double[] norms = new double[n];
        double[] cosines = new double[n];
        double lowest = 0;
        for (HiddenStateStats.Layer l : stats.layers()) {
            labels.add(l.index() == 0 ? "emb" : String.valueOf(l.index() - 1));
            norms[l.index()] = l.meanNorm();
            cosines[l.index()] = l.cosineToFinal();
            lowest = Math.min(lowest, l.cosineToFinal());
        }
        double y = MARGIN + TITLE;
        new LineChart("mean ‖h‖ per token", labels, norms, 0).draw(c, MARGIN, y);
        new LineChart("cosine similarity to the final hidden state", labels, cosines, lowest)
                .draw(c, MARGIN + LineChart.WIDTH + 20, y);
        c.text(MARGIN + LineChart.WIDTH + 10, height() - MARGIN, "x: the embeddings (emb), then the output of each layer",
                9.5, Canvas.Anchor.MIDDLE, false, 0x606060);
    }
}
