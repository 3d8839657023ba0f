package dev.transformers4j.tokenizers.encoding;

/**
 * One position of an encoding: everything HF's {@code Encoding} stores per token.
 *
 * @param wordId     index of the pre-tokenized word within its sequence, {@code -1} for none
 * @param sequenceId {@code 0} for the first sequence, {@code 1} for the pair, {@code -1} for added tokens
 * @param start      original UTF-16 offset (inclusive) in the text of its sequence
 * @param cpStart    the same offset counted in code points
 * @param special    {@code true} for tokens added by the post-processor or by padding
 * @param attended   {@code false} for padding
 */
public record EncodedToken(int id, String token, int typeId, int wordId, int sequenceId, int start, int end,
        int cpStart, int cpEnd, boolean special, boolean attended) {

    /** A token added by a post-processor ({@code [CLS]}, {@code [SEP]}): no word, offsets {@code [0, 0]}. */
    public static EncodedToken special(int id, String token, int typeId) {
        return new EncodedToken(id, token, typeId, -1, -1, 0, 0, 0, 0, true, true);
    }

    /** A padding token: special and not attended. */
    public static EncodedToken padding(int id, String token, int typeId) {
        return new EncodedToken(id, token, typeId, -1, -1, 0, 0, 0, 0, true, false);
    }

    public EncodedToken withTypeId(int newTypeId) {
        return new EncodedToken(id, token, newTypeId, wordId, sequenceId, start, end, cpStart, cpEnd, special,
                attended);
    }

    /** The same token pointing at other spans of the original text (UTF-16 and code points). */
    public EncodedToken withOffsets(int newStart, int newEnd, int newCpStart, int newCpEnd) {
        return new EncodedToken(id, token, typeId, wordId, sequenceId, newStart, newEnd, newCpStart, newCpEnd,
                special, attended);
    }

    public EncodedToken withSequenceId(int newSequenceId) {
        return new EncodedToken(id, token, typeId, wordId, newSequenceId, start, end, cpStart, cpEnd, special,
                attended);
    }
}
