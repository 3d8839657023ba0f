package dev.transformers4j.tokenizers.text;

/**
 * What to do with the delimiter when splitting, as HF's {@code SplitDelimiterBehavior}. Splitting
 * {@code "the-final--countdown"} on {@code '-'}:
 * <ul>
 *   <li>{@code REMOVED} → {@code ["the", "final", "countdown"]}</li>
 *   <li>{@code ISOLATED} → {@code ["the", "-", "final", "-", "-", "countdown"]}</li>
 *   <li>{@code MERGED_WITH_PREVIOUS} → {@code ["the-", "final-", "-", "countdown"]}</li>
 *   <li>{@code MERGED_WITH_NEXT} → {@code ["the", "-final", "-", "-countdown"]}</li>
 *   <li>{@code CONTIGUOUS} → {@code ["the", "-", "final", "--", "countdown"]}</li>
 * </ul>
 */
public enum SplitBehavior {
    REMOVED, ISOLATED, MERGED_WITH_PREVIOUS, MERGED_WITH_NEXT, CONTIGUOUS
}
