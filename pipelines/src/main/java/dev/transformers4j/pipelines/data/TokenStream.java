package dev.transformers4j.pipelines.data;

import dev.transformers4j.tokenizers.Tokenizer;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * A whole text as one sequence of token ids, the way nanoGPT prepares a corpus: tokenized once, split into
 * the first 90% for training and the last 10% for validation (by tokens), then cut into windows
 * ({@link LmWindows}).
 */
public final class TokenStream {

    /** nanoGPT's split: {@code train = data[:int(0.9 * n)]}. */
    public static final double NANOGPT_TRAIN_FRACTION = 0.9;

    /** Texts are tokenized in pieces of about this many characters. */
    private static final int CHUNK = 1 << 16;

    private final int[] ids;

    private TokenStream(int[] ids) {
        this.ids = ids;
    }

    /** A stream of these ids. */
    public static TokenStream of(int... ids) {
        return new TokenStream(ids.clone());
    }

    /** A UTF-8 text file, tokenized (errors name the file and the line of invalid UTF-8). */
    public static TokenStream read(Path file, Tokenizer tokenizer) {
        return encode(tokenizer, TextFiles.read(file));
    }

    /**
     * {@code text} tokenized without special tokens. Long texts are tokenized in pieces, each cut just after a
     * lone newline between two visible characters ({@code "x\nY"}): GPT-2's byte-level pre-tokenizer (without
     * {@code add_prefix_space}), BERT's and the whitespace ones never make a token across such a point, nor see
     * the whitespace run around it differently, and the character tokenizer makes none across any point; so the
     * ids are those of the whole text at once, for a fraction of the memory.
     */
    public static TokenStream encode(Tokenizer tokenizer, String text) {
        Tokenizer plain = tokenizer.withTruncation(null).withPadding(null);
        int[] out = new int[Math.max(16, text.length())];
        int n = 0;
        for (int start = 0; start < text.length(); ) {
            int end = chunkEnd(text, start);
            int[] piece = plain.encode(text.substring(start, end), false).ids();
            if (n + piece.length > out.length) {
                out = Arrays.copyOf(out, Math.max(2 * out.length, n + piece.length));
            }
            System.arraycopy(piece, 0, out, n, piece.length);
            n += piece.length;
            start = end;
        }
        return new TokenStream(Arrays.copyOf(out, n));
    }

    private static int chunkEnd(String text, int start) {
        int end = Math.min(text.length(), start + CHUNK);
        while (end < text.length() && !isCutPoint(text, end)) {
            end++;
        }
        return end;
    }

    /** Just after the newline of {@code "x\nY"}, x and Y visible (letters, digits, ASCII symbols). */
    private static boolean isCutPoint(String text, int i) {
        return i >= 2 && text.charAt(i - 1) == '\n' && isVisible(text.charAt(i - 2)) && isVisible(text.charAt(i));
    }

    private static boolean isVisible(char c) {
        return c > ' ' && c < 0x7F || Character.isLetterOrDigit(c);
    }

    /** The number of tokens. */
    public int size() {
        return ids.length;
    }

    /** A copy of the ids. */
    public int[] ids() {
        return ids.clone();
    }

    /** Tokens {@code [from, to)}. */
    public TokenStream slice(int from, int to) {
        return new TokenStream(Arrays.copyOfRange(ids, from, to));
    }

    /** The first and the last part of a stream. */
    public record Split(TokenStream train, TokenStream validation) {
    }

    /** The first {@code (int) (fraction · n)} tokens for training, the rest for validation. */
    public Split split(double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("train fraction: expected a value in (0, 1) but was " + trainFraction);
        }
        int cut = (int) (trainFraction * ids.length);
        return new Split(slice(0, cut), slice(cut, ids.length));
    }

    /** nanoGPT's split: the first 90% for training, the last 10% for validation. */
    public Split split() {
        return split(NANOGPT_TRAIN_FRACTION);
    }
}
