package dev.transformers4j.pipelines;

import dev.transformers4j.models.TokenBatch;
import dev.transformers4j.tokenizers.Encoding;
import dev.transformers4j.tokenizers.Tokenizer;
import dev.transformers4j.tokenizers.Truncation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Texts → encodings cut to what the model takes → right-padded batches of similar lengths (longest first,
 * so little padding is run), as the encoder pipelines need.
 */
final class TextBatcher {

    private static final Logger LOG = LoggerFactory.getLogger(TextBatcher.class);

    private final Tokenizer tokenizer;
    private final int maxLength;
    private final String modelName;
    private final int padId;

    TextBatcher(Tokenizer tokenizer, int maxLength, String modelName) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("max length must be >= 1 but was " + maxLength);
        }
        this.tokenizer = tokenizer.withPadding(null).withTruncation(null);
        this.maxLength = maxLength;
        this.modelName = modelName;
        this.padId = tokenizer.padding() != null ? tokenizer.padding().padId() : tokenizer.tokenToId("[PAD]").orElse(0);
    }

    Tokenizer tokenizer() {
        return tokenizer;
    }

    int maxLength() {
        return maxLength;
    }

    /** The encodings (special tokens included), cut to {@link #maxLength()} with a warning, or refused. */
    List<Encoding> encode(List<String> texts, TruncationPolicy policy) {
        List<Encoding> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            Encoding e = tokenizer.encode(texts.get(i));
            if (e.ids().length > maxLength) {
                if (policy == TruncationPolicy.ERROR) {
                    throw new IllegalArgumentException("text " + (i + 1) + " has " + e.ids().length + " tokens but "
                            + modelName + " takes at most " + maxLength + " (truncation is off)");
                }
                LOG.warn("text {} has {} tokens; truncated to the {} that {} takes", i + 1, e.ids().length, maxLength,
                        modelName);
                e = tokenizer.withTruncation(Truncation.of(maxLength)).encode(texts.get(i));
            }
            out.add(e);
        }
        return out;
    }

    /** The indices of the encodings, longest first, in groups of at most {@code batchSize}. */
    static List<int[]> longestFirst(List<Encoding> encodings, int batchSize) {
        return longestFirst(encodings.stream().mapToInt(e -> e.ids().length).toArray(), batchSize);
    }

    /** The indices of {@code lengths}, longest first (ties in input order), in groups of at most {@code batchSize}. */
    static List<int[]> longestFirst(int[] lengths, int batchSize) {
        int[] order = IntStream.range(0, lengths.length).boxed()
                .sorted(Comparator.comparingInt(i -> -lengths[i]))
                .mapToInt(Integer::intValue).toArray();
        List<int[]> groups = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            groups.add(java.util.Arrays.copyOfRange(order, start, Math.min(order.length, start + batchSize)));
        }
        return groups;
    }

    /** The encodings at {@code indices} as one batch, right-padded. */
    TokenBatch batch(List<Encoding> encodings, int[] indices) {
        List<int[]> ids = new ArrayList<>(indices.length);
        List<int[]> types = new ArrayList<>(indices.length);
        for (int i : indices) {
            ids.add(encodings.get(i).ids());
            types.add(encodings.get(i).typeIds());
        }
        return TokenBatch.rightPadded(ids, types, padId);
    }
}
