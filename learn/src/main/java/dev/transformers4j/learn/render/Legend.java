package dev.transformers4j.learn.render;

import dev.transformers4j.figures.Canvas;
import dev.transformers4j.figures.ColorScale;

/** The colour key under a heatmap: a 0 → 1 bar, the masked swatch for causal maps, and how to read the axes. */
final class Legend {

    private static final double BAR = 180;
    private static final double HEIGHT = 10;
    private static final String HOW_TO_READ = "rows: query token  ·  columns: key token  ·  each row sums to 1";

    private Legend() {
    }

    static void draw(Canvas c, double x, double y, boolean causal) {
        int steps = 60;
        for (int i = 0; i < steps; i++) {
            c.rect(x + BAR * i / steps, y, BAR / steps + 0.5, HEIGHT, ColorScale.of((i + 0.5) / steps));
        }
        c.text(x, y + HEIGHT + 12, "0", 10, Canvas.Anchor.MIDDLE, false, 0x303030);
        c.text(x + BAR, y + HEIGHT + 12, "1", 10, Canvas.Anchor.MIDDLE, false, 0x303030);
        double next = x + BAR + 16;
        if (causal) {
            c.rect(next, y, HEIGHT, HEIGHT, ColorScale.MASKED);
            c.text(next + HEIGHT + 4, y + HEIGHT - 1, "masked (causal)", 10, Canvas.Anchor.START, false, 0x303030);
            next += HEIGHT + 4 + Canvas.textWidth("masked (causal)", 10) + 16;
        }
        c.text(next, y + HEIGHT - 1, HOW_TO_READ, 10, Canvas.Anchor.START, false, 0x303030);
    }

    /** The legend's width. */
    static double width(boolean causal) {
        double w = BAR + 16 + Canvas.textWidth(HOW_TO_READ, 10);
        return causal ? w + HEIGHT + 4 + Canvas.textWidth("masked (causal)", 10) + 16 : w;
    }
}
