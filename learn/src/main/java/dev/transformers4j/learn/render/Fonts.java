package dev.transformers4j.learn.render;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;

/** The figures' font, and text measurement without a display ({@code java.awt.headless=true}). */
final class Fonts {

    static final String FAMILY = "DejaVu Sans";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Font BASE = new Font(FAMILY, Font.PLAIN, 100);
    private static final FontRenderContext FRC = new FontRenderContext(new AffineTransform(), true, true);

    private Fonts() {
    }

    static Font font(double size) {
        return BASE.deriveFont((float) size);
    }

    /** The advance width of {@code s} at {@code size} points. */
    static double width(String s, double size) {
        return BASE.getStringBounds(s, FRC).getWidth() * size / 100;
    }
}
