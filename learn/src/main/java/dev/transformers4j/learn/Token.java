package dev.transformers4j.learn;

/**
 * One input token as the tokenizer shows it ({@code "[CLS]"}, {@code "##ing"}, GPT-2's {@code "Ġthe"}), with its id.
 * Without a tokenizer the text is {@code "#"} followed by the id.
 */
public record Token(int id, String text) {
}
