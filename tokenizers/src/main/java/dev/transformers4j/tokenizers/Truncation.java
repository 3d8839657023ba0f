package dev.transformers4j.tokenizers;

/**
 * Truncation parameters, as the {@code "truncation"} object of {@code tokenizer.json} (HF's
 * {@code TruncationParams}). {@code maxLength} counts the special tokens the post-processor adds: HF
 * truncates the sequences to {@code maxLength - addedTokens} before adding them.
 *
 * @param stride overlap between consecutive overflowing windows
 */
public record Truncation(int maxLength, Strategy strategy, int stride, Direction direction) {

    /** Which sequence of a pair loses tokens. */
    public enum Strategy {
        /** Cut the longer sequence first (HF's {@code LongestFirst}). */
        LONGEST_FIRST,
        ONLY_FIRST,
        ONLY_SECOND
    }

    /** Which end of a sequence is cut. */
    public enum Direction { LEFT, RIGHT }

    public Truncation {
        if (maxLength < 0 || stride < 0) {
            throw new IllegalArgumentException("Truncation: max_length and stride must be >= 0, got "
                    + maxLength + " and " + stride);
        }
        if (strategy == null || direction == null) {
            throw new IllegalArgumentException("Truncation: strategy and direction must not be null");
        }
    }

    /** HF's default: longest first, no stride, cut on the right. */
    public static Truncation of(int maxLength) {
        return new Truncation(maxLength, Strategy.LONGEST_FIRST, 0, Direction.RIGHT);
    }

    public Truncation withStrategy(Strategy newStrategy) {
        return new Truncation(maxLength, newStrategy, stride, direction);
    }

    public Truncation withStride(int newStride) {
        return new Truncation(maxLength, strategy, newStride, direction);
    }

    public Truncation withDirection(Direction newDirection) {
        return new Truncation(maxLength, strategy, stride, newDirection);
    }
}
