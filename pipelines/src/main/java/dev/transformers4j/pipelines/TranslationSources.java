package dev.transformers4j.pipelines;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Source texts → ids the encoder can take: {@code … </s>}, at most {@code max_position_embeddings} long. */
final class TranslationSources {

    private static final Logger LOG = LoggerFactory.getLogger(TranslationSources.class);

    private TranslationSources() {
    }

    /** The ids of every text, refused or cut (keeping the final {@code </s>}) when longer than {@code max}. */
    static List<int[]> encode(TranslationTokenizer tokenizer, List<String> texts, int max, TruncationPolicy policy) {
        List<int[]> sources = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            sources.add(fit(i, tokenizer.encodeSource(texts.get(i)), max, policy));
        }
        return sources;
    }

    private static int[] fit(int index, int[] ids, int max, TruncationPolicy policy) {
        if (ids.length <= max) {
            return ids;
        }
        if (policy == TruncationPolicy.ERROR) {
            throw new IllegalArgumentException("text " + (index + 1) + " has " + ids.length + " tokens but the model"
                    + " takes at most " + max + " (max_position_embeddings); truncation is off (t4j translate"
                    + " --truncation, TruncationPolicy.TRUNCATE)");
        }
        LOG.warn("text {} has {} tokens; truncated to the {} that the model takes (max_position_embeddings)",
                index + 1, ids.length, max);
        int[] cut = Arrays.copyOf(ids, max);
        cut[max - 1] = ids[ids.length - 1];
        return cut;
    }

    /** Fails unless there is at least one source and none is empty. */
    static void checkNotEmpty(List<int[]> sources) {
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("no sources to translate");
        }
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i).length == 0) {
                throw new IllegalArgumentException("source " + (i + 1) + " is empty (it needs at least one token,"
                        + " e.g. </s>)");
            }
        }
    }
}
