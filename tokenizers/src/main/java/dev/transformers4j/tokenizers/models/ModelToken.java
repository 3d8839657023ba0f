package dev.transformers4j.tokenizers.models;

/** A token produced by a {@link Model}: its id, its string, and its span {@code [start, end)} in the word (UTF-16). */
public record ModelToken(int id, String value, int start, int end) {
}
