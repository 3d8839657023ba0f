/**
 * Pictures of what {@link dev.transformers4j.learn} computes: attention heatmaps and hidden-state charts, drawn
 * once against a small {@link dev.transformers4j.learn.render.Canvas} and written as PNG (java.awt, headless) or
 * SVG; attention also as a self-contained interactive HTML page.
 */
package dev.transformers4j.learn.render;
