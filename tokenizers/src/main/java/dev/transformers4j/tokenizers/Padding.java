package dev.transformers4j.tokenizers;

/**
 * Padding parameters, as the {@code "padding"} object of {@code tokenizer.json} (HF's
 * {@code PaddingParams}). Pad tokens get attention mask 0, special-tokens mask 1, no word id and
 * offsets {@code [0, 0]}.
 *
 * @param fixedLength     the target length for {@link Strategy#FIXED}; ignored for batch-longest
 * @param padToMultipleOf round the target length up to a multiple of this; {@code 0} for none
 */
public record Padding(Strategy strategy, int fixedLength, Direction direction, int padToMultipleOf, int padId,
        int padTypeId, String padToken) {

    /** {@code "BatchLongest"} pads to the longest encoding of the batch; {@code {"Fixed": n}} to n. */
    public enum Strategy { BATCH_LONGEST, FIXED }

    /** Which side the pad tokens go. */
    public enum Direction { LEFT, RIGHT }

    public Padding {
        if (strategy == null || direction == null || padToken == null) {
            throw new IllegalArgumentException("Padding: strategy, direction and pad_token must not be null");
        }
        if (fixedLength < 0 || padToMultipleOf < 0) {
            throw new IllegalArgumentException("Padding: fixed length and pad_to_multiple_of must be >= 0");
        }
    }

    /** HF's defaults ({@code [PAD]} = 0, right side) with batch-longest padding. */
    public static Padding batchLongest() {
        return new Padding(Strategy.BATCH_LONGEST, 0, Direction.RIGHT, 0, 0, 0, "[PAD]");
    }

    /** HF's defaults ({@code [PAD]} = 0, right side) padding to {@code length}. */
    public static Padding fixed(int length) {
        return new Padding(Strategy.FIXED, length, Direction.RIGHT, 0, 0, 0, "[PAD]");
    }

    public Padding withDirection(Direction newDirection) {
        return new Padding(strategy, fixedLength, newDirection, padToMultipleOf, padId, padTypeId, padToken);
    }

    public Padding withPadToMultipleOf(int multiple) {
        return new Padding(strategy, fixedLength, direction, multiple, padId, padTypeId, padToken);
    }

    public Padding withPadToken(int id, String token, int typeId) {
        return new Padding(strategy, fixedLength, direction, padToMultipleOf, id, typeId, token);
    }
}
