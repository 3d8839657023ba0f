/**
 * Pictures of what {@link dev.transformers4j.learn} computes: attention heatmaps and hidden-state charts, drawn
 * once against the {@link dev.transformers4j.figures.Canvas} of the figures module and written as PNG (java.awt,
 * headless) or SVG; attention also as a self-contained interactive HTML page.
 */
package dev.transformers4j.learn.render;
