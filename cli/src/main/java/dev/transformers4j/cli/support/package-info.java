/**
 * What the command packages share: JSON output, progress on standard error, text inputs (arguments, a file or
 * standard input), token-id lists and the truncation switch.
 */
package dev.transformers4j.cli.support;
