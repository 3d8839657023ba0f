/**
 * Pictures without a plotting library. A {@link dev.transformers4j.figures.Figure} draws itself once on a
 * {@link dev.transformers4j.figures.Canvas} — a handful of operations in pixels, y down — and is written as SVG text
 * ({@link dev.transformers4j.figures.SvgCanvas}) or a PNG image ({@link dev.transformers4j.figures.PngCanvas},
 * java.awt, headless): the same picture either way, text measured once with the same font
 * ({@code DejaVu Sans}, with a fallback for scripts it lacks). The file's extension picks the format
 * ({@link dev.transformers4j.figures.FigureFormat}); files are written atomically
 * ({@link dev.transformers4j.figures.FigureFiles}).
 *
 * <p>A leaf module: it depends on no other module of transformers4j; {@code train} draws its loss curves and
 * {@code learn} its attention and hidden-state pictures with it.
 */
package dev.transformers4j.figures;
