/**
 * Commands that run a model: {@code embed}, {@code similarity}, {@code classify}, {@code generate},
 * {@code translate}, {@code forward}, {@code convert}, and the option mixins they share. Each command parses its
 * flags, calls the library (pipelines, models, generation) and prints; the work itself is library API.
 */
package dev.transformers4j.cli.run;
