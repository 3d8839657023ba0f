package dev.transformers4j.learn;

/**
 * One candidate token of a predicted distribution.
 *
 * @param id          the token id
 * @param token       the token as the vocabulary spells it ({@code "Ġthe"})
 * @param text        the token decoded to text ({@code " the"})
 * @param probability its softmax probability
 */
public record Prediction(int id, String token, String text, double probability) {
}
