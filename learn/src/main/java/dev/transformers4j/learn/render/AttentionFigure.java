package dev.transformers4j.learn.render;

import dev.transformers4j.figures.Canvas;
import dev.transformers4j.figures.ColorScale;
import dev.transformers4j.figures.Figure;
import dev.transformers4j.learn.AttentionMaps;
import dev.transformers4j.learn.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An attention heatmap: one panel per head, query tokens down the left (rows), key tokens along the top (columns),
 * each cell coloured by the weight the query puts on the key ({@link ColorScale}). The panels of a layer form a grid
 * that shares the labels: query labels left of each row of panels, key labels above the first row.
 */
public final class AttentionFigure implements Figure {

    /** One heatmap: its caption and its weights {@code [T][T]}. */
    public record Panel(String caption, float[][] weights) {
    }

    private static final double MARGIN = 14;
    private static final double TITLE = 26;
    private static final double CAPTION = 18;
    private static final double GAP = 14;
    private static final double LEGEND = 44;
    private static final int MAX_LABEL = 14;

    private final String title;
    private final List<String> labels;
    private final List<Panel> panels;
    private final boolean causal;
    private final FigureGrid grid;

    public AttentionFigure(String title, List<String> labels, List<Panel> panels, boolean causal) {
        for (Panel p : panels) {
            if (p.weights().length != labels.size()
                    || Arrays.stream(p.weights()).anyMatch(row -> row.length != labels.size())) {
                throw new IllegalArgumentException("panel '" + p.caption() + "': expected " + labels.size() + " × "
                        + labels.size() + " weights (one row and one column per label)");
            }
        }
        this.title = title;
        this.labels = labels.stream().map(AttentionFigure::shorten).toList();
        this.panels = List.copyOf(panels);
        this.causal = causal;
        this.grid = FigureGrid.of(this.labels, panels.size());
    }

    /**
     * The figure of one head, or of every head of {@code layer} when {@code head} is null.
     *
     * @param model the model's name, for the title
     */
    public static AttentionFigure of(AttentionMaps maps, String model, int layer, Integer head) {
        List<String> labels = maps.tokens().stream().map(Token::text).toList();
        List<Panel> panels = new ArrayList<>();
        if (head != null) {
            panels.add(new Panel("layer " + layer + ", head " + head, maps.head(layer, head)));
            return new AttentionFigure(model + " · attention · layer " + layer + " · head " + head, labels, panels,
                    maps.causal());
        }
        float[][][] heads = maps.layer(layer);
        for (int h = 0; h < heads.length; h++) {
            panels.add(new Panel("head " + h, heads[h]));
        }
        return new AttentionFigure(model + " · attention · layer " + layer + " · all " + heads.length + " heads",
                labels, panels, maps.causal());
    }

    @Override
    public int width() {
        double panels = grid.labelBand() + grid.columns() * (grid.panelSize() + GAP) - GAP;
        double text = Math.max(Canvas.textWidth(title, 15), grid.labelBand() + Legend.width(causal));
        return (int) Math.ceil(2 * MARGIN + Math.max(panels, text));
    }

    @Override
    public int height() {
        return (int) Math.ceil(2 * MARGIN + TITLE + grid.labelBand()
                + grid.rows() * (grid.panelSize() + CAPTION + GAP) + LEGEND);
    }

    @Override
    public void draw(Canvas c) {
        c.text(MARGIN, MARGIN + 16, title, 15, Canvas.Anchor.START, false, 0x202020);
        for (int i = 0; i < panels.size(); i++) {
            int row = i / grid.columns();
            int col = i % grid.columns();
            double x = MARGIN + grid.labelBand() + col * (grid.panelSize() + GAP);
            double y = MARGIN + TITLE + grid.labelBand() + row * (grid.panelSize() + CAPTION + GAP);
            drawPanel(c, panels.get(i), x, y);
            if (row == 0) {
                keyLabels(c, x, y);
            }
            if (col == 0) {
                queryLabels(c, x, y);
            }
        }
        Legend.draw(c, MARGIN + grid.labelBand(), height() - MARGIN - LEGEND + 14, causal);
    }

    private void drawPanel(Canvas c, Panel p, double x, double y) {
        double s = grid.cell();
        int t = labels.size();
        for (int q = 0; q < t; q++) {
            for (int k = 0; k < t; k++) {
                int rgb = causal && k > q ? ColorScale.MASKED : ColorScale.of(p.weights()[q][k]);
                c.rect(x + k * s, y + q * s, s, s, rgb);
            }
        }
        double size = grid.panelSize();
        c.polyline(new double[] {x, x + size, x + size, x, x}, new double[] {y, y, y + size, y + size, y}, 0x808080, 0.6);
        c.text(x + size / 2, y + size + CAPTION - 5, p.caption(), 11, Canvas.Anchor.MIDDLE, false, 0x303030);
    }

    private void keyLabels(Canvas c, double x, double y) {
        double s = grid.cell();
        for (int k = 0; k < labels.size(); k++) {
            double cx = x + k * s + s / 2 + grid.fontSize() * 0.35;
            c.text(cx, y - 4, labels.get(k), grid.fontSize(), Canvas.Anchor.START, true, 0x202020);
        }
    }

    private void queryLabels(Canvas c, double x, double y) {
        double s = grid.cell();
        for (int q = 0; q < labels.size(); q++) {
            double cy = y + q * s + s / 2 + grid.fontSize() * 0.35;
            c.text(x - 4, cy, labels.get(q), grid.fontSize(), Canvas.Anchor.END, false, 0x202020);
        }
    }

    /** Long tokens cut to {@value #MAX_LABEL} characters with an ellipsis. */
    static String shorten(String label) {
        return label.length() <= MAX_LABEL ? label : label.substring(0, MAX_LABEL - 1) + "…";
    }
}
