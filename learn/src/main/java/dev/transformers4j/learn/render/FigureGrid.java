package dev.transformers4j.learn.render;

import dev.transformers4j.figures.Canvas;
import java.util.List;

/**
 * The sizes of an attention figure: cell size and label font from the number of tokens, panels in a near-square
 * grid, the label band as wide as the longest label.
 *
 * @param cell      the side of one cell, pixels
 * @param fontSize  the token labels' font size
 * @param labelBand the width of the query labels (and height of the key labels)
 * @param columns   panels per row
 * @param rows      rows of panels
 * @param tokens    T
 */
record FigureGrid(double cell, double fontSize, double labelBand, int columns, int rows, int tokens) {

    static FigureGrid of(List<String> labels, int panels) {
        int t = labels.size();
        boolean single = panels == 1;
        double cell = clamp((single ? 560.0 : 240.0) / t, single ? 10 : 8, single ? 36 : 18);
        double font = clamp(cell * 0.72, 7, 13);
        double widest = 0;
        for (String l : labels) {
            widest = Math.max(widest, Canvas.textWidth(l, font));
        }
        int columns = (int) Math.ceil(Math.sqrt(panels));
        int rows = (panels + columns - 1) / columns;
        return new FigureGrid(cell, font, Math.ceil(widest) + 8, columns, rows, t);
    }

    /** The side of one panel. */
    double panelSize() {
        return cell * tokens;
    }

    private static double clamp(double x, double lo, double hi) {
        return Math.max(lo, Math.min(hi, x));
    }
}
