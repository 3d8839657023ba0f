package dev.transformers4j.figures;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures' font, and text measurement without a display ({@code java.awt.headless=true}). Text the main font
 * (DejaVu Sans) cannot draw — Chinese tokens, say — is drawn with the first installed font that can; when there is
 * none, a warning says so once (the PNG shows boxes; SVG and HTML use the viewer's fonts).
 */
final class Fonts {

    static final String FAMILY = "DejaVu Sans";

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private static final Logger LOG = LoggerFactory.getLogger(Fonts.class);
    private static final Font BASE = new Font(FAMILY, Font.PLAIN, 100);
    private static final FontRenderContext FRC = new FontRenderContext(new AffineTransform(), true, true);
    private static final Map<Character.UnicodeScript, Font> FALLBACKS = new ConcurrentHashMap<>();

    private Fonts() {
    }

    /** A font of {@code size} points that can draw {@code s}, if any installed font can. */
    static Font font(String s, double size) {
        return forText(s).deriveFont((float) size);
    }

    /** The advance width of {@code s} at {@code size} points. */
    static double width(String s, double size) {
        return forText(s).getStringBounds(s, FRC).getWidth() * size / 100;
    }

    private static Font forText(String s) {
        int missing = BASE.canDisplayUpTo(s);
        if (missing < 0) {
            return BASE;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(s.codePointAt(missing));
        return FALLBACKS.computeIfAbsent(script, k -> fallback(s, k));
    }

    private static Font fallback(String s, Character.UnicodeScript script) {
        for (String family : GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()) {
            Font f = new Font(family, Font.PLAIN, 100);
            if (f.canDisplayUpTo(s) < 0) {
                return f;
            }
        }
        LOG.warn("no installed font can draw {} text such as \"{}\": a PNG shows boxes instead (SVG and HTML use the"
                + " viewer's fonts; on Debian: apt-get install fonts-noto-cjk)", script, s);
        return BASE;
    }
}
