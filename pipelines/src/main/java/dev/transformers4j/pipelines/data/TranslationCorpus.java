package dev.transformers4j.pipelines.data;

import dev.transformers4j.train.TranslationDataset;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One split of a translation corpus (training or validation): a source and a target file, read as a
 * {@link ParallelText}, checked, and encoded with the shared tokenizer into a {@link TranslationDataset}.
 *
 * <p>A sentence longer than the model's {@code max_position_embeddings} is cut to that many tokens with
 * {@code </s>} last, with a warning that counts them, as HF's {@code truncation=True} (run_translation.py's
 * {@code max_source_length}) cuts it. A pair longer than the batches' token budget ({@code max_tokens}, the CLI's
 * {@code --max-tokens}) on either side cannot be batched and is an error that names its line.
 */
public record TranslationCorpus(String split, Path sourceFile, Path targetFile, ParallelText text) {

    private static final Logger LOG = LoggerFactory.getLogger(TranslationCorpus.class);

    /**
     * Reads the two files.
     *
     * @throws DataFileException when they are not line-aligned (naming the line) or empty
     */
    public static TranslationCorpus read(String split, Path sourceFile, Path targetFile) {
        ParallelText text = ParallelText.read(sourceFile, targetFile);
        if (text.size() == 0) {
            throw new DataFileException(sourceFile, 0, "the " + split + " files have no sentence pair (" + sourceFile
                    + " and " + targetFile + " are empty)");
        }
        return new TranslationCorpus(split, sourceFile, targetFile, text);
    }

    /**
     * The pairs as ids, each side ending in {@code </s>} and at most {@code maxPositions} ids.
     *
     * @throws IllegalArgumentException when a pair has more than {@code maxTokens} ids on one side
     */
    public TranslationDataset encode(SharedVocabulary tok, int maxPositions, int maxTokens) {
        var src = tok.encodeAll(text.source(), maxPositions);
        var tgt = tok.encodeAll(text.target(), maxPositions);
        if (src.truncated() + tgt.truncated() > 0) {
            LOG.warn("{} / {}: {} source and {} target sentences of {} are longer than max_position_embeddings {}"
                    + " (longest {} and {} tokens); they are cut to {} tokens, </s> last, as HF's truncation=True does",
                    sourceFile, targetFile, src.truncated(), tgt.truncated(), text.size(), maxPositions,
                    src.longest(), tgt.longest(), maxPositions);
        }
        int longest = 0;
        int at = -1;
        for (int i = 0; i < text.size(); i++) {
            int size = Math.max(src.ids().get(i).length, tgt.ids().get(i).length);
            if (size > longest) {
                longest = size;
                at = i;
            }
        }
        if (longest > maxTokens) {
            throw new IllegalArgumentException("--max-tokens " + maxTokens + " is smaller than the longest " + split
                    + " pair: line " + (at + 1) + " of " + sourceFile + " / " + targetFile + " has "
                    + src.ids().get(at).length + " source and " + tgt.ids().get(at).length
                    + " target tokens (</s> included); give --max-tokens " + longest + " or more");
        }
        return new TranslationDataset(src.ids(), tgt.ids(), tok.padId(), tok.padId());
    }
}
