/** Line plots drawn once onto an SVG or a PNG canvas (no plotting library): the loss curves of a run. */
package dev.transformers4j.train.plot;
