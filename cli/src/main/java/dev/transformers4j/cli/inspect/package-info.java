/**
 * Commands that look inside a model: {@code tokenize}, {@code graph}, {@code attention}, {@code hidden-states},
 * {@code next-token}, {@code logit-lens}, {@code gradients} and the web explorer {@code serve}; the analyses they
 * print are the {@code learn} module's.
 */
package dev.transformers4j.cli.inspect;
